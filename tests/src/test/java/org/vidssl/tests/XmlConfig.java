package org.vidssl.tests;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A parsed KNIME XMLConfig file (workflow.knime, settings.xml): nested configs and typed entries by key, in file
 * order. Read with the JDK's DOM parser, independently of the code that writes the workflows.
 */
record XmlConfig(String key, Map<String, Value> entries, Map<String, XmlConfig> configs) {

    /** One entry: its KNIME type (xstring, xint, ...) and text; {@code value} is null for isnull="true". */
    record Value(String type, String value) {}

    static XmlConfig parse(byte[] xml, String where) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Element root = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml))
                    .getDocumentElement();
            if (!root.getLocalName().equals("config")
                    || !"http://www.knime.org/2008/09/XMLConfig".equals(root.getNamespaceURI())) {
                throw new IllegalArgumentException(where + " is not a KNIME XMLConfig document");
            }
            return read(root, where);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException(where + " is not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static XmlConfig read(Element element, String where) {
        Map<String, Value> entries = new LinkedHashMap<>();
        Map<String, XmlConfig> configs = new LinkedHashMap<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                String childKey = e.getAttribute("key");
                if (entries.containsKey(childKey) || configs.containsKey(childKey)) {
                    throw new IllegalArgumentException(where + ": key '" + childKey + "' appears twice in config '"
                            + element.getAttribute("key") + "'");
                }
                switch (e.getLocalName()) {
                    case "entry" ->
                        entries.put(
                                childKey,
                                new Value(
                                        e.getAttribute("type"),
                                        "true".equals(e.getAttribute("isnull")) ? null : e.getAttribute("value")));
                    case "config" -> configs.put(childKey, read(e, where));
                    default -> throw new IllegalArgumentException(where + ": unexpected element " + e.getLocalName());
                }
            }
        }
        return new XmlConfig(element.getAttribute("key"), entries, configs);
    }

    /** The set of child keys (entries and configs). */
    java.util.Set<String> childKeys() {
        java.util.Set<String> keys = new java.util.TreeSet<>(entries.keySet());
        keys.addAll(configs.keySet());
        return keys;
    }

    XmlConfig config(String childKey) {
        XmlConfig child = configs.get(childKey);
        if (child == null) {
            throw new IllegalArgumentException("Config '" + key + "' has no config '" + childKey + "'");
        }
        return child;
    }

    String string(String entryKey) {
        return entry(entryKey, "xstring").value();
    }

    int integer(String entryKey) {
        return Integer.parseInt(entry(entryKey, "xint").value());
    }

    Value entry(String entryKey, String type) {
        Value v = entries.get(entryKey);
        if (v == null) {
            throw new IllegalArgumentException("Config '" + key + "' has no entry '" + entryKey + "'");
        }
        if (!v.type().equals(type)) {
            throw new IllegalArgumentException(
                    "Entry '" + entryKey + "' of config '" + key + "' is " + v.type() + ", expected " + type);
        }
        return v;
    }
}
