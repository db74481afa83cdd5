package org.vidssl.knime.node.learn;

import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeFactory;
import org.vidssl.knime.port.ActionClassifierPortObject;
import org.vidssl.knime.port.VideoEncoderPortObject;
import org.vidssl.knime.util.NodeDescriptionTexts;

/** Action Recognition Learner: fine-tunes an encoder (or a fresh backbone) into an action classifier. */
@SuppressWarnings("deprecation") // WebUINodeFactory is KNIME 5.6's current node API
public final class ActionRecognitionLearnerNodeFactory extends WebUINodeFactory<ActionRecognitionLearnerNodeModel> {

    static final NodeDescriptionTexts DESCRIPTION = NodeDescriptionTexts.builder()
            .name("Action Recognition Learner")
            .icon("./action-recognition-learner.png")
            .shortDescription("Fine-tunes a video encoder with a linear classification head on labelled videos.")
            .fullDescription("""
            <p>Adds a linear layer on the encoder's pooled feature and trains the whole network on the
            labelled videos with SGD (conv4, conv5 and the head at the fine-tune learning rate), holding
            out validation videos and keeping the epoch with the lowest validation loss; the learning
            rates are reduced when the validation loss stops improving (the paper's recipe). The clip
            length and crop size are the encoder's.</p>
            <p>Without an encoder the backbone starts from random weights, the baseline the paper
            compares against. The class list (ordered by Class index) is stored in the classifier and
            shown in its port summary. Only one training runs at a time per KNIME instance; a second
            training node waits. With a checkpoint folder a cancelled or failed run continues from its
            last checkpoint when executed again with the same settings and 'Resume from checkpoint' ticked (the
            default; the command line's --resume).</p>""")
            .modelSettingsClass(ActionRecognitionLearnerSettings.class)
            .addInputPort(
                    "Video encoder",
                    () -> VideoEncoderPortObject.TYPE_OPTIONAL,
                    "Optional pretrained encoder (IIC "
                            + "Pretrainer or Video Model Reader); unconnected: random initialisation.")
            .addInputTable("Videos", "Labelled video table with Class and Class index.")
            .addOutputPort(
                    "Action classifier",
                    () -> ActionClassifierPortObject.TYPE,
                    "The fine-tuned network with its "
                            + "class list, for the Action Recognition Predictor or the Video Model Writer.")
            .addOutputTable(
                    "Training history",
                    "One row per epoch: Epoch, Training loss, Training accuracy, "
                            + "Validation loss, Validation accuracy, Learning rate, Fine-tune learning rate, Seconds"
                            + " and Best "
                            + "(true for the epoch whose weights the classifier keeps).")
            .keywords("action recognition", "fine-tuning", "classification", "video", "3D CNN")
            .build();

    private final WebUINodeConfiguration m_configuration;

    public ActionRecognitionLearnerNodeFactory() {
        this(DESCRIPTION.configuration());
    }

    private ActionRecognitionLearnerNodeFactory(final WebUINodeConfiguration configuration) {
        super(configuration);
        m_configuration = configuration;
    }

    @Override
    public ActionRecognitionLearnerNodeModel createNodeModel() {
        return new ActionRecognitionLearnerNodeModel(m_configuration);
    }
}
