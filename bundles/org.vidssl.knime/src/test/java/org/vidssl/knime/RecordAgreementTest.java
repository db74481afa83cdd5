package org.vidssl.knime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveDoubleValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.dataset.DatasetSettings;
import org.vidssl.core.extract.ExtractSettings;
import org.vidssl.core.finetune.FinetuneSettings;
import org.vidssl.core.pretrain.PretrainSettings;
import org.vidssl.core.retrieval.RetrievalSettings;
import org.vidssl.core.settings.Setting;
import org.vidssl.core.settings.Settings;
import org.vidssl.knime.node.clip.ClipPipelineSettings;
import org.vidssl.knime.node.embed.VideoEmbeddingExtractorSettings;
import org.vidssl.knime.node.frames.VideoFrameExtractorSettings;
import org.vidssl.knime.node.knn.VideoKnnRetrievalSettings;
import org.vidssl.knime.node.learn.ActionRecognitionLearnerSettings;
import org.vidssl.knime.node.modelreader.VideoModelReaderSettings;
import org.vidssl.knime.node.modelwriter.VideoModelWriterSettings;
import org.vidssl.knime.node.predict.ActionRecognitionPredictorSettings;
import org.vidssl.knime.node.pretrain.IicPretrainerSettings;
import org.vidssl.knime.node.reader.VideoDatasetReaderSettings;
import org.vidssl.knime.node.synthetic.SyntheticMotionVideosSettings;
import org.vidssl.video.decode.FrameExtractionSettings;
import org.vidssl.video.synth.SyntheticSettings;

/**
 * Every dialog setting that stands for a settings record's component agrees with the record's declaration: its
 * default is the record's, its title is the record's label (or the node's {@code TITLES} name for it), a default
 * its description names is the record's, and its number widget accepts every value the record accepts. KNIME's
 * annotations take only constants, so this test is what keeps them in step with the records.
 */
class RecordAgreementTest {

    /**
     * One node: its settings class, the record its fields stand for (field {@code m_x} for component {@code x},
     * unless {@code renamed} says otherwise) and the fields of its own.
     */
    record Node(
            Class<? extends NodeParameters> settings,
            Class<? extends Record> record,
            Map<String, String> renamed,
            Set<String> own) {}

    static Stream<Arguments> nodes() {
        return Stream.of(
                        new Node(
                                IicPretrainerSettings.class,
                                PretrainSettings.class,
                                Map.of(
                                        "m_architecture",
                                        "model",
                                        "m_lrSteps",
                                        "lrMilestones",
                                        "m_negatives",
                                        "nceK",
                                        "m_temperature",
                                        "nceT",
                                        "m_memoryMomentum",
                                        "nceM",
                                        "m_simclrTemperature",
                                        "simclrT",
                                        "m_mocoMomentum",
                                        "mocoM",
                                        "m_loaderThreads",
                                        "threads",
                                        "m_checkpointFolder",
                                        "checkpointDir"),
                                Set.of("m_trainSplitOnly", "m_resume")),
                        new Node(
                                ActionRecognitionLearnerSettings.class,
                                FinetuneSettings.class,
                                Map.of(
                                        "m_architecture",
                                        "model",
                                        "m_input",
                                        "modality",
                                        "m_loaderThreads",
                                        "threads",
                                        "m_checkpointFolder",
                                        "checkpointDir"),
                                Set.of("m_trainSplitOnly", "m_resume")),
                        new Node(
                                ActionRecognitionPredictorSettings.class,
                                FinetuneSettings.class,
                                Map.of("m_clipsPerVideo", "testClips", "m_loaderThreads", "threads"),
                                Set.of("m_appendProbabilities")),
                        new Node(
                                ClipPipelineSettings.class,
                                ClipSettings.class,
                                Map.of(),
                                Set.of("m_flowFolder", "m_previewVideos")),
                        new Node(
                                VideoEmbeddingExtractorSettings.class,
                                ExtractSettings.class,
                                Map.of("m_loaderThreads", "threads"),
                                Set.of()),
                        new Node(
                                VideoKnnRetrievalSettings.class,
                                RetrievalSettings.class,
                                Map.of(),
                                Set.of(
                                        "m_embeddingColumn",
                                        "m_classColumn",
                                        "m_idColumn",
                                        "m_neighboursListed",
                                        "m_thumbnails",
                                        "m_device")),
                        new Node(
                                VideoDatasetReaderSettings.class,
                                DatasetSettings.class,
                                Map.of("m_datasetRoot", "root", "m_splitFolder", "splitDir"),
                                Set.of()),
                        new Node(
                                VideoFrameExtractorSettings.class,
                                FrameExtractionSettings.class,
                                Map.of(),
                                Set.of("m_outputFolder")),
                        new Node(
                                SyntheticMotionVideosSettings.class,
                                SyntheticSettings.class,
                                Map.of(),
                                Set.of("m_outputFolder")),
                        // the reader's and writer's settings describe a file, not a training step
                        new Node(
                                VideoModelReaderSettings.class,
                                null,
                                Map.of(),
                                Set.of(
                                        "m_file",
                                        "m_kind",
                                        "m_architecture",
                                        "m_modality",
                                        "m_clipLength",
                                        "m_cropSize")),
                        new Node(
                                VideoModelWriterSettings.class,
                                null,
                                Map.of(),
                                Set.of("m_file", "m_format", "m_overwrite")))
                .map(n -> Arguments.of(n.settings().getSimpleName(), n));
    }

    /** "default 1", else "(the paper: 240)", "(usually 0.1)", "The paper uses 16": the default a description names. */
    private static final Pattern NAMED_DEFAULT = Pattern.compile("(?i)default ([0-9](?:[0-9.e\\-, ]*[0-9])?)|"
            + "(?:the paper(?:'s [a-z ]+)?:|the paper uses|usually) ([0-9](?:[0-9.e\\-, ]*[0-9])?)");

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodes")
    void everyDialogSettingAgreesWithItsRecord(final String name, final Node node) throws Exception {
        Object dialog = node.settings().getConstructor().newInstance();
        Map<String, String> titles = titles(node.settings());
        Set<String> unlisted = new TreeSet<>();
        Set<String> own = new TreeSet<>();
        List<String> wrong = new ArrayList<>();
        for (Field f : node.settings().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            String component =
                    node.renamed().getOrDefault(f.getName(), f.getName().substring(2));
            Optional<Settings.Declared> found =
                    node.record() == null ? Optional.empty() : Settings.find(node.record(), component);
            if (found.isEmpty()) {
                own.add(f.getName());
                continue;
            }
            if (node.own().contains(f.getName())) {
                unlisted.add(f.getName() + " is listed as own but stands for " + component);
            }
            Settings.Declared s = found.get();
            f.setAccessible(true);
            String where = name + "." + f.getName();
            String value = text(f.get(dialog));
            if (!value.equals(s.defaultText())) {
                wrong.add(where + " defaults to " + value + ", the record to " + s.defaultText());
            }
            Widget widget = f.getAnnotation(Widget.class);
            String title = titles.getOrDefault(s.label(), s.label());
            if (!widget.title().equals(title)) {
                wrong.add(where + " is titled '" + widget.title() + "', the record's label is '" + s.label() + "'"
                        + (title.equals(s.label()) ? "" : " (TITLES: '" + title + "')"));
            }
            Matcher named = NAMED_DEFAULT.matcher(widget.description());
            String namedDefault =
                    named.find() ? named.group(named.group(1) != null ? 1 : 2).replace(" ", "") : null;
            if (namedDefault != null && !namedDefault.equals(s.defaultText())) {
                wrong.add(where + "'s description names the default " + namedDefault + ", the record's is "
                        + s.defaultText());
            }
            String range = rangeProblem(f.getAnnotation(NumberInputWidget.class), s.declaration());
            if (range != null) {
                wrong.add(where + ": " + range);
            }
        }
        for (String o : node.own()) {
            if (!own.contains(o)) {
                unlisted.add(o + " is listed as own but is no field without a record counterpart");
            }
        }
        for (String o : own) {
            if (!node.own().contains(o)) {
                unlisted.add(o + " stands for no component of " + node.record() + ": list it as own or map it");
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(Set.of(), unlisted);
    }

    /** The node's engine-label-to-title map ({@code static TITLES}), or none. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> titles(final Class<?> settings) throws IllegalAccessException {
        try {
            Field f = settings.getDeclaredField("TITLES");
            f.setAccessible(true);
            return (Map<String, String>) f.get(null);
        } catch (NoSuchFieldException none) {
            return Map.of();
        }
    }

    /** A dialog value as the record's default text: choices by name in lower case with dashes. */
    private static String text(final Object value) {
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
        return Settings.text(value);
    }

    /** Why the widget's minimum rejects a value the record accepts (the record checks the rest), or null. */
    private static String rangeProblem(final NumberInputWidget widget, final Setting declared) {
        Class<?> v = widget == null ? MinValidation.class : widget.minValidation();
        if (v == MinValidation.class) {
            return null;
        }
        if (declared.min() == Double.NEGATIVE_INFINITY) {
            return null; // the record checks the value by hand (e.g. both frame sides at once)
        }
        double widgetMin = v == IsPositiveIntegerValidation.class ? 1 : 0;
        boolean widgetOpen = v == IsPositiveDoubleValidation.class;
        boolean rejectsValid =
                declared.min() < widgetMin || declared.min() == widgetMin && widgetOpen && !declared.minOpen();
        return rejectsValid
                ? "the widget's minimum (" + v.getSimpleName() + ") rejects the record's minimum " + declared.min()
                : null;
    }
}
