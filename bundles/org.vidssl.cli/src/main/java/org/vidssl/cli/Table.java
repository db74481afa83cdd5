package org.vidssl.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns (numbers right-aligned), for summaries on stdout. */
final class Table {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... header) {
        this.header = List.of(header);
    }

    Table row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("A row needs " + header.size() + " cells, got " + cells.length + ".");
        }
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(String.valueOf(c));
        }
        rows.add(r);
        return this;
    }

    int size() {
        return rows.size();
    }

    @Override
    public String toString() {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> r : rows) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        StringBuilder s = new StringBuilder();
        append(s, header, widths);
        for (int i = 0; i < widths.length; i++) {
            s.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
        }
        s.append('\n');
        for (List<String> r : rows) {
            append(s, r, widths);
        }
        return s.toString();
    }

    private static void append(StringBuilder s, List<String> cells, int[] widths) {
        for (int i = 0; i < widths.length; i++) {
            String c = cells.get(i);
            String pad = " ".repeat(widths[i] - c.length());
            s.append(i == 0 ? "" : "  ")
                    .append(i > 0 && isNumber(c) ? pad + c : c + (i == widths.length - 1 ? "" : pad));
        }
        s.append('\n');
    }

    private static boolean isNumber(String c) {
        return c.matches("[-+]?[0-9.,]+(e[-+]?\\d+)?%?");
    }
}
