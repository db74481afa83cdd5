package org.vidssl.knime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.webui.node.impl.WebUINodeFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * plugin.xml is only read by a running KNIME, so a typo in a class name would show up there first. This test
 * checks every class it names against the compiled bundle. Classes are loaded without initialising them: their
 * static fields call the KNIME runtime, which the compile-only declarations do not provide.
 */
class PluginXmlTest {

    private static final Path BUNDLE_ROOT = Path.of(".");
    private static final Path CLASSES = BUNDLE_ROOT.resolve("target/classes");

    private static Document plugin;

    @BeforeAll
    static void parse() throws Exception {
        plugin = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(BUNDLE_ROOT.resolve("plugin.xml").toFile());
    }

    private static List<Element> elements(final String name) {
        NodeList list = plugin.getElementsByTagName(name);
        List<Element> result = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            result.add((Element) list.item(i));
        }
        return result;
    }

    private static Class<?> compiled(final String className) throws ClassNotFoundException {
        Path file = CLASSES.resolve(className.replace('.', '/') + ".class");
        assertTrue(Files.isRegularFile(file), className + " is named in plugin.xml but not compiled into the bundle");
        return Class.forName(className, false, PluginXmlTest.class.getClassLoader());
    }

    @Test
    void categoryIsUnderCommunityAndItsIconIsPackaged() {
        List<Element> categories = elements("category");
        assertEquals(1, categories.size());
        Element category = categories.get(0);
        assertEquals("/community", category.getAttribute("path"));
        assertEquals("Video Self-Supervised Learning", category.getAttribute("name"));
        assertTrue(
                Files.isRegularFile(CLASSES.resolve(category.getAttribute("icon"))),
                "category icon must be copied into the bundle by bnd -includeresource");
        assertTrue(Files.isRegularFile(CLASSES.resolve("plugin.xml")), "plugin.xml must be in the bundle root");
    }

    @Test
    void everyNodeFactoryExistsIsConcreteAndHasAnIcon() throws Exception {
        List<Element> nodes = elements("node");
        assertEquals(11, nodes.size(), "the product has 11 nodes");
        String categoryPath = "/community/" + elements("category").get(0).getAttribute("level-id");
        for (Element node : nodes) {
            assertEquals(categoryPath, node.getAttribute("category-path"));
            Class<?> factory = compiled(node.getAttribute("factory-class"));
            assertTrue(WebUINodeFactory.class.isAssignableFrom(factory), factory + " is not a WebUINodeFactory");
            assertFalse(Modifier.isAbstract(factory.getModifiers()), factory + " is abstract");
            assertTrue(
                    Modifier.isPublic(factory.getConstructor().getModifiers()),
                    factory + " needs a public no-argument constructor");
            try (Stream<Path> files =
                    Files.list(CLASSES.resolve(factory.getPackageName().replace('.', '/')))) {
                assertTrue(files.anyMatch(f -> f.toString().endsWith(".png")), factory + " has no icon next to it");
            }
        }
    }

    @Test
    void everyPortTypeClassAndSerializerExists() throws Exception {
        List<Element> ports = elements("portType");
        assertEquals(3, ports.size());
        for (Element port : ports) {
            assertFalse(port.getAttribute("name").isBlank());
            assertTrue(port.getAttribute("color").matches("#[0-9a-fA-F]{6}"));
            Class<?> object = compiled(port.getAttribute("objectClass"));
            Class<?> spec = compiled(port.getAttribute("specClass"));
            Class<?> objectSerializer = compiled(port.getAttribute("objectSerializer"));
            Class<?> specSerializer = compiled(port.getAttribute("specSerializer"));
            assertTrue(PortObject.class.isAssignableFrom(object));
            assertTrue(PortObjectSpec.class.isAssignableFrom(spec));
            assertTrue(PortObject.PortObjectSerializer.class.isAssignableFrom(objectSerializer));
            assertTrue(PortObjectSpec.PortObjectSpecSerializer.class.isAssignableFrom(specSerializer));
            for (Class<?> c : List.of(objectSerializer, specSerializer, spec)) {
                // KNIME instantiates these reflectively
                assertTrue(Modifier.isPublic(c.getConstructor().getModifiers()), c + " needs a public constructor");
            }
        }
    }
}
