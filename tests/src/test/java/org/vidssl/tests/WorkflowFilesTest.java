package org.vidssl.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.pretrain.PretrainSettings;
import org.vidssl.tests.KnimeNodeCatalog.Port;

/**
 * Reads every shipped example workflow from its .knwf archive (what users import) the way KNIME would read it, and
 * checks it against the code: each node's factory is one of our bundle's (or a known KNIME core node) with the
 * name it declares; its saved settings have exactly the keys and entry types the node's settings class persists
 * (KNIME's default persistence: non-private fields, {@code m_} removed), with enum values that exist, and pass the
 * settings' own validation; connections join existing ports of equal types, one per input, with every required
 * input connected; the archive holds the same files as the workflow folder. Also: the paper variant keeps the
 * paper's recipe (the core settings' defaults) and the quick variant is small.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkflowFilesTest {

    static final List<String> SHIPPED = List.of("IIC_Pipeline_Paper", "IIC_Pipeline_Quick");

    private Map<String, KnimeNodeCatalog.Node> catalog;
    private final Map<String, Map<String, byte[]>> archives = new LinkedHashMap<>();

    @BeforeAll
    void readArchivesAndCatalog() throws IOException {
        catalog = KnimeNodeCatalog.all();
        Path target = BuiltArtifacts.root().resolve("workflows/target");
        try (Stream<Path> files = Files.list(target)) {
            for (Path knwf :
                    files.filter(f -> f.toString().endsWith(".knwf")).sorted().toList()) {
                String name = knwf.getFileName().toString().replace(".knwf", "");
                archives.put(name, unzip(knwf));
            }
        }
    }

    @Test
    void bothVariantsAreBuiltAsKnwfArchives() {
        assertEquals(
                new TreeSet<>(SHIPPED),
                new TreeSet<>(archives.keySet()),
                "workflows/target should hold exactly the shipped .knwf archives (run ./mvnw -B verify from the root)");
    }

    @Test
    void ourFactoriesAreTheOnesPluginXmlRegisters() throws Exception {
        String pluginXml = Files.readString(BuiltArtifacts.root().resolve("bundles/org.vidssl.knime/plugin.xml"));
        for (KnimeNodeCatalog.Node node : KnimeNodeCatalog.ours().values()) {
            assertTrue(
                    pluginXml.contains("factory-class=\"" + node.factory() + "\""),
                    node.factory() + " is not registered in plugin.xml");
            Class.forName(node.factory(), false, getClass().getClassLoader()); // exists in the built bundle
            assertFalse(node.outputs().isEmpty() && node.inputs().isEmpty(), node.factory() + " has no ports");
        }
    }

    @Test
    void archivesHoldOneWorkflowFolderIdenticalToTheBuiltFolder() throws IOException {
        for (Map.Entry<String, Map<String, byte[]>> archive : archives.entrySet()) {
            String name = archive.getKey();
            Path folder =
                    BuiltArtifacts.root().resolve("workflows/target/workflows").resolve(name);
            assertTrue(archive.getValue().containsKey(name + "/workflow.knime"), name + ".knwf has no workflow.knime");
            int files = 0;
            for (Map.Entry<String, byte[]> entry : archive.getValue().entrySet()) {
                assertTrue(entry.getKey().startsWith(name + "/"), entry.getKey() + " is outside the workflow folder");
                if (!entry.getKey().endsWith("/")) {
                    files++;
                    Path onDisk = folder.resolve(entry.getKey().substring(name.length() + 1));
                    assertArrayEquals(
                            Files.readAllBytes(onDisk), entry.getValue(), onDisk + " differs from the archive");
                }
            }
            try (Stream<Path> walk = Files.walk(folder)) {
                assertEquals(walk.filter(Files::isRegularFile).count(), files, name + ": folder and archive differ");
            }
        }
    }

    @Test
    void nodesUseKnownFactoriesAndCarryExactlyTheirSettings() throws Exception {
        for (String name : archives.keySet()) {
            for (ParsedNode node : nodes(name).values()) {
                KnimeNodeCatalog.Node declared = node.declaration();
                XmlConfig settings = node.settings();
                assertEquals(declared.name(), settings.string("node-name"), node.where() + ": node name");
                XmlConfig model = settings.config("model");
                if (declared.settingsClass() == null) {
                    assertEquals(
                            new TreeSet<>(declared.modelKeys()), model.childKeys(), node.where() + ": settings keys");
                } else {
                    Object parameters = load(Class.forName(declared.settingsClass()), model, node.where());
                    validate(parameters, node.where());
                }
            }
        }
    }

    /**
     * KNIME configures every node of a loaded workflow whose inputs all have specs and saves it as CONFIGURED; a
     * node that gets no spec stays IDLE. Only the Learner's classifier has no spec before execution (its classes
     * come from the rows), so the Predictor and the Scorer after it stay IDLE, every other node is CONFIGURED; a
     * saved state that differs makes KNIME warn "State has changed" when the workflow opens.
     */
    @Test
    void nodesAreSavedInTheStateKnimeGivesThemOnLoad() throws Exception {
        for (String name : archives.keySet()) {
            Map<Integer, ParsedNode> nodes = nodes(name);
            XmlConfig workflow = XmlConfig.parse(archives.get(name).get(name + "/workflow.knime"), name);
            Map<Integer, String> expected = new TreeMap<>();
            for (ParsedNode node : nodes.values()) {
                expected.put(node.id(), "CONFIGURED");
            }
            boolean changed = true;
            while (changed) { // a node without an input spec makes its successors IDLE too
                changed = false;
                for (XmlConfig c : workflow.config("connections").configs().values()) {
                    ParsedNode source = nodes.get(c.integer("sourceID"));
                    boolean noSpec = source.declaration().name().equals("Action Recognition Learner")
                                    && c.integer("sourcePort") == 1
                            || expected.get(source.id()).equals("IDLE");
                    if (noSpec && !expected.put(c.integer("destID"), "IDLE").equals("IDLE")) {
                        changed = true;
                    }
                }
            }
            List<String> idle = new ArrayList<>();
            for (ParsedNode node : nodes.values()) {
                assertEquals(expected.get(node.id()), node.settings().string("state"), node.where() + ": state");
                if (expected.get(node.id()).equals("IDLE")) {
                    idle.add(node.declaration().name());
                }
            }
            assertEquals(
                    List.of("Action Recognition Predictor", "Scorer"),
                    idle.stream().sorted().toList(),
                    name);
            assertEquals("IDLE", workflow.string("state"), name + ": a workflow with an IDLE node is IDLE");
        }
    }

    @Test
    void outputFoldersAreInTheWorkflowDataArea() throws Exception {
        for (String name : archives.keySet()) {
            int folders = 0;
            for (ParsedNode node : nodes(name).values()) {
                XmlConfig model = node.settings().config("model");
                if (model.childKeys().contains("outputFolder")) {
                    String folder = model.entry("outputFolder", "xstring").value();
                    assertTrue(
                            folder.startsWith("knime://knime.workflow/data/"),
                            node.where() + ": output folder " + folder
                                    + " is outside the workflow's data area, so the workflow would not run as shipped");
                    folders++;
                }
            }
            assertEquals(2, folders, name + ": Synthetic Motion Videos and Video Frame Extractor write folders");
        }
    }

    @Test
    void connectionsJoinExistingPortsOfTheSameType() throws Exception {
        for (String name : archives.keySet()) {
            Map<Integer, ParsedNode> nodes = nodes(name);
            XmlConfig workflow = XmlConfig.parse(archives.get(name).get(name + "/workflow.knime"), name);
            Map<String, String> connectedInputs = new HashMap<>();
            for (XmlConfig c : workflow.config("connections").configs().values()) {
                ParsedNode source = nodes.get(c.integer("sourceID"));
                ParsedNode dest = nodes.get(c.integer("destID"));
                String where = name + " connection " + c.key();
                assertNotNull(source, where + ": no source node " + c.integer("sourceID"));
                assertNotNull(dest, where + ": no destination node " + c.integer("destID"));
                // KNIME counts the flow-variable port as 0: data ports start at 1
                int out = c.integer("sourcePort");
                int in = c.integer("destPort");
                List<Port> outputs = source.declaration().outputs();
                List<Port> inputs = dest.declaration().inputs();
                assertTrue(out >= 1 && out <= outputs.size(), where + ": " + source.where() + " has no output " + out);
                assertTrue(in >= 1 && in <= inputs.size(), where + ": " + dest.where() + " has no input " + in);
                assertEquals(
                        inputs.get(in - 1).type(),
                        outputs.get(out - 1).type(),
                        where + ": "
                                + source.where() + " output '"
                                + outputs.get(out - 1).name() + "' cannot feed " + dest.where()
                                + " input '" + inputs.get(in - 1).name() + "'");
                String input = dest.id() + ":" + in;
                assertFalse(
                        connectedInputs.containsKey(input),
                        where + ": " + dest.where() + " input " + in + " is connected twice");
                connectedInputs.put(input, c.key());
            }
            for (ParsedNode node : nodes.values()) {
                List<Port> inputs = node.declaration().inputs();
                for (int i = 0; i < inputs.size(); i++) {
                    assertTrue(
                            inputs.get(i).optional() || connectedInputs.containsKey(node.id() + ":" + (i + 1)),
                            name + ": required input '" + inputs.get(i).name() + "' of " + node.where()
                                    + " is not connected");
                }
            }
        }
    }

    @Test
    void paperVariantKeepsThePaperRecipeAndQuickVariantIsSmall() throws Exception {
        Map<String, Object> paperPretrain = modelOf("IIC_Pipeline_Paper", "IIC Pretrainer");
        Map<String, Object> paperClips = modelOf("IIC_Pipeline_Paper", "Clip Pipeline");
        assertEquals(PretrainSettings.DEFAULTS.epochs(), paperPretrain.get("epochs"));
        assertEquals(PretrainSettings.DEFAULTS.batchSize(), paperPretrain.get("batchSize"));
        assertEquals(PretrainSettings.DEFAULTS.learningRate(), paperPretrain.get("learningRate"));
        assertEquals(ClipSettings.DEFAULTS.clipLength(), paperClips.get("clipLength"));
        assertEquals(ClipSettings.DEFAULTS.cropSize(), paperClips.get("cropSize"));
        assertEquals(ClipSettings.DEFAULTS.testClips(), paperClips.get("testClips"));

        Map<String, Object> quickPretrain = modelOf("IIC_Pipeline_Quick", "IIC Pretrainer");
        Map<String, Object> quickClips = modelOf("IIC_Pipeline_Quick", "Clip Pipeline");
        Map<String, Object> quickLearner = modelOf("IIC_Pipeline_Quick", "Action Recognition Learner");
        assertTrue((Integer) quickPretrain.get("epochs") <= 10, "quick pretraining epochs: " + quickPretrain);
        assertTrue((Integer) quickLearner.get("epochs") <= 10, "quick fine-tuning epochs: " + quickLearner);
        assertTrue((Integer) quickClips.get("cropSize") <= 64, "quick crop size: " + quickClips);
        assertTrue((Integer) quickClips.get("clipLength") <= 8, "quick clip length: " + quickClips);
    }

    // ---- reading the workflows

    private record ParsedNode(int id, String where, KnimeNodeCatalog.Node declaration, XmlConfig settings) {}

    private Map<Integer, ParsedNode> nodes(String workflowName) {
        Map<String, byte[]> files = archives.get(workflowName);
        XmlConfig workflow = XmlConfig.parse(files.get(workflowName + "/workflow.knime"), workflowName);
        Map<Integer, ParsedNode> nodes = new TreeMap<>();
        for (XmlConfig n : workflow.config("nodes").configs().values()) {
            int id = n.integer("id");
            String settingsFile = n.string("node_settings_file");
            assertTrue(
                    settingsFile.endsWith(" (#" + id + ")/settings.xml"), settingsFile + " is not node " + id + "'s");
            assertEquals(
                    4, n.config("ui_settings").config("extrainfo.node.bounds").integer("array-size"));
            byte[] xml = files.get(workflowName + "/" + settingsFile);
            assertNotNull(xml, workflowName + ": " + settingsFile + " is missing from the archive");
            String where = workflowName + "/" + settingsFile;
            XmlConfig settings = XmlConfig.parse(xml, where);
            String factory = settings.string("factory");
            KnimeNodeCatalog.Node declaration = catalog.get(factory);
            if (declaration == null) {
                fail(where + ": factory " + factory + " is neither one of our nodes nor a known KNIME core node");
            }
            assertTrue(
                    nodes.put(id, new ParsedNode(id, where, declaration, settings)) == null,
                    "node id " + id + " twice");
        }
        return nodes;
    }

    /** The model settings of the only node with that name, as Java values (our nodes only). */
    private Map<String, Object> modelOf(String workflowName, String nodeName) throws Exception {
        List<ParsedNode> matching = new ArrayList<>();
        for (ParsedNode node : nodes(workflowName).values()) {
            if (node.declaration().name().equals(nodeName)) {
                matching.add(node);
            }
        }
        assertEquals(1, matching.size(), workflowName + " should have one " + nodeName);
        ParsedNode node = matching.get(0);
        Object parameters = load(
                Class.forName(node.declaration().settingsClass()),
                node.settings().config("model"),
                node.where());
        Map<String, Object> values = new TreeMap<>();
        for (Map.Entry<String, Field> f : persistedFields(parameters.getClass()).entrySet()) {
            values.put(f.getKey(), f.getValue().get(parameters));
        }
        return values;
    }

    // ---- KNIME's default NodeParameters persistence, as the test's own reading of it

    /** Fields KNIME persists: non-static, non-private, non-transient, not Void; key = name without m_ or @Persist. */
    static Map<String, Field> persistedFields(Class<?> type) {
        Map<String, Field> fields = new LinkedHashMap<>();
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            hierarchy.add(0, c);
        }
        for (Class<?> c : hierarchy) {
            for (Field field : c.getDeclaredFields()) {
                int mod = field.getModifiers();
                if (Modifier.isStatic(mod)
                        || Modifier.isPrivate(mod)
                        || Modifier.isTransient(mod)
                        || field.isSynthetic()
                        || field.getType() == Void.class) {
                    continue;
                }
                field.setAccessible(true);
                String key = field.getName().startsWith("m_") ? field.getName().substring(2) : field.getName();
                for (Annotation a : field.getAnnotations()) {
                    if (a.annotationType().getSimpleName().equals("Persist")) {
                        try {
                            String configKey = (String)
                                    a.annotationType().getMethod("configKey").invoke(a);
                            key = configKey.isEmpty() ? key : configKey;
                        } catch (ReflectiveOperationException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
                fields.put(key, field);
            }
        }
        return fields;
    }

    /** A new settings object with every persisted field read from {@code config}, which must hold exactly those. */
    private static Object load(Class<?> type, XmlConfig config, String where) throws Exception {
        var constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true);
        Object parameters = constructor.newInstance();
        Map<String, Field> fields = persistedFields(type);
        assertEquals(
                new TreeSet<>(fields.keySet()),
                config.childKeys(),
                where + ": the saved settings must have exactly the keys " + type.getSimpleName() + " persists");
        for (Map.Entry<String, Field> f : fields.entrySet()) {
            f.getValue().set(parameters, read(f.getValue().getType(), config, f.getKey(), where));
        }
        return parameters;
    }

    private static Object read(Class<?> type, XmlConfig config, String key, String where) throws Exception {
        String at = where + " setting '" + key + "'";
        try {
            if (type == int.class || type == Integer.class) {
                return Integer.parseInt(config.entry(key, "xint").value());
            } else if (type == long.class || type == Long.class) {
                return Long.parseLong(config.entry(key, "xlong").value());
            } else if (type == double.class || type == Double.class) {
                return Double.parseDouble(config.entry(key, "xdouble").value());
            } else if (type == boolean.class || type == Boolean.class) {
                String value = config.entry(key, "xboolean").value();
                assertTrue(value.equals("true") || value.equals("false"), at + ": not a boolean: " + value);
                return Boolean.parseBoolean(value);
            } else if (type == String.class) {
                return config.entry(key, "xstring").value();
            } else if (type.isEnum()) {
                String name = config.entry(key, "xstring").value();
                for (Object constant : type.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equals(name)) {
                        return constant;
                    }
                }
                fail(at + ": '" + name + "' is not a constant of " + type.getSimpleName());
            } else if (type == int[].class) {
                XmlConfig array = config.config(key);
                int[] values = new int[array.integer("array-size")];
                for (int i = 0; i < values.length; i++) {
                    values[i] = array.integer(Integer.toString(i));
                }
                return values;
            } else if (type.isArray()) {
                XmlConfig array = config.config(key);
                Object values = java.lang.reflect.Array.newInstance(
                        type.getComponentType(), array.configs().size());
                for (int i = 0; i < array.configs().size(); i++) {
                    java.lang.reflect.Array.set(
                            values,
                            i,
                            load(type.getComponentType(), array.config(Integer.toString(i)), at + "[" + i + "]"));
                }
                return values;
            } else if (org.knime.node.parameters.persistence.Persistable.class.isAssignableFrom(type)) {
                return load(type, config.config(key), at);
            }
        } catch (IllegalArgumentException e) {
            fail(at + ": " + e.getMessage());
        }
        throw new AssertionError(at + ": the workflow test does not know how KNIME persists " + type.getName());
    }

    /** Runs the settings class's own validate(), as KNIME does before configure. */
    private static void validate(Object parameters, String where) throws Exception {
        Method validate = parameters.getClass().getMethod("validate");
        if (validate.getDeclaringClass().isInterface()) {
            return; // no validation of its own
        }
        try {
            validate.invoke(parameters);
        } catch (InvocationTargetException e) {
            fail(where + ": the settings do not validate: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static Map<String, byte[]> unzip(Path knwf) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(knwf);
                ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }
}
