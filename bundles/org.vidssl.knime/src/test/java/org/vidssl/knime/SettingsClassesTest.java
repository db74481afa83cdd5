package org.vidssl.knime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;

/**
 * KNIME persists every non-private field of a node's settings class under the node's "model" settings (key: the
 * field name without "m_") and documents it in the node description from its {@link Widget}. So every field must have
 * a widget with a title and a description,
 * a name the workflows can rely on (m_...), and a type KNIME persists by default.
 */
class SettingsClassesTest {

    private static final Path CLASSES = Path.of("target/classes");

    private static List<Class<?>> settingsClasses() throws IOException, ClassNotFoundException {
        try (Stream<Path> files = Files.walk(CLASSES.resolve("org/vidssl/knime/node"))) {
            List<String> names = files.map(f -> CLASSES.relativize(f).toString().replace('\\', '/'))
                    .filter(n -> n.endsWith("Settings.class"))
                    .map(n -> n.replace('/', '.').replace(".class", ""))
                    .toList();
            List<Class<?>> classes = new java.util.ArrayList<>();
            for (String name : names) {
                classes.add(Class.forName(name, false, SettingsClassesTest.class.getClassLoader()));
            }
            return classes;
        }
    }

    @Test
    void everyNodeHasOneSettingsClass() throws Exception {
        List<Class<?>> classes = settingsClasses();
        assertEquals(11, classes.size(), classes.toString());
        for (Class<?> c : classes) {
            assertTrue(NodeParameters.class.isAssignableFrom(c), c + " is not NodeParameters");
            assertTrue(Modifier.isPublic(c.getConstructor().getModifiers()), c + " needs a public constructor");
        }
    }

    @Test
    void everyPersistedFieldIsADocumentedWidgetOfAPersistableType() throws Exception {
        for (Class<?> c : settingsClasses()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                String where = c.getSimpleName() + "." + f.getName();
                // KNIME's key is the name without "m_"; private fields are not persisted at all
                assertTrue(f.getName().startsWith("m_"), where + ": field names start with m_");
                assertFalse(Modifier.isPrivate(f.getModifiers()), where + " is private, so KNIME would not save it");
                Widget widget = f.getAnnotation(Widget.class);
                assertTrue(widget != null, where + " has no @Widget, so it is neither shown nor documented");
                assertFalse(widget.title().isBlank(), where + " has no title");
                assertTrue(widget.description().length() > 10, where + " has no description");
                Class<?> type = f.getType();
                assertTrue(
                        type.isPrimitive() || type == String.class || type.isEnum(),
                        where + " has type " + type + ", which KNIME does not persist by default");
            }
        }
    }
}
