package org.vidssl.knime.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.io.FileUtils;
import org.knime.core.node.port.PortObject;
import org.knime.core.webui.node.impl.NodeRunner;
import org.vidssl.knime.node.clip.ClipPipelineNodeModelTest;
import org.vidssl.knime.node.embed.VideoEmbeddingExtractorNodeModelTest;
import org.vidssl.knime.node.frames.VideoFrameExtractorNodeModelTest;
import org.vidssl.knime.node.knn.VideoKnnRetrievalNodeModelTest;
import org.vidssl.knime.node.learn.ActionRecognitionLearnerNodeModelTest;
import org.vidssl.knime.node.modelreader.VideoModelReaderNodeModelTest;
import org.vidssl.knime.node.modelwriter.VideoModelWriterNodeModelTest;
import org.vidssl.knime.node.predict.ActionRecognitionPredictorNodeModelTest;
import org.vidssl.knime.node.pretrain.IicPretrainerNodeModelTest;
import org.vidssl.knime.node.reader.VideoDatasetReaderNodeModelTest;
import org.vidssl.knime.node.synthetic.SyntheticMotionVideosNodeModelTest;

/**
 * All eleven nodes executed once, in workflow order, in one temporary workflow folder, with tiny data and
 * networks: synthetic videos, read back, decoded to frames, a clip pipeline, IIC pretraining (1 epoch), the
 * encoder written and read back, embeddings, retrieval, fine-tuning (1 epoch) and prediction. Paths are given as
 * KNIME users give them: relative to the workflow and as knime://knime.workflow URLs. Run once per test JVM; the
 * node tests take their inputs from it.
 */
public final class TinyWorkflow {

    private static TinyWorkflow s_instance;

    private final NodeRunner m_runner;

    private final PortObject m_synthetic;

    private final Path m_datasetRoot;

    private final PortObject m_videos;

    private final PortObject[] m_frames;

    private final PortObject[] m_clipPipeline;

    private final PortObject[] m_pretrained;

    private final Path m_encoderFile;

    private final PortObject[] m_readModel;

    private final PortObject m_embeddings;

    private final PortObject[] m_retrieval;

    private final PortObject[] m_learned;

    private final PortObject m_predictions;

    private TinyWorkflow(final Path folder) throws Exception {
        m_runner = new NodeRunner(folder);
        m_synthetic = m_runner.run(SyntheticMotionVideosNodeModelTest.node("data/videos"))[0];
        m_datasetRoot = folder.resolve("data/videos");
        // absolute: the reader's settings still check the folder with the JVM's working directory
        m_videos = m_runner.run(VideoDatasetReaderNodeModelTest.node(m_datasetRoot.toString()))[0];
        m_frames = m_runner.run(VideoFrameExtractorNodeModelTest.node("knime://knime.workflow/data/frames"), m_videos);
        m_clipPipeline = m_runner.run(ClipPipelineNodeModelTest.node(), m_frames[0]);
        m_pretrained = m_runner.run(IicPretrainerNodeModelTest.node(), m_frames[0], m_clipPipeline[0]);
        m_runner.run(
                VideoModelWriterNodeModelTest.node("knime://knime.workflow/models/encoder.vidssl"),
                m_pretrained[0],
                null);
        m_encoderFile = folder.resolve("models/encoder.vidssl");
        m_readModel = m_runner.run(VideoModelReaderNodeModelTest.node("models/encoder.vidssl"));
        m_embeddings = m_runner.run(VideoEmbeddingExtractorNodeModelTest.node(), m_readModel[0], m_frames[0])[0];
        m_retrieval = m_runner.run(
                VideoKnnRetrievalNodeModelTest.node(),
                NodeTests.split(m_embeddings, "test"),
                NodeTests.split(m_embeddings, "train"));
        m_learned = m_runner.run(ActionRecognitionLearnerNodeModelTest.node(), m_readModel[0], m_frames[0]);
        m_predictions = m_runner.run(
                        ActionRecognitionPredictorNodeModelTest.node(),
                        m_learned[0],
                        NodeTests.split(m_frames[0], "test"))[0];
    }

    /** The workflow, executed on first use. */
    public static synchronized TinyWorkflow get() throws Exception {
        if (s_instance == null) {
            Path folder = Files.createTempDirectory("vidssl-workflow");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> FileUtils.deleteQuietly(folder.toFile())));
            s_instance = new TinyWorkflow(folder);
        }
        return s_instance;
    }

    public NodeRunner runner() {
        return m_runner;
    }

    public Path folder() {
        return m_runner.workflow();
    }

    public PortObject synthetic() {
        return m_synthetic;
    }

    public Path datasetRoot() {
        return m_datasetRoot;
    }

    public PortObject videos() {
        return m_videos;
    }

    /** Decoded videos and failed videos. */
    public PortObject[] frames() {
        return m_frames;
    }

    /** The clip pipeline port and the preview table. */
    public PortObject[] clipPipeline() {
        return m_clipPipeline;
    }

    /** The encoder port and the training history. */
    public PortObject[] pretrained() {
        return m_pretrained;
    }

    public Path encoderFile() {
        return m_encoderFile;
    }

    /** The encoder output and the (inactive) classifier output of the model reader. */
    public PortObject[] readModel() {
        return m_readModel;
    }

    public PortObject embeddings() {
        return m_embeddings;
    }

    /** Neighbours and top-k accuracy. */
    public PortObject[] retrieval() {
        return m_retrieval;
    }

    /** The classifier port and the training history. */
    public PortObject[] learned() {
        return m_learned;
    }

    public PortObject predictions() {
        return m_predictions;
    }

    /** A fresh folder inside the workflow, for a test's own files. */
    public Path newFolder(final String prefix) throws IOException {
        return Files.createTempDirectory(folder(), prefix);
    }
}
