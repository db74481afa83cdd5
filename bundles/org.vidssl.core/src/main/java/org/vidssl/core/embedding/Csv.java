package org.vidssl.core.embedding;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Minimal RFC 4180 CSV: quoting on write, quoted fields (with commas, quotes, line breaks) on read. */
final class Csv {

    /** One record and the 1-based line it starts on. */
    record Record(int line, List<String> fields) {}

    private Csv() {}

    /** The field as written: quoted when it holds a comma, a quote, a line break or outer blanks. */
    static String quote(String field) {
        boolean needs = field.isEmpty()
                ? false
                : field.indexOf(',') >= 0
                        || field.indexOf('"') >= 0
                        || field.indexOf('\n') >= 0
                        || field.indexOf('\r') >= 0
                        || Character.isWhitespace(field.charAt(0))
                        || Character.isWhitespace(field.charAt(field.length() - 1));
        return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    /** Parses the whole text; CRLF, LF and CR end records outside quotes. */
    static List<Record> parse(Path file, String text) {
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean wasQuoted = false;
        int i = 0;
        while (i < text.length()) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    if (ch == '\n' || (ch == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                        line++;
                    }
                    field.append(ch);
                }
                i++;
                continue;
            }
            if (ch == '"' && field.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (ch == '\r' || ch == '\n') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                records.add(new Record(recordLine, List.copyOf(fields)));
                fields.clear();
                field.setLength(0);
                wasQuoted = false;
                line++;
                recordLine = line;
            } else if (wasQuoted) {
                throw new IllegalArgumentException(file + ":" + line
                        + ": text after a closing quote; write a quote inside a quoted field as \"\".");
            } else {
                field.append(ch);
            }
            i++;
        }
        if (quoted) {
            throw new IllegalArgumentException(
                    file + ":" + recordLine + ": a quoted field is never closed; add the closing quote.");
        }
        if (field.length() > 0 || !fields.isEmpty() || wasQuoted) {
            fields.add(field.toString());
            records.add(new Record(recordLine, List.copyOf(fields)));
        }
        return records;
    }
}
