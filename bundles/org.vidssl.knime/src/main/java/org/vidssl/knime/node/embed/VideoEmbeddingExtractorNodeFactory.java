package org.vidssl.knime.node.embed;

import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeFactory;
import org.vidssl.knime.port.VideoEncoderPortObject;
import org.vidssl.knime.util.NodeDescriptionTexts;

/** Video Embedding Extractor: one feature vector per video. */
@SuppressWarnings("deprecation") // WebUINodeFactory is KNIME 5.6's current node API
public final class VideoEmbeddingExtractorNodeFactory extends WebUINodeFactory<VideoEmbeddingExtractorNodeModel> {

    static final NodeDescriptionTexts DESCRIPTION = NodeDescriptionTexts.builder()
            .name("Video Embedding Extractor")
            .icon("./video-embedding-extractor.png")
            .shortDescription("Computes one embedding vector per video with a pretrained video encoder.")
            .fullDescription("""
            <p>Runs the encoder on several centre-cropped clips spread over each video and averages their
            features into one vector, as the paper's retrieval evaluation does. The clip length and crop
            size are those the encoder was trained with (shown in the encoder port's summary). The encoder
            sees the RGB clips or their frame residuals, and with <i>merge</i> both features are
            concatenated, as the reference's <tt>retrieve_clips.py --merge</tt>.</p>
            <p>The embedding is a list-of-double column, so KNIME's own nodes work on it (Video kNN
            Retrieval, distance matrices, t-SNE, Split Collection Column). Rows that cannot be read are
            skipped with a warning.</p>""")
            .modelSettingsClass(VideoEmbeddingExtractorSettings.class)
            .addInputPort(
                    "Video encoder",
                    () -> VideoEncoderPortObject.TYPE,
                    "A pretrained encoder (IIC Pretrainer or " + "Video Model Reader).")
            .addInputTable("Videos", "Video table (Video Dataset Reader or Video Frame Extractor).")
            .addOutputTable("Embeddings", "The input rows with the column Embedding (list of doubles) appended.")
            .keywords("embedding", "feature", "video", "representation")
            .build();

    private final WebUINodeConfiguration m_configuration;

    public VideoEmbeddingExtractorNodeFactory() {
        this(DESCRIPTION.configuration());
    }

    private VideoEmbeddingExtractorNodeFactory(final WebUINodeConfiguration configuration) {
        super(configuration);
        m_configuration = configuration;
    }

    @Override
    public VideoEmbeddingExtractorNodeModel createNodeModel() {
        return new VideoEmbeddingExtractorNodeModel(m_configuration);
    }
}
