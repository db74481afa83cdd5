package org.vidssl.knime.node.predict;

import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeFactory;
import org.vidssl.knime.port.ActionClassifierPortObject;
import org.vidssl.knime.util.NodeDescriptionTexts;

/** Action Recognition Predictor: classifies videos with a fine-tuned classifier. */
@SuppressWarnings("deprecation") // WebUINodeFactory is KNIME 5.6's current node API
public final class ActionRecognitionPredictorNodeFactory extends WebUINodeFactory<ActionRecognitionPredictorNodeModel> {

    static final NodeDescriptionTexts DESCRIPTION = NodeDescriptionTexts.builder()
            .name("Action Recognition Predictor")
            .icon("./action-recognition-predictor.png")
            .shortDescription("Predicts the action class of each video with a fine-tuned action classifier.")
            .fullDescription("""
            <p>Averages the classifier's outputs over several clips per video (the paper's video-level
            test) and appends the predicted class and its probability. The column names match KNIME's
            Scorer: connect it with <i>Class</i> as the actual and <i>Prediction (Class)</i> as the
            predicted column to get the confusion matrix and accuracy.</p>""")
            .modelSettingsClass(ActionRecognitionPredictorSettings.class)
            .addInputPort(
                    "Action classifier",
                    () -> ActionClassifierPortObject.TYPE,
                    "From the Action Recognition Learner " + "or the Video Model Reader.")
            .addInputTable("Videos", "Video table to classify (usually the test split).")
            .addOutputTable(
                    "Predictions",
                    "The input rows (their Class is the true class) with Prediction (Class), "
                            + "the predicted class name, Confidence, its probability, and optionally P (class), one"
                            + " probability "
                            + "column per class. Rows that cannot be read are left out with a warning.")
            .keywords("action recognition", "predict", "classification", "video", "scorer")
            .build();

    private final WebUINodeConfiguration m_configuration;

    public ActionRecognitionPredictorNodeFactory() {
        this(DESCRIPTION.configuration());
    }

    private ActionRecognitionPredictorNodeFactory(final WebUINodeConfiguration configuration) {
        super(configuration);
        m_configuration = configuration;
    }

    @Override
    public ActionRecognitionPredictorNodeModel createNodeModel() {
        return new ActionRecognitionPredictorNodeModel(m_configuration);
    }
}
