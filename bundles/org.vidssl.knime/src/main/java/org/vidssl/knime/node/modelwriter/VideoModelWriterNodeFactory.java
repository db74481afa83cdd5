package org.vidssl.knime.node.modelwriter;

import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeFactory;
import org.vidssl.knime.port.ActionClassifierPortObject;
import org.vidssl.knime.port.VideoEncoderPortObject;
import org.vidssl.knime.util.NodeDescriptionTexts;

/** Video Model Writer: saves an encoder or classifier to a file. */
@SuppressWarnings("deprecation") // WebUINodeFactory is KNIME 5.6's current node API
public final class VideoModelWriterNodeFactory extends WebUINodeFactory<VideoModelWriterNodeModel> {

    static final NodeDescriptionTexts DESCRIPTION = NodeDescriptionTexts.builder()
            .name("Video Model Writer")
            .icon("./video-model-writer.png")
            .shortDescription("Writes a video encoder or an action classifier to a model file.")
            .fullDescription("""
            <p>Saves the connected model (connect exactly one of the two inputs) with its metadata
            (backbone, input, clip size, classes) to a file that the Video Model Reader and the
            command-line tool read. The file is written under a temporary name and renamed when
            complete. Models can also be written as PyTorch weights (.npz with the reference's parameter
            names) for use outside KNIME; the Video Model Reader imports such files again.</p>""")
            .modelSettingsClass(VideoModelWriterSettings.class)
            .addInputPort("Video encoder", () -> VideoEncoderPortObject.TYPE_OPTIONAL, "A video encoder to save.")
            .addInputPort(
                    "Action classifier",
                    () -> ActionClassifierPortObject.TYPE_OPTIONAL,
                    "An action classifier to save.")
            .keywords("model", "save", "write", "export", "video")
            .build();

    private final WebUINodeConfiguration m_configuration;

    public VideoModelWriterNodeFactory() {
        this(DESCRIPTION.configuration());
    }

    private VideoModelWriterNodeFactory(final WebUINodeConfiguration configuration) {
        super(configuration);
        m_configuration = configuration;
    }

    @Override
    public VideoModelWriterNodeModel createNodeModel() {
        return new VideoModelWriterNodeModel(m_configuration);
    }
}
