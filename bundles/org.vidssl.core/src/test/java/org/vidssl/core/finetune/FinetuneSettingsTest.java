package org.vidssl.core.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vidssl.core.clip.View;
import org.vidssl.core.settings.Records;

class FinetuneSettingsTest {

    @Test
    void defaultsAreTheReferenceRecipeAndValid() {
        FinetuneSettings d = FinetuneSettings.DEFAULTS;
        assertEquals(List.of(), d.problems());
        assertEquals("r3d", d.model());
        assertEquals(View.RES, d.modality());
        assertEquals(150, d.epochs());
        assertEquals(16, d.batchSize());
        assertEquals(1e-3, d.learningRate());
        assertEquals(1e-3, d.finetuneLearningRate());
        assertEquals(0.9, d.momentum());
        assertEquals(5e-4, d.weightDecay());
        assertEquals(50, d.plateauPatience());
        assertEquals(0.1, d.plateauFactor());
        assertEquals(1e-5, d.minLearningRate());
        assertEquals(632, d.seed());
        assertEquals(10, d.testClips());
        assertEquals(64, d.width());
        assertEquals(d, Records.builder(d).build());
    }

    @Test
    void everyProblemIsNamed() {
        FinetuneSettings bad = Records.builder(FinetuneSettings.DEFAULTS)
                .set("model", "vgg")
                .set("modality", null)
                .set("epochs", 0)
                .set("batchSize", 0)
                .set("learningRate", 0)
                .set("finetuneLearningRate", -1)
                .set("momentum", 1)
                .set("weightDecay", -0.1)
                .set("validationVideos", 0)
                .set("plateauPatience", -1)
                .set("plateauFactor", 1)
                .set("minLearningRate", -1)
                .set("clipLength", 0)
                .set("cropSize", 4)
                .set("testClips", 0)
                .set("device", "tpu")
                .set("threads", -1)
                .set("checkpointInterval", 0)
                .set("width", 2)
                .build();
        List<String> p = bad.problems();
        assertEquals(19, p.size(), String.join("\n", p));
        for (String word : List.of(
                "Model 'vgg'",
                "Modality",
                "Epochs is 0",
                "Batch size is 0",
                "Learning rate is 0.0",
                "Fine-tune learning rate",
                "Momentum",
                "Weight decay",
                "Validation videos is 0",
                "Plateau patience",
                "Plateau factor",
                "Minimum learning rate",
                "Clip length",
                "Crop size",
                "Test clips",
                "Device 'tpu'",
                "Threads",
                "Checkpoint interval",
                "Width is 2")) {
            assertTrue(p.stream().anyMatch(m -> m.contains(word)), "no message about " + word + ": " + p);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::validate);
        assertTrue(e.getMessage().contains("Model 'vgg'") && e.getMessage().contains("Device 'tpu'"));
    }

    @Test
    void automaticValidationCountFollowsTheDocumentedRule() {
        FinetuneSettings auto = FinetuneSettings.DEFAULTS;
        assertEquals(800, auto.validationCount(9537, 101), "UCF101 split 1: the reference's 800");
        assertEquals(300, auto.validationCount(3570, 51), "HMDB51 split 1: 8.4 %");
        assertEquals(5, auto.validationCount(64, 4), "round(5.4)");
        assertEquals(10, auto.validationCount(100, 10), "raised to one per class");
        assertEquals(5, auto.validationCount(20, 10), "capped at a quarter of the set");
        assertEquals(1, auto.validationCount(2, 2));
        assertEquals(800, auto.validationCount(1_000_000, 400), "capped at 800");
        FinetuneSettings fixed =
                Records.builder(auto).set("validationVideos", 400).build();
        assertEquals(400, fixed.validationCount(3570, 51));
        IllegalArgumentException tooMany =
                assertThrows(IllegalArgumentException.class, () -> fixed.validationCount(400, 51));
        assertTrue(tooMany.getMessage().contains("only 400"), tooMany.getMessage());
        IllegalArgumentException tiny = assertThrows(IllegalArgumentException.class, () -> auto.validationCount(1, 1));
        assertTrue(tiny.getMessage().contains("at least 2"), tiny.getMessage());
    }
}
