package org.vidssl.torch.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vidssl.core.clip.Clip;
import org.vidssl.core.clip.ClipBatch;
import org.vidssl.core.clip.View;
import org.vidssl.core.settings.Backbone;
import org.vidssl.torch.engine.StagingBuffers;
import org.vidssl.torch.model.InputSpec;
import org.vidssl.torch.views.Views;

class ActionPredictorTest {

    static final int FRAMES = 4;
    static final int SIZE = 16;

    /** The logits of one clip, computed on its own, with the residual made here rather than by the classifier. */
    static float[] singleClipLogits(ActionClassifier c, Clip clip) {
        try (NDManager m = c.manager().newSubManager()) {
            NDArray x = m.create(clip.rgb(), new Shape(1, 3, clip.length(), clip.height(), clip.width()));
            return c.logits(Views.residualFinetune(x)).toFloatArray();
        }
    }

    @Test
    void videoLogitsAreTheMeanOfItsClipsLogitsAndClassesMatchByName() {
        // the classifier's class order differs from the data's indices: truth is matched by name
        List<String> classes = List.of("right", "left", "down", "up");
        DriftingDots data = new DriftingDots(5, FRAMES, SIZE, 21);
        ClassifierHeader header =
                ClassifierHeader.of(Backbone.R3D, classes, new InputSpec(FRAMES, SIZE, SIZE), View.RES, 16);
        try (ActionClassifier c = ActionClassifier.create(header, Device.cpu(), 3)) {
            Predictions p = ActionPredictor.predict(c, data, 3, 7, 2, null);
            assertEquals(5, p.videos().size());
            for (int v = 0; v < 5; v++) {
                Predictions.VideoPrediction row = p.videos().get(v);
                float[] mean = new float[classes.size()];
                for (Clip clip : data.testClips(v, 3)) {
                    float[] l = singleClipLogits(c, clip);
                    for (int k = 0; k < mean.length; k++) {
                        mean[k] += l[k] / 3;
                    }
                }
                assertArrayEquals(mean, row.logits(), 1e-4f, "video " + v);
                assertEquals(data.videos().get(v).videoId(), row.videoId());
                assertEquals(classes.indexOf(data.videos().get(v).className()), row.trueClass());
                float sum = 0;
                int argMax = 0;
                for (int k = 0; k < classes.size(); k++) {
                    sum += row.probabilities()[k];
                    argMax = row.logits()[k] > row.logits()[argMax] ? k : argMax;
                }
                assertEquals(1f, sum, 1e-5f);
                assertEquals(argMax, row.predictedClass());
            }
            assertEquals(5, p.scoredCount());
            assertEquals(1.0, p.topKAccuracy(4), 0, "every class is within the top 4 of 4");
        }
    }

    @Test
    void videosOfUnknownClassesArePredictedButNotScored() {
        DriftingDots data = new DriftingDots(4, FRAMES, SIZE, 22); // up, down, left, right
        ClassifierHeader header = ClassifierHeader.of(
                Backbone.R3D, List.of("up", "down"), new InputSpec(FRAMES, SIZE, SIZE), View.RGB, 16);
        try (ActionClassifier c = ActionClassifier.create(header, Device.cpu(), 4)) {
            Predictions p = ActionPredictor.predict(c, data, 2, 16, null);
            assertEquals(4, p.videos().size());
            assertEquals(2, p.scoredCount());
            assertEquals(-1, p.videos().get(2).trueClass());
            assertTrue(p.videos().get(3).predictedClass() >= 0);
            assertEquals(
                    2,
                    java.util.Arrays.stream(p.confusion())
                            .flatMapToInt(java.util.Arrays::stream)
                            .sum());
        }
    }

    @Test
    void rgbAndResidualInputsAreWhatTheReferenceFeeds() {
        DriftingDots data = new DriftingDots(2, FRAMES, SIZE, 23);
        Clip clip = data.trainClip(0, 1, 1);
        ClipBatch batch =
                new ClipBatch(clip.rgb(), null, null, new int[] {0}, new int[] {0}, FRAMES, SIZE, SIZE, false);
        try (NDManager m = ai.djl.ndarray.NDManager.newBaseManager(Device.cpu())) {
            float[] rgb =
                    ModalityInput.of(View.RGB, m, batch, new StagingBuffers(1)).toFloatArray();
            float[] res =
                    ModalityInput.of(View.RES, m, batch, new StagingBuffers(1)).toFloatArray();
            assertArrayEquals(clip.rgb(), rgb, 0f);
            int frame = SIZE * SIZE;
            for (int c = 0; c < 3; c++) {
                for (int t = 0; t < FRAMES; t++) {
                    int previous = (t + FRAMES - 1) % FRAMES; // roll by one: frame 0 minus the last frame
                    for (int i = 0; i < frame; i++) {
                        int at = (c * FRAMES + t) * frame + i;
                        float expected = clip.rgb()[at] - clip.rgb()[(c * FRAMES + previous) * frame + i];
                        assertEquals(expected, res[at], 1e-6f, "no rescaling of the fine-tuning residual");
                    }
                }
            }
        }
    }
}
