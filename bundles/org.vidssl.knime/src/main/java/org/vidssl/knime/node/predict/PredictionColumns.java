package org.vidssl.knime.node.predict;

import java.util.ArrayList;
import java.util.List;
import org.vidssl.torch.finetune.Predictions.VideoPrediction;

/**
 * The columns the predictor appends, without KNIME: the predicted class name next to the input's true Class (so
 * KNIME's Scorer pairs them), its probability and optionally every class's probability.
 */
final class PredictionColumns {

    /** KNIME's Scorer pairs "Class" with this column by default naming ("Prediction (&lt;target&gt;)"). */
    static final String PREDICTION = "Prediction (Class)";

    static final String CONFIDENCE = "Confidence";

    private PredictionColumns() {}

    static String probabilityColumn(final String className) {
        return "P (" + className + ")";
    }

    /** Names of the appended columns: Prediction (Class), Confidence, then P (class) per class when asked. */
    static List<String> names(final List<String> classes, final boolean probabilities) {
        List<String> names = new ArrayList<>(List.of(PREDICTION, CONFIDENCE));
        if (probabilities) {
            classes.forEach(c -> names.add(probabilityColumn(c)));
        }
        return names;
    }

    /** Values of the appended columns for one video: the class name (String), then Doubles. */
    static List<Object> values(
            final VideoPrediction prediction, final List<String> classes, final boolean probabilities) {
        float[] p = prediction.probabilities();
        List<Object> values = new ArrayList<>(
                List.of(classes.get(prediction.predictedClass()), (double) p[prediction.predictedClass()]));
        if (probabilities) {
            for (float v : p) {
                values.add((double) v);
            }
        }
        return values;
    }
}
