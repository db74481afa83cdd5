package org.vidssl.knime.node.pretrain;

import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeFactory;
import org.vidssl.knime.port.ClipPipelinePortObject;
import org.vidssl.knime.port.VideoEncoderPortObject;
import org.vidssl.knime.util.NodeDescriptionTexts;

/** IIC Pretrainer: self-supervised inter-intra contrastive pretraining of a 3D CNN. */
@SuppressWarnings("deprecation") // WebUINodeFactory is KNIME 5.6's current node API
public final class IicPretrainerNodeFactory extends WebUINodeFactory<IicPretrainerNodeModel> {

    static final NodeDescriptionTexts DESCRIPTION = NodeDescriptionTexts.builder()
            .name("IIC Pretrainer")
            .icon("./iic-pretrainer.png")
            .shortDescription("Pretrains a 3D CNN video encoder without labels with the inter-intra contrastive (IIC) "
                    + "objective.")
            .fullDescription("""
            <p>Trains a video backbone (C3D, R3D, R(2+1)D or Res18-3D) so that the RGB clip and the second
            view of the same video (residual frames or optical flow) get similar features, while clips of
            other videos (inter-negatives) and intra-negatives made from the same clip (repeated frame,
            shuffled time, permuted tiles) get different ones. Class labels are not used.</p>
            <p>Clip sampling, the second view and the intra-negative come from the Clip Pipeline port. Each
            epoch takes one random clip per video. Progress shows epoch, step and loss; cancelling stops
            after the current step. Only one training runs at a time per KNIME instance; a second
            training node waits for the first.</p>
            <p>With a checkpoint folder the training state is saved every few epochs, and a cancelled or
            failed run continues from the last checkpoint when executed again with the same settings and
            'Resume from checkpoint' ticked (the default; the command line's --resume).</p>""")
            .modelSettingsClass(IicPretrainerSettings.class)
            .addInputTable(
                    "Videos",
                    "Video table (ideally from the Video Frame Extractor, which makes training much "
                            + "faster). Class columns are ignored.")
            .addInputPort(
                    "Clip pipeline",
                    () -> ClipPipelinePortObject.TYPE,
                    "Clip sampling, second view and " + "intra-negative, from the Clip Pipeline node.")
            .addOutputPort(
                    "Video encoder",
                    () -> VideoEncoderPortObject.TYPE,
                    "The pretrained backbone, for the Video "
                            + "Embedding Extractor, the Action Recognition Learner or the Video Model Writer.")
            .addOutputTable(
                    "Training history",
                    "One row per epoch: Epoch, Loss (both views together), Loss view 1, "
                            + "Loss view 2, Positive probability view 1 and view 2 (how well the positive is picked"
                            + " out, 0 to 1), "
                            + "Learning rate, Seconds and Clips per second.")
            .keywords("self-supervised", "contrastive", "pretraining", "3D CNN", "IIC", "video")
            .build();

    private final WebUINodeConfiguration m_configuration;

    public IicPretrainerNodeFactory() {
        this(DESCRIPTION.configuration());
    }

    private IicPretrainerNodeFactory(final WebUINodeConfiguration configuration) {
        super(configuration);
        m_configuration = configuration;
    }

    @Override
    public IicPretrainerNodeModel createNodeModel() {
        return new IicPretrainerNodeModel(m_configuration);
    }
}
