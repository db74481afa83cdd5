package org.vidssl.knime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.WidgetGroup;
import org.knime.node.parameters.layout.Section;
import org.knime.node.parameters.widget.choices.Label;
import org.vidssl.knime.util.NodeDescriptionTexts;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Builds every node's description the way KNIME 5.6 does when it creates the factory (knime-core-ui's
 * DefaultNodeDescriptionUtil with OptionsAdder): the node name and the settings' titles go into XML as text and
 * attributes (escaped), while the short and full description, the port descriptions, every widget's description and
 * every enum constant's label description are inserted raw: each is wrapped in {@code <fragment>...</fragment>} and
 * parsed with a namespace-aware DOM parser. A parse error there makes KNIME's factory throw, and the node is
 * missing from the node repository, so any such error fails this test.
 */
class NodeDescriptionTest {

    private record Problem(String node, String where, String message) {
        @Override
        public String toString() {
            return node + " / " + where + ": " + message;
        }
    }

    /** Collects the parse errors of one node's description. */
    private static final class DescriptionBuilder {
        private final String m_node;
        private final DocumentBuilder m_parser;
        private final Document m_doc;
        private final List<Problem> m_problems;

        DescriptionBuilder(final String node, final List<Problem> problems) throws Exception {
            m_node = node;
            m_problems = problems;
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true); // as KNIME's NodeDescription.getDocumentBuilderFactory()
            m_parser = factory.newDocumentBuilder();
            m_doc = m_parser.newDocument();
        }

        /** Appends {@code xhtml} to {@code parent} as KNIME does, recording a parse error under {@code where}. */
        void appendRaw(final Element parent, final String where, final String xhtml) {
            try {
                Document parsed =
                        m_parser.parse(new InputSource(new StringReader("<fragment>" + xhtml + "</fragment>")));
                var children = parsed.getDocumentElement().getChildNodes();
                for (int i = 0; i < children.getLength(); i++) {
                    parent.appendChild(m_doc.importNode(children.item(i), true));
                }
            } catch (SAXException | IOException e) {
                m_problems.add(new Problem(m_node, where, e.getMessage()));
            }
        }

        Document build(final NodeDescriptionTexts texts) {
            Element node = m_doc.createElement("knimeNode");
            node.setAttribute("icon", texts.icon());
            Element name = m_doc.createElement("name");
            name.setTextContent(texts.name());
            node.appendChild(name);
            Element shortDescription = m_doc.createElement("shortDescription");
            appendRaw(shortDescription, "short description", texts.shortDescription());
            node.appendChild(shortDescription);
            Element full = m_doc.createElement("fullDescription");
            Element intro = m_doc.createElement("intro");
            appendRaw(intro, "full description", texts.fullDescription());
            full.appendChild(intro);
            Element tab = m_doc.createElement("tab");
            tab.setAttribute("name", "Options");
            addOptions(tab, texts.settingsClass());
            full.appendChild(tab);
            node.appendChild(full);
            Element ports = m_doc.createElement("ports");
            addPorts(ports, "inPort", texts.inputs());
            addPorts(ports, "outPort", texts.outputs());
            node.appendChild(ports);
            m_doc.appendChild(node);
            return m_doc;
        }

        private void addPorts(final Element ports, final String tag, final List<NodeDescriptionTexts.Port> list) {
            for (int i = 0; i < list.size(); i++) {
                Element port = m_doc.createElement(tag);
                port.setAttribute("index", Integer.toString(i));
                port.setAttribute("name", list.get(i).name());
                appendRaw(
                        port, tag + " '" + list.get(i).name() + "'", list.get(i).description());
                ports.appendChild(port);
            }
        }

        /** One option per widget, nested setting groups included, as KNIME's OptionsAdder lists them. */
        private void addOptions(final Element tab, final Class<?> settingsClass) {
            for (Class<?> layout : settingsClass.getDeclaredClasses()) {
                Section section = layout.getAnnotation(Section.class);
                if (section != null) { // the dialog shows a section's description as XHTML too
                    appendRaw(
                            m_doc.createElement("section"), "section '" + section.title() + "'", section.description());
                }
            }
            for (Field field : settingsClass.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Class<?> type = field.getType();
                Widget widget = field.getAnnotation(Widget.class);
                if (widget == null) {
                    if (WidgetGroup.class.isAssignableFrom(type)) {
                        addOptions(tab, type);
                    }
                    continue;
                }
                String description = widget.description();
                if (type.isEnum()) {
                    description += constantList(type);
                } else if (type.isArray() && WidgetGroup.class.isAssignableFrom(type.getComponentType())) {
                    description += childList(type.getComponentType());
                }
                Element option = m_doc.createElement("option");
                option.setAttribute("name", widget.title());
                appendRaw(option, "setting '" + widget.title() + "'", description);
                tab.appendChild(option);
                if (!type.isArray() && WidgetGroup.class.isAssignableFrom(type)) {
                    addOptions(tab, type);
                }
            }
        }

        /** KNIME's DescriptionUtil list: titles escaped, descriptions raw; nothing when no entry has one. */
        private static String list(final List<String[]> titlesAndDescriptions) {
            if (titlesAndDescriptions.stream().allMatch(e -> e[1] == null || e[1].isBlank())) {
                return "";
            }
            StringBuilder ul = new StringBuilder("\n<ul>");
            for (String[] e : titlesAndDescriptions) {
                String description = e[1] == null || e[1].isBlank() ? "" : ": " + e[1];
                ul.append("\n<li><b>")
                        .append(escape(e[0]))
                        .append("</b>")
                        .append(description)
                        .append("</li>");
            }
            return ul.append("\n</ul>").toString();
        }

        private static String constantList(final Class<?> enumType) {
            List<String[]> entries = new ArrayList<>();
            for (Object constant : enumType.getEnumConstants()) {
                String name = ((Enum<?>) constant).name();
                try {
                    Label label = enumType.getField(name).getAnnotation(Label.class);
                    entries.add(
                            label == null
                                    ? new String[] {name, null}
                                    : new String[] {label.value(), label.description()});
                } catch (NoSuchFieldException e) {
                    throw new IllegalStateException(e);
                }
            }
            return list(entries);
        }

        private static String childList(final Class<?> elementType) {
            List<String[]> entries = new ArrayList<>();
            for (Field child : elementType.getDeclaredFields()) {
                Widget w = child.getAnnotation(Widget.class);
                if (w != null) {
                    entries.add(new String[] {w.title(), w.description()});
                }
            }
            return list(entries);
        }

        private static String escape(final String text) {
            return text.replace("&", "&amp;")
                    .replace("<", "&lt;")
                    .replace(">", "&gt;")
                    .replace("\"", "&quot;")
                    .replace("'", "&#x27;");
        }
    }

    private static NodeDescriptionTexts texts(final Class<?> factory) throws IllegalAccessException {
        for (Field field : factory.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == NodeDescriptionTexts.class) {
                field.setAccessible(true);
                return (NodeDescriptionTexts) field.get(null);
            }
        }
        throw new AssertionError(factory.getName() + " keeps no NodeDescriptionTexts, so its description is untested");
    }

    static List<Class<?>> factories() throws Exception {
        Document plugin = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(Path.of("plugin.xml").toFile());
        var nodes = plugin.getElementsByTagName("node");
        List<Class<?>> factories = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            factories.add(Class.forName(((Element) nodes.item(i)).getAttribute("factory-class")));
        }
        return factories;
    }

    @Test
    void everyNodeDescriptionParsesAsKnimeBuildsIt() throws Exception {
        List<Class<?>> factories = factories();
        assertEquals(11, factories.size());
        List<Problem> problems = new ArrayList<>();
        for (Class<?> factory : factories) {
            NodeDescriptionTexts texts = texts(factory);
            Document description = new DescriptionBuilder(texts.name(), problems).build(texts);
            int options = description.getElementsByTagName("option").getLength();
            assertTrue(
                    options > 0 || problems.stream().anyMatch(p -> p.node().equals(texts.name())),
                    texts.name() + " documents no setting");
        }
        assertTrue(
                problems.isEmpty(),
                "KNIME cannot build these node descriptions (the node would be missing):\n"
                        + String.join(
                                "\n", problems.stream().map(Problem::toString).toList()));
    }

    @Test
    void aBareTagInASettingDescriptionIsReported() throws Exception {
        List<Problem> problems = new ArrayList<>();
        DescriptionBuilder builder = new DescriptionBuilder("Test node", problems);
        Document doc = builder.m_doc;
        builder.appendRaw(doc.createElement("option"), "setting 'Flow u'", "needs flow folders u/<video>).");
        builder.appendRaw(doc.createElement("option"), "setting 'Fine'", "<tt>u/&lt;video&gt;</tt>");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).toString().startsWith("Test node / setting 'Flow u': "), problems.toString());
    }
}
