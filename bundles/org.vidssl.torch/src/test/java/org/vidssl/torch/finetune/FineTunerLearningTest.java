package org.vidssl.torch.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vidssl.core.finetune.FinetuneEpoch;
import org.vidssl.core.finetune.FinetuneSettings;
import org.vidssl.core.settings.Records;

/** A full R3D fine-tuned from random initialisation on tiny drifting-dot videos (4 directions = 4 classes). */
class FineTunerLearningTest {

    static final int FRAMES = Integer.getInteger("ft.frames", 8);
    static final int SIZE = Integer.getInteger("ft.size", 32);
    static final int WIDTH = Integer.getInteger("ft.width", 16);
    static final int EPOCHS = Integer.getInteger("ft.epochs", 8);
    static final double LR = Double.parseDouble(System.getProperty("ft.lr", "0.01"));

    @Test
    void fineTuningImprovesValidationAccuracyAndKeepsTheBestEpoch() {
        DriftingDots train = new DriftingDots(64, FRAMES, SIZE, 11);
        FinetuneSettings s = Records.builder(FinetuneSettings.DEFAULTS)
                .set("clipLength", FRAMES)
                .set("cropSize", SIZE)
                .set("batchSize", 8)
                .set("epochs", EPOCHS)
                .set("learningRate", LR)
                .set("finetuneLearningRate", LR)
                .set("validationVideos", 16)
                .set("threads", 2)
                .set("width", WIDTH)
                .build();
        long start = System.nanoTime();
        try (FinetuneOutcome o = FineTuner.run(train, null, DriftingDots.CLASSES, s, null)) {
            double seconds = (System.nanoTime() - start) / 1e9;
            List<FinetuneEpoch> h = o.history();
            h.forEach(System.out::println);
            assertEquals(EPOCHS, h.size());
            FinetuneEpoch first = h.get(0);
            FinetuneEpoch best = h.stream()
                    .min((a, b) -> Double.compare(a.validationLoss(), b.validationLoss()))
                    .get();
            double bestAccuracy = h.stream()
                    .mapToDouble(FinetuneEpoch::validationAccuracy)
                    .max()
                    .getAsDouble();
            Predictions test =
                    ActionPredictor.predict(o.classifier(), new DriftingDots(24, FRAMES, SIZE, 99), 3, 12, null);
            System.out.printf(
                    "fine-tuning R3D width %d at %dx%dx%d, 48+16 videos, %d epochs: %.1f s; validation"
                            + " accuracy %.3f -> best %.3f; test top-1 %.3f (chance 0.25)%n",
                    WIDTH, FRAMES, SIZE, SIZE, EPOCHS, seconds, first.validationAccuracy(), bestAccuracy, test.top1());
            double bestTraining =
                    h.stream().mapToDouble(FinetuneEpoch::trainAccuracy).max().getAsDouble();
            assertTrue(bestTraining >= first.trainAccuracy() + 0.3, "training accuracy should rise: " + h);
            assertTrue(bestAccuracy >= first.validationAccuracy() + 0.25, "validation accuracy should rise: " + h);
            assertEquals(best.epoch(), o.classifier().header().bestEpoch(), "the lowest validation loss is kept");
            assertEquals(best.validationLoss(), o.classifier().header().bestValidationLoss(), 0);
            assertTrue(best.best());
            assertEquals(EPOCHS, o.classifier().header().epoch());

            assertTrue(
                    test.top1() >= 0.4, "the kept classifier should beat chance (0.25) on new videos: " + test.top1());
        }
    }
}
