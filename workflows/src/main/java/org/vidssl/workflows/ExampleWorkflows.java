package org.vidssl.workflows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vidssl.knime.node.clip.ClipPipelineNodeFactory;
import org.vidssl.knime.node.clip.ClipPipelineSettings;
import org.vidssl.knime.node.embed.VideoEmbeddingExtractorNodeFactory;
import org.vidssl.knime.node.embed.VideoEmbeddingExtractorSettings;
import org.vidssl.knime.node.frames.VideoFrameExtractorNodeFactory;
import org.vidssl.knime.node.frames.VideoFrameExtractorSettings;
import org.vidssl.knime.node.knn.VideoKnnRetrievalNodeFactory;
import org.vidssl.knime.node.knn.VideoKnnRetrievalSettings;
import org.vidssl.knime.node.learn.ActionRecognitionLearnerNodeFactory;
import org.vidssl.knime.node.learn.ActionRecognitionLearnerSettings;
import org.vidssl.knime.node.predict.ActionRecognitionPredictorNodeFactory;
import org.vidssl.knime.node.predict.ActionRecognitionPredictorSettings;
import org.vidssl.knime.node.pretrain.IicPretrainerNodeFactory;
import org.vidssl.knime.node.pretrain.IicPretrainerSettings;
import org.vidssl.knime.node.synthetic.SyntheticMotionVideosNodeFactory;
import org.vidssl.knime.node.synthetic.SyntheticMotionVideosSettings;
import org.vidssl.knime.util.VideoTable;
import org.vidssl.workflows.KnimeWorkflow.NodeType;
import org.vidssl.workflows.KnimeWorkflow.Origin;

/**
 * The example workflows: the paper's pipeline (docs/paper.md) as KNIME nodes, in two sizes.
 * <ul>
 * <li>{@code IIC_Pipeline_Paper}: every node at its defaults, which are the paper's recipe (240 pretraining epochs,
 * 16-frame 112x112 clips, R3D, memory bank, 10 test clips per video); the synthetic dataset at its default size.
 * Hours to days on a CPU, meant for a GPU. Replace the Synthetic Motion Videos node by a Video Dataset Reader on
 * UCF101 to reproduce the paper.</li>
 * <li>{@code IIC_Pipeline_Quick}: the same graph sized for a laptop CPU (minutes): a small synthetic set with faster
 * motion (at the default speed fine-tuning on so few videos memorises appearance), short
 * small clips, few epochs, SimCLR negatives, which learn within few epochs.</li>
 * </ul>
 * Graph: Synthetic Motion Videos, Video Frame Extractor, Clip Pipeline, IIC Pretrainer; a Row Splitter (KNIME
 * core) splits the decoded videos into train and test by the Split column; a Video Embedding Extractor per split
 * feeds Video kNN Retrieval (test queries against the train database); the Action Recognition Learner fine-tunes
 * the pretrained encoder on the train split, the Predictor labels the test split, KNIME's Scorer scores it.
 * Settings are written from the nodes' settings classes, so a workflow carries exactly the settings the node has,
 * with the node's defaults unless overridden here (an override of a missing setting fails the build).
 */
public final class ExampleWorkflows {

    /** Our nodes' bundle and feature (the version is the build's OSGi version). */
    private static Origin vidssl(String osgiVersion) {
        return new Origin(
                "IIC video SSL - KNIME nodes",
                "org.vidssl.knime",
                "vidssl",
                osgiVersion,
                "Video Self-Supervised Learning (IIC)",
                "org.vidssl.feature",
                "vidssl",
                osgiVersion);
    }

    /** KNIME's own nodes (Row Splitter, Scorer) come with every KNIME Analytics Platform. */
    private static final Origin KNIME_BASE = new Origin(
            "KNIME Base Nodes", "org.knime.base", "KNIME AG", KnimeWorkflow.CREATED_BY, null, null, null, "0.0.0");

    private static final String ROW_SPLITTER = "org.knime.base.node.preproc.filter.row3.RowSplitterNodeFactory";
    private static final String SCORER = "org.knime.base.node.mine.scorer.accuracy.AccuracyScorer2NodeFactory";
    /** The Predictor's output column ("Prediction (<target>)", KNIME's naming, which the Scorer pairs with Class). */
    static final String PREDICTION_COLUMN = "Prediction (" + VideoTable.CLASS + ")";
    /** Output folders in the workflow's data area, so the workflows run as shipped and keep their data with them. */
    static final String SYNTHETIC_FOLDER = "knime://knime.workflow/data/synthetic";

    static final String FRAMES_FOLDER = "knime://knime.workflow/data/frames";

    private final String osgiVersion;
    /** Per workflow name, the settings each node's settings class overrides (the workflow test reads them). */
    final Map<String, Map<Class<?>, Map<String, ?>>> overrides = new LinkedHashMap<>();

    ExampleWorkflows(String osgiVersion) {
        this.osgiVersion = osgiVersion;
    }

    /** Writes both workflows: {@code <target>/workflows/<name>/} and {@code <target>/<name>.knwf}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("Usage: ExampleWorkflows <target folder> <OSGi version of the bundles>");
        }
        Path target = Path.of(args[0]);
        ExampleWorkflows examples = new ExampleWorkflows(args[1]);
        for (KnimeWorkflow workflow : new KnimeWorkflow[] {examples.paper(), examples.quick()}) {
            workflow.writeFolder(target.resolve("workflows"));
            System.out.println("Wrote " + workflow.writeArchive(target));
        }
    }

    KnimeWorkflow paper() {
        return pipeline(
                "IIC_Pipeline_Paper",
                """
            The IIC pipeline (Tao et al., ACM MM 2020) with the paper's settings: every node at its defaults \
            (R3D, 16-frame 112x112 clips, residual view, repeat intra-negative, memory bank, 240 pretraining epochs, \
            10 test clips per video). Meant for a GPU (set Device to gpu in the IIC Pretrainer, the Embedding \
            Extractors, the Learner and the Predictor). To reproduce the paper, replace Synthetic Motion Videos by \
            a Video Dataset Reader on UCF101 (split 1). Videos and frames are written to the workflow's data folder \
            (knime://knime.workflow/data/).""",
                Map.of("outputFolder", SYNTHETIC_FOLDER),
                Map.of("outputFolder", FRAMES_FOLDER),
                Map.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                Map.of());
    }

    KnimeWorkflow quick() {
        return pipeline(
                "IIC_Pipeline_Quick",
                """
            The IIC pipeline sized for a laptop CPU (minutes): 5 motion classes x 8 synthetic videos (objects \
            at three times the default motion speed), 8-frame \
            56x56 clips, a quarter-width R3D, SimCLR negatives (which learn within few epochs), 6 pretraining and 6 \
            fine-tuning epochs, \
            2 test clips per video. The same graph as IIC_Pipeline_Paper; only the sizes and the motion speed \
            differ. Videos and frames are written to the workflow's data folder (knime://knime.workflow/data/).""",
                ordered(
                        "outputFolder",
                        SYNTHETIC_FOLDER,
                        "classes",
                        5,
                        "videosPerClass",
                        8,
                        "frames",
                        24,
                        "height",
                        64,
                        "width",
                        86,
                        // as the CLI demo: at speed 1 fine-tuning on 8 videos per class memorises appearance
                        "motionSpeed",
                        3.0),
                ordered("outputFolder", FRAMES_FOLDER, "height", 64, "width", 86),
                ordered(
                        "clipLength",
                        8,
                        "resizeHeight",
                        64,
                        "resizeWidth",
                        86,
                        "cropSize",
                        56,
                        "testClips",
                        2,
                        "previewVideos",
                        2),
                ordered(
                        "objective",
                        "SIMCLR",
                        "epochs",
                        6,
                        "batchSize",
                        8,
                        "learningRate",
                        0.05,
                        "lrSteps",
                        "",
                        "width",
                        16),
                ordered("clipsPerVideo", 2, "batchSize", 4),
                ordered("ks", "1,5,10"),
                ordered("clipLength", 8, "cropSize", 56, "epochs", 6, "batchSize", 8, "learningRate", 0.01),
                ordered("clipsPerVideo", 2, "batchSize", 4));
    }

    /** The pipeline graph; each map overrides one node's default settings (keys are KNIME config keys). */
    private KnimeWorkflow pipeline(
            String name,
            String description,
            Map<String, ?> synthetic,
            Map<String, ?> frames,
            Map<String, ?> clips,
            Map<String, ?> pretrain,
            Map<String, ?> embed,
            Map<String, ?> knn,
            Map<String, ?> learn,
            Map<String, ?> predict) {
        KnimeWorkflow wf = new KnimeWorkflow(name, description);
        overrides.put(
                name,
                Map.of(
                        SyntheticMotionVideosSettings.class,
                        synthetic,
                        VideoFrameExtractorSettings.class,
                        frames,
                        ClipPipelineSettings.class,
                        clips,
                        IicPretrainerSettings.class,
                        pretrain,
                        VideoEmbeddingExtractorSettings.class,
                        embed,
                        VideoKnnRetrievalSettings.class,
                        knn,
                        ActionRecognitionLearnerSettings.class,
                        learn,
                        ActionRecognitionPredictorSettings.class,
                        predict));
        int source = wf.add(
                ours(SyntheticMotionVideosNodeFactory.class, "Synthetic Motion Videos", 1),
                model(SyntheticMotionVideosSettings.class, synthetic),
                60,
                200);
        int decode = wf.add(
                ours(VideoFrameExtractorNodeFactory.class, "Video Frame Extractor", 2),
                model(VideoFrameExtractorSettings.class, frames),
                240,
                200);
        int clipPipeline = wf.add(
                ours(ClipPipelineNodeFactory.class, "Clip Pipeline", 2),
                model(ClipPipelineSettings.class, clips),
                420,
                60);
        int pretrainer = wf.add(
                ours(IicPretrainerNodeFactory.class, "IIC Pretrainer", 2),
                model(IicPretrainerSettings.class, pretrain),
                600,
                100);
        int splitter = wf.add(new NodeType(ROW_SPLITTER, "Row Splitter", KNIME_BASE, 2), splitOnTrain(), 420, 340);
        NodeType extractor = ours(VideoEmbeddingExtractorNodeFactory.class, "Video Embedding Extractor", 1);
        int trainEmbeddings = wf.add(extractor, model(VideoEmbeddingExtractorSettings.class, embed), 780, 200);
        int testEmbeddings = wf.add(extractor, model(VideoEmbeddingExtractorSettings.class, embed), 780, 340);
        int retrieval = wf.add(
                ours(VideoKnnRetrievalNodeFactory.class, "Video kNN Retrieval", 2),
                model(VideoKnnRetrievalSettings.class, knn),
                960,
                270);
        int learner = wf.add(
                ours(ActionRecognitionLearnerNodeFactory.class, "Action Recognition Learner", 2),
                model(ActionRecognitionLearnerSettings.class, learn),
                780,
                480);
        int predictor = wf.add(
                ours(ActionRecognitionPredictorNodeFactory.class, "Action Recognition Predictor", 1),
                model(ActionRecognitionPredictorSettings.class, predict),
                960,
                480);
        int scorer = wf.add(new NodeType(SCORER, "Scorer", KNIME_BASE, 2), scoreClassAgainstPrediction(), 1140, 480);

        wf.connect(source, 1, decode, 1) // videos -> decoded videos
                .connect(decode, 1, clipPipeline, 1) // preview of the clips
                .connect(decode, 1, pretrainer, 1) // training videos (the train split only, by default)
                .connect(clipPipeline, 1, pretrainer, 2) // clip pipeline
                .connect(decode, 1, splitter, 1)
                .connect(pretrainer, 1, trainEmbeddings, 1) // encoder
                .connect(splitter, 1, trainEmbeddings, 2) // train videos
                .connect(pretrainer, 1, testEmbeddings, 1)
                .connect(splitter, 2, testEmbeddings, 2) // test videos
                .connect(testEmbeddings, 1, retrieval, 1) // queries: test
                .connect(trainEmbeddings, 1, retrieval, 2) // database: train
                .connect(pretrainer, 1, learner, 1) // fine-tune the pretrained encoder
                .connect(splitter, 1, learner, 2)
                .connect(learner, 1, predictor, 1) // classifier
                .connect(splitter, 2, predictor, 2)
                .connect(predictor, 1, scorer, 1)
                .specOnlyAfterExecution(learner, 1); // the classifier's classes are known once trained
        return wf;
    }

    private NodeType ours(Class<?> factory, String name, int outputPorts) {
        return new NodeType(factory.getName(), name, vidssl(osgiVersion), outputPorts);
    }

    private static KnimeConfig model(Class<?> settingsClass, Map<String, ?> overrides) {
        KnimeConfig model = new KnimeConfig("model");
        NodeParametersWriter.write(NodeParametersWriter.withOverrides(settingsClass, overrides), model);
        return model;
    }

    /**
     * Row Splitter (KNIME 5.6 format): rows whose Split is "train" (case-sensitive) at the first output, the others
     * (test) at the second.
     */
    private static KnimeConfig splitOnTrain() {
        KnimeConfig model = new KnimeConfig("model").addString("matchCriteria", "AND");
        KnimeConfig predicate = model.addConfig("predicates").addConfig("0");
        predicate
                .addConfig("columnV2")
                .addString("regularChoice", VideoTable.SPLIT)
                .addString("specialChoice_Internals", null);
        predicate.addString("operator", "EQ");
        KnimeConfig values = predicate.addConfig("predicateValues");
        KnimeConfig value = values.addConfig("values").addConfig("0");
        value.addConfig("typeIdentifier")
                .addString("cell_class", "org.knime.core.data.def.StringCell")
                .addBoolean("is_null", false);
        value.addString("value", "train");
        value.addConfig("stringCaseMatching").addString("caseMatching", "CASESENSITIVE");
        values.addString("inputKind", "SINGLE");
        model.addString("domains", "RETAIN").addString("outputMode", "MATCHING");
        return model;
    }

    /** Scorer: true class against the Predictor's prediction, classes sorted lexically, missing values ignored. */
    private static KnimeConfig scoreClassAgainstPrediction() {
        return new KnimeConfig("model")
                .addString("first", VideoTable.CLASS)
                .addString("second", PREDICTION_COLUMN)
                .addString("flowVarPrefix", null)
                .addBoolean("sortingReversed", false)
                .addInt("sortingStrategy", 2) // SortingStrategy.Lexical
                .addBoolean("ignore.missing.values", true);
    }

    /** A map keeping the given order (key, value, key, value, ...). */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
