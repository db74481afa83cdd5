package org.vidssl.knime.node.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vidssl.torch.finetune.Predictions;

class PredictionColumnsTest {

    private static final List<String> CLASSES = List.of("walk", "run", "jump");

    @Test
    void thePredictedClassNameAndItsProbabilityComeFirstThenEveryClass() {
        Predictions p = Predictions.of(CLASSES, List.of("v1"), new int[] {0}, new float[][] {{0f, 2f, 1f}});
        Predictions.VideoPrediction v = p.videos().get(0);
        assertEquals(
                List.of("Prediction (Class)", "Confidence", "P (walk)", "P (run)", "P (jump)"),
                PredictionColumns.names(CLASSES, true));
        List<Object> values = PredictionColumns.values(v, CLASSES, true);
        assertEquals("run", values.get(0));
        double e0 = 1, e1 = Math.exp(2), e2 = Math.exp(1), sum = e0 + e1 + e2;
        assertEquals(e1 / sum, (Double) values.get(1), 1e-6);
        assertEquals(e0 / sum, (Double) values.get(2), 1e-6);
        assertEquals(e1 / sum, (Double) values.get(3), 1e-6);
        assertEquals(e2 / sum, (Double) values.get(4), 1e-6);
    }

    @Test
    void withoutProbabilitiesOnlyPredictionAndConfidence() {
        Predictions p = Predictions.of(CLASSES, List.of("v1"), new int[] {-1}, new float[][] {{3f, 0f, 0f}});
        assertEquals(List.of("Prediction (Class)", "Confidence"), PredictionColumns.names(CLASSES, false));
        assertEquals(
                "walk",
                PredictionColumns.values(p.videos().get(0), CLASSES, false).get(0));
        assertEquals(
                2, PredictionColumns.values(p.videos().get(0), CLASSES, false).size());
    }
}
