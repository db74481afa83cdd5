package org.vidssl.knime.node.learn;

import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeFactory;
import org.vidssl.knime.port.ActionClassifierPortObject;
import org.vidssl.knime.port.VideoEncoderPortObject;

/** Action Recognition Learner: fine-tunes an encoder (or a fresh backbone) into an action classifier. */
@SuppressWarnings("deprecation") // WebUINodeFactory is KNIME 5.6's current node API
public final class ActionRecognitionLearnerNodeFactory
    extends WebUINodeFactory<ActionRecognitionLearnerNodeModel> {

    static final WebUINodeConfiguration CONFIGURATION = WebUINodeConfiguration.builder()
        .name("Action Recognition Learner")
        .icon("./action-recognition-learner.png")
        .shortDescription("Fine-tunes a video encoder with a linear classification head on labelled videos.")
        .fullDescription("""
            <p>Adds a linear layer on the encoder's 512-d pooled feature and trains the whole network on
            the labelled videos with SGD, holding out a validation share and keeping the epoch with the
            lowest validation loss; the learning rate is reduced tenfold when the validation loss stops
            improving (the paper's recipe).</p>
            <p>Without an encoder the backbone starts from random weights, the baseline the paper
            compares against. The class list (ordered by Class index) is stored in the classifier and
            shown in its port summary.</p>""")
        .modelSettingsClass(ActionRecognitionLearnerSettings.class)
        .addInputPort("Video encoder", VideoEncoderPortObject.TYPE_OPTIONAL, "Optional pretrained encoder (IIC "
            + "Pretrainer or Video Model Reader); unconnected: random initialisation.")
        .addInputTable("Videos", "Labelled video table with Class and Class index.")
        .addOutputPort("Action classifier", ActionClassifierPortObject.TYPE, "The fine-tuned network with its class "
            + "list, for the Action Recognition Predictor or the Video Model Writer.")
        .addOutputTable("Training history", "One row per epoch: Epoch, Training loss, Validation loss, Validation "
            + "accuracy and Learning rate.")
        .keywords("action recognition", "fine-tuning", "classification", "video", "3D CNN")
        .build();

    public ActionRecognitionLearnerNodeFactory() {
        super(CONFIGURATION);
    }

    @Override
    public ActionRecognitionLearnerNodeModel createNodeModel() {
        return new ActionRecognitionLearnerNodeModel(CONFIGURATION);
    }
}
