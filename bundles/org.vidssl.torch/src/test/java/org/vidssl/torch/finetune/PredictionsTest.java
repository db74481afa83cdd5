package org.vidssl.torch.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PredictionsTest {

    static final List<String> CLASSES = List.of("a", "b", "c");

    /** Six videos worked out by hand; rank of the truth in brackets. */
    static Predictions handMade() {
        float[][] logits = {
            {3, 1, 0}, // truth a, predicted a (1)
            {0, 2, 1}, // truth a, predicted b (3)
            {1, 2, 0}, // truth b, predicted b (1)
            {2, 0, 1}, // truth b, predicted a (3)
            {0, 1, 2}, // truth c, predicted c (1)
            {1, 2, 0}, // truth unknown: predicted, not scored
        };
        return Predictions.of(
                CLASSES, List.of("v1", "v2", "v3", "v4", "v5", "v6"), new int[] {0, 0, 1, 1, 2, -1}, logits);
    }

    @Test
    void topKPerClassAndConfusionOfAHandMadeCase() {
        Predictions p = handMade();
        assertEquals(5, p.scoredCount());
        assertEquals(3.0 / 5, p.top1(), 1e-12);
        assertEquals(3.0 / 5, p.topKAccuracy(2), 1e-12, "the two misses rank their truth third");
        assertEquals(1.0, p.topKAccuracy(3), 1e-12);
        assertEquals(1.0, p.top5(), 1e-12, "k beyond the class count covers every class");
        assertArrayEquals(new int[][] {{1, 1, 0}, {1, 1, 0}, {0, 0, 1}}, p.confusion());
        assertArrayEquals(new double[] {0.5, 0.5, 1.0}, p.perClassAccuracy(), 1e-12);
        assertEquals(2.0 / 3, p.meanClassAccuracy(), 1e-12);
        Predictions.VideoPrediction v6 = p.videos().get(5);
        assertEquals(1, v6.predictedClass());
        double e0 = Math.exp(1);
        double e1 = Math.exp(2);
        double e2 = Math.exp(0);
        assertArrayEquals(
                new float[] {(float) (e0 / (e0 + e1 + e2)), (float) (e1 / (e0 + e1 + e2)), (float) (e2 / (e0 + e1 + e2))
                },
                v6.probabilities(),
                1e-6f);
    }

    @Test
    void emptyClassesAreNaNAndHugeLogitsStayFinite() {
        Predictions p = Predictions.of(CLASSES, List.of("x"), new int[] {2}, new float[][] {{1000, -1000, 999}});
        assertTrue(Double.isNaN(p.perClassAccuracy()[0]));
        assertEquals(0.0, p.perClassAccuracy()[2]);
        float[] prob = p.videos().get(0).probabilities();
        assertEquals(1f, prob[0] + prob[1] + prob[2], 1e-6f);
        assertEquals(1 / (1 + Math.exp(-1)), prob[0], 1e-6);
    }

    @Test
    void mismatchedInputsAreRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Predictions.of(CLASSES, List.of("x"), new int[] {0}, new float[][] {{1, 2}}));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Predictions.of(CLASSES, List.of("x"), new int[] {3}, new float[][] {{1, 2, 3}}));
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> handMade().topKAccuracy(0));
    }
}
