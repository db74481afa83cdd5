package org.vidssl.knime.node.clip;

import org.knime.core.node.BufferedDataTable;
import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeFactory;
import org.vidssl.knime.port.ClipPipelinePortObject;
import org.vidssl.knime.util.NodeDescriptionTexts;

/** Clip Pipeline: sampling, cropping, second view and intra-negative of the IIC framework. */
@SuppressWarnings("deprecation") // WebUINodeFactory is KNIME 5.6's current node API
public final class ClipPipelineNodeFactory extends WebUINodeFactory<ClipPipelineNodeModel> {

    static final NodeDescriptionTexts DESCRIPTION = NodeDescriptionTexts.builder()
            .name("Clip Pipeline")
            .icon("./clip-pipeline.png")
            .shortDescription("Defines how clips are sampled from videos and which views and intra-negatives the "
                    + "IIC pretraining contrasts.")
            .fullDescription("""
            <p>Configures the clip pipeline of the inter-intra contrastive (IIC) framework: clips of
            <i>T</i> consecutive frames are cut from each video, resized, cropped (random for training,
            centre for testing) and optionally flipped. The second view (residual frames or optical flow)
            is contrasted with the RGB clip, and an intra-negative made from the same clip (a repeated
            frame, shuffled time chunks or permuted tiles) teaches the network that appearance alone is
            not enough. The defaults are those of the paper. Optical-flow views read grey flow frames from
            <tt>u/&lt;video ID&gt;/</tt> and <tt>v/&lt;video ID&gt;/</tt> under the flow folder.</p>
            <p>The pipeline is passed to the IIC Pretrainer. Connect a video table to see a preview of the
            clips the settings produce.</p>""")
            .modelSettingsClass(ClipPipelineSettings.class)
            .addInputPort(
                    "Videos",
                    () -> BufferedDataTable.TYPE_OPTIONAL,
                    "Optional video table (from Video Dataset "
                            + "Reader or Video Frame Extractor) whose first videos are rendered into the preview"
                            + " table.")
            .addOutputPort(
                    "Clip pipeline",
                    () -> ClipPipelinePortObject.TYPE,
                    "The clip sampling, augmentation, "
                            + "second view and intra-negative settings, for the IIC Pretrainer.")
            .addOutputTable(
                    "Clip preview",
                    "One row per previewed video: Video ID, Class and four PNG film strips (frames "
                            + "left to right): Training clip (random crop, as pretraining sees view 1), View 2 (its"
                            + " second view, e.g. "
                            + "the residual frames), Intra-negative (made from the training clip; missing for none)"
                            + " and Test clip "
                            + "(the first centre-cropped evaluation clip). Empty without an input table.")
            .keywords("video", "clip", "augmentation", "self-supervised", "IIC")
            .build();

    private final WebUINodeConfiguration m_configuration;

    public ClipPipelineNodeFactory() {
        this(DESCRIPTION.configuration());
    }

    private ClipPipelineNodeFactory(final WebUINodeConfiguration configuration) {
        super(configuration);
        m_configuration = configuration;
    }

    @Override
    public ClipPipelineNodeModel createNodeModel() {
        return new ClipPipelineNodeModel(m_configuration);
    }
}
