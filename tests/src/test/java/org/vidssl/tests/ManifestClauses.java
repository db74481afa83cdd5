package org.vidssl.tests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses OSGi manifest headers (Import-Package, Export-Package, Bundle-ClassPath, Require-Bundle) into clauses:
 * one entry per name, with its attributes ({@code version=...}) and directives ({@code resolution:=...}).
 */
record ManifestClauses(String name, Map<String, String> attributes, Map<String, String> directives) {

    static List<ManifestClauses> parse(String header) {
        List<ManifestClauses> clauses = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return clauses;
        }
        for (String clause : split(header, ',')) {
            List<String> names = new ArrayList<>();
            Map<String, String> attributes = new LinkedHashMap<>();
            Map<String, String> directives = new LinkedHashMap<>();
            for (String part : split(clause, ';')) {
                int directive = part.indexOf(":=");
                int attribute = part.indexOf('=');
                if (directive > 0) {
                    directives.put(part.substring(0, directive).trim(), unquote(part.substring(directive + 2)));
                } else if (attribute > 0) {
                    attributes.put(part.substring(0, attribute).trim(), unquote(part.substring(attribute + 1)));
                } else {
                    names.add(part.trim());
                }
            }
            for (String name : names) {
                clauses.add(new ManifestClauses(name, attributes, directives));
            }
        }
        return clauses;
    }

    boolean optional() {
        return "optional".equals(directives.get("resolution"));
    }

    private static String unquote(String value) {
        String trimmed = value.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
                ? trimmed.substring(1, trimmed.length() - 1)
                : trimmed;
    }

    /** Splits at separators outside double quotes (version ranges like "[1,2)" contain commas). */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            parts.add(current.toString());
        }
        return parts;
    }
}
