package org.vidssl.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.extract.ExtractSettings;
import org.vidssl.core.finetune.FinetuneSettings;
import org.vidssl.core.pretrain.PretrainSettings;
import org.vidssl.core.retrieval.RetrievalSettings;
import org.vidssl.core.settings.Settings;
import org.vidssl.knime.node.clip.ClipPipelineSettings;
import org.vidssl.knime.node.embed.VideoEmbeddingExtractorSettings;
import org.vidssl.knime.node.frames.VideoFrameExtractorSettings;
import org.vidssl.knime.node.knn.VideoKnnRetrievalSettings;
import org.vidssl.knime.node.learn.ActionRecognitionLearnerSettings;
import org.vidssl.knime.node.predict.ActionRecognitionPredictorSettings;
import org.vidssl.knime.node.pretrain.IicPretrainerSettings;
import org.vidssl.knime.node.synthetic.SyntheticMotionVideosSettings;
import org.vidssl.knime.util.PersistedFields;
import org.vidssl.video.decode.FrameExtractionSettings;
import org.vidssl.video.synth.SyntheticSettings;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The settings written into the example workflows, read back from their settings.xml files: every one is a setting
 * of the node's settings class, and every one the workflow does not override is the node's default and, where the
 * setting has the name of a component of the node's settings record, the record's default.
 */
class WorkflowSettingsTest {

    /** The record each node's settings stand for (see the knime module's RecordAgreementTest for the details). */
    static final Map<Class<?>, Class<? extends Record>> RECORDS = Map.of(
            SyntheticMotionVideosSettings.class, SyntheticSettings.class,
            VideoFrameExtractorSettings.class, FrameExtractionSettings.class,
            ClipPipelineSettings.class, ClipSettings.class,
            IicPretrainerSettings.class, PretrainSettings.class,
            VideoEmbeddingExtractorSettings.class, ExtractSettings.class,
            VideoKnnRetrievalSettings.class, RetrievalSettings.class,
            ActionRecognitionLearnerSettings.class, FinetuneSettings.class,
            ActionRecognitionPredictorSettings.class, FinetuneSettings.class);

    @Test
    void everyWrittenSettingExistsAndIsTheRecordsDefaultUnlessTheWorkflowOverridesIt(@TempDir Path tmp)
            throws Exception {
        ExampleWorkflows examples = new ExampleWorkflows("1.0.0");
        int checkedAgainstRecords = 0;
        for (KnimeWorkflow workflow : new KnimeWorkflow[] {examples.paper(), examples.quick()}) {
            workflow.writeFolder(tmp);
        }
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Map<Class<?>, Map<String, ?>>> w : examples.overrides.entrySet()) {
            List<Path> nodes = settingsFiles(tmp.resolve(w.getKey()));
            assertTrue(nodes.size() >= 10, w.getKey() + ": " + nodes);
            for (Path file : nodes) {
                Element root = parse(file);
                String factory = entries(root).get("factory");
                if (!factory.startsWith("org.vidssl.")) {
                    continue; // KNIME's own nodes
                }
                Class<?> settings = Class.forName(factory.replace("NodeFactory", "Settings"));
                String where = w.getKey() + "/" + settings.getSimpleName() + ".";
                Map<String, ?> overridden = w.getValue().get(settings);
                Map<String, String> written = entries(child(root, "model"));
                Map<String, Field> fields = PersistedFields.of(settings);
                assertEquals(fields.keySet(), written.keySet(), where + " writes exactly the settings class's fields");
                KnimeConfig defaults = new KnimeConfig("model");
                NodeParametersWriter.write(NodeParametersWriter.withOverrides(settings, Map.of()), defaults);
                Map<String, String> defaultValues = entries(parseXml(defaults.toXml()));
                for (Map.Entry<String, String> e : written.entrySet()) {
                    String key = e.getKey();
                    if (overridden.containsKey(key)) {
                        continue;
                    }
                    if (!e.getValue().equals(defaultValues.get(key))) {
                        wrong.add(
                                where + key + " is " + e.getValue() + ", the node's default " + defaultValues.get(key));
                    }
                    Optional<Settings.Declared> component = Settings.find(RECORDS.get(settings), key);
                    if (component.isPresent()) {
                        checkedAgainstRecords++;
                        String recordDefault = component.get().defaultText();
                        if (!sameValue(e.getValue(), recordDefault)) {
                            wrong.add(where + key + " is " + e.getValue() + ", the record's default " + recordDefault);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(checkedAgainstRecords > 50, "settings compared with their record: " + checkedAgainstRecords);
    }

    @Test
    void thePaperWorkflowOverridesOnlyItsOutputFolders() {
        ExampleWorkflows examples = new ExampleWorkflows("1.0.0");
        examples.paper();
        examples.overrides
                .get("IIC_Pipeline_Paper")
                .forEach((settings, o) -> assertTrue(
                        o.keySet().stream().allMatch(k -> k.equals("outputFolder")),
                        settings.getSimpleName() + ": " + o));
    }

    /** A written value (enum constants by name, numbers as KNIME writes them) against a record's default text. */
    private static boolean sameValue(String written, String recordDefault) {
        if (written.toLowerCase(Locale.ROOT).replace('_', '-').equals(recordDefault)) {
            return true;
        }
        try {
            return Double.parseDouble(written) == Double.parseDouble(recordDefault);
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    private static List<Path> settingsFiles(Path workflow) throws IOException {
        try (Stream<Path> files = Files.walk(workflow)) {
            return files.filter(f -> f.getFileName().toString().equals("settings.xml"))
                    .sorted()
                    .toList();
        }
    }

    private static Element parse(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(file.toFile())
                .getDocumentElement();
    }

    private static Element parseXml(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .getDocumentElement();
    }

    /** The direct children of a config: entries by key with their value, sub-configs as "config". */
    private static Map<String, String> entries(Element config) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Node n = config.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                m.put(e.getAttribute("key"), e.getTagName().equals("entry") ? e.getAttribute("value") : "config");
            }
        }
        return m;
    }

    private static Element child(Element config, String key) {
        for (Node n = config.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getAttribute("key").equals(key)) {
                return e;
            }
        }
        throw new AssertionError("no config " + key);
    }
}
