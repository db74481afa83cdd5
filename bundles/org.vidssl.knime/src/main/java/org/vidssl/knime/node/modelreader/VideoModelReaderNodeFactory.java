package org.vidssl.knime.node.modelreader;

import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeFactory;
import org.vidssl.knime.port.ActionClassifierPortObject;
import org.vidssl.knime.port.VideoEncoderPortObject;
import org.vidssl.knime.util.NodeDescriptionTexts;

/** Video Model Reader: reads an encoder or classifier file, or imports PyTorch weights. */
@SuppressWarnings("deprecation") // WebUINodeFactory is KNIME 5.6's current node API
public final class VideoModelReaderNodeFactory extends WebUINodeFactory<VideoModelReaderNodeModel> {

    static final NodeDescriptionTexts DESCRIPTION = NodeDescriptionTexts.builder()
            .name("Video Model Reader")
            .icon("./video-model-reader.png")
            .shortDescription("Reads a video encoder or action classifier from a file, or imports PyTorch weights of "
                    + "the reference implementation.")
            .fullDescription("""
            <p>Reads a model file written by the Video Model Writer or the command-line tool. Encoders go to
            the first output, classifiers to the second; the other output is inactive, so the nodes behind
            it are skipped.</p>
            <p>With <i>PyTorch weights (.npz)</i> the node imports a backbone state dict of the reference
            implementation (saved as .npz with PyTorch's parameter names) as an encoder, e.g. the released
            IIC R3D weights, so they can be evaluated with the Video Embedding Extractor and Video kNN
            Retrieval.</p>""")
            .modelSettingsClass(VideoModelReaderSettings.class)
            .addOutputPort(
                    "Video encoder",
                    () -> VideoEncoderPortObject.TYPE,
                    "The encoder read or imported (inactive " + "when the file is a classifier).")
            .addOutputPort(
                    "Action classifier",
                    () -> ActionClassifierPortObject.TYPE,
                    "The classifier read (inactive " + "otherwise).")
            .keywords("model", "load", "read", "import", "PyTorch", "npz", "video")
            .build();

    private final WebUINodeConfiguration m_configuration;

    public VideoModelReaderNodeFactory() {
        this(DESCRIPTION.configuration());
    }

    private VideoModelReaderNodeFactory(final WebUINodeConfiguration configuration) {
        super(configuration);
        m_configuration = configuration;
    }

    @Override
    public VideoModelReaderNodeModel createNodeModel() {
        return new VideoModelReaderNodeModel(m_configuration);
    }
}
