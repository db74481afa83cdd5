package org.vidssl.workflows;

import java.util.ArrayList;
import java.util.List;

/**
 * A KNIME XMLConfig tree, the format of {@code workflow.knime} and {@code settings.xml}: typed entries
 * ({@code xstring}, {@code xint}, ...) and nested configs, kept in insertion order. Arrays are written as KNIME's
 * {@code ConfigBase.addIntArray} writes them: a config with {@code array-size} and one entry per index.
 */
final class KnimeConfig {

    private static final String NAMESPACE = "http://www.knime.org/2008/09/XMLConfig";
    private static final String SCHEMA = "http://www.knime.org/XMLConfig_2008_09.xsd";

    /** One typed value; a null value is written as KNIME writes null strings ({@code isnull="true"}). */
    private record Entry(String key, String type, String value) {}

    private final String key;
    private final List<Object> children = new ArrayList<>();

    KnimeConfig(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    KnimeConfig addString(String entryKey, String value) {
        return add(entryKey, "xstring", value);
    }

    KnimeConfig addInt(String entryKey, int value) {
        return add(entryKey, "xint", Integer.toString(value));
    }

    KnimeConfig addLong(String entryKey, long value) {
        return add(entryKey, "xlong", Long.toString(value));
    }

    KnimeConfig addDouble(String entryKey, double value) {
        return add(entryKey, "xdouble", Double.toString(value));
    }

    KnimeConfig addFloat(String entryKey, float value) {
        return add(entryKey, "xfloat", Float.toString(value));
    }

    KnimeConfig addBoolean(String entryKey, boolean value) {
        return add(entryKey, "xboolean", Boolean.toString(value));
    }

    KnimeConfig addIntArray(String arrayKey, int... values) {
        KnimeConfig array = addConfig(arrayKey).addInt("array-size", values.length);
        for (int i = 0; i < values.length; i++) {
            array.addInt(Integer.toString(i), values[i]);
        }
        return this;
    }

    /** Adds an empty child config and returns it (not this). */
    KnimeConfig addConfig(String configKey) {
        requireNewKey(configKey);
        KnimeConfig child = new KnimeConfig(configKey);
        children.add(child);
        return child;
    }

    /** Adds a config built on its own (a node's model settings) as a child; returns this. */
    KnimeConfig addConfig(KnimeConfig child) {
        requireNewKey(child.key);
        children.add(child);
        return this;
    }

    private KnimeConfig add(String entryKey, String type, String value) {
        requireNewKey(entryKey);
        children.add(new Entry(entryKey, type, value));
        return this;
    }

    private void requireNewKey(String childKey) {
        for (Object child : children) {
            String existing = child instanceof Entry e ? e.key() : ((KnimeConfig) child).key;
            if (existing.equals(childKey)) {
                throw new IllegalArgumentException("Config '" + key + "' already has a child '" + childKey + "'");
            }
        }
    }

    /** The complete XML document, this config as the root element. */
    String toXml() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<config xmlns=\"")
                .append(NAMESPACE)
                .append("\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"")
                .append(" xsi:schemaLocation=\"")
                .append(NAMESPACE)
                .append(' ')
                .append(SCHEMA)
                .append("\" key=\"")
                .append(escape(key))
                .append("\">\n");
        writeChildren(xml, 1);
        return xml.append("</config>\n").toString();
    }

    private void writeChildren(StringBuilder xml, int depth) {
        String indent = "    ".repeat(depth);
        for (Object child : children) {
            if (child instanceof Entry e) {
                xml.append(indent)
                        .append("<entry key=\"")
                        .append(escape(e.key()))
                        .append("\" type=\"")
                        .append(e.type())
                        .append(
                                e.value() == null
                                        ? "\" isnull=\"true\" value=\"\"/>\n"
                                        : "\" value=\"" + escape(e.value()) + "\"/>\n");
            } else {
                KnimeConfig config = (KnimeConfig) child;
                if (config.children.isEmpty()) {
                    xml.append(indent)
                            .append("<config key=\"")
                            .append(escape(config.key))
                            .append("\"/>\n");
                } else {
                    xml.append(indent)
                            .append("<config key=\"")
                            .append(escape(config.key))
                            .append("\">\n");
                    config.writeChildren(xml, depth + 1);
                    xml.append(indent).append("</config>\n");
                }
            }
        }
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append("&#9;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
