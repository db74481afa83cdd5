package org.vidssl.core.pretrain;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.core.settings.Records;

class PretrainSettingsTest {

    @Test
    void defaultsAreTheReferenceRecipeAndValid() {
        PretrainSettings d = PretrainSettings.DEFAULTS;
        assertTrue(d.problems().isEmpty(), d.problems().toString());
        assertEquals("r3d", d.model());
        assertEquals(View.RES, d.modality());
        assertEquals(IntraNegative.REPEAT, d.intraNegative());
        assertEquals(Objective.MEMORY_BANK, d.objective());
        assertEquals(240, d.epochs());
        assertEquals(16, d.batchSize());
        assertArrayEquals(new int[] {45, 90, 125, 160}, d.lrMilestones());
        assertEquals(632, d.seed());
        assertFalse(d.normalizeFeatures());
    }

    @Test
    void learningRateFollowsMultiStepLrSteppedAfterEachEpoch() {
        PretrainSettings d = PretrainSettings.DEFAULTS;
        assertEquals(0.01, d.learningRateAt(1), 1e-12);
        assertEquals(0.01, d.learningRateAt(45), 1e-12);
        assertEquals(0.002, d.learningRateAt(46), 1e-12);
        assertEquals(0.01 * 0.2 * 0.2 * 0.2 * 0.2, d.learningRateAt(240), 1e-12);
    }

    @Test
    void problemsNameTheSetting() {
        PretrainSettings bad = Records.builder(PretrainSettings.DEFAULTS)
                .set("model", "vgg")
                .set("batchSize", 1)
                .set("learningRate", -1)
                .set("lrMilestones", new int[] {90, 45})
                .set("intraNegative", IntraNegative.SHUFFLE)
                .set("clipLength", 10)
                .set("device", "tpu")
                .build();
        String all = String.join("\n", bad.problems());
        assertTrue(all.contains("Model 'vgg'"), all);
        assertTrue(all.contains("Batch size is 1"), all);
        assertTrue(all.contains("Learning rate is -1"), all);
        assertTrue(all.contains("LR milestones"), all);
        assertTrue(all.contains("divisible by 4"), all);
        assertTrue(all.contains("Device 'tpu'"), all);
        assertThrows(IllegalArgumentException.class, bad::validate);
        assertEquals(Objective.MEMORY_BANK_NCE, Objective.parse("memory-bank-nce"));
    }

    @Test
    void featureDimensionIsDerivedFromTheWidthAndTheTextListsEveryComponent() {
        PretrainSettings d = PretrainSettings.DEFAULTS;
        assertEquals(512, d.featureDim());
        assertEquals(128, Records.with(d, "width", 16).featureDim());
        assertTrue(d.toString().contains(", lrMilestones=[45, 90, 125, 160], "), d.toString());
        assertTrue(d.toString().endsWith(", width=64, colourJitter=false]"), d.toString());
        assertEquals("512", d.toMap().get("featureDim"));
        assertEquals("1e-4", d.toMap().get("weightDecay"));
        assertEquals("45,90,125,160", d.toMap().get("lrMilestones"));
        assertFalse(d.toMap().containsKey("colourJitter"), "recorded only when on");
    }

    @Test
    void equalityComparesTheMilestonesByContent() {
        PretrainSettings a = Records.with(PretrainSettings.DEFAULTS, "lrMilestones", new int[] {10, 20});
        PretrainSettings b = Records.with(PretrainSettings.DEFAULTS, "lrMilestones", new int[] {10, 20});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, Records.with(a, "lrMilestones", new int[] {10}));
        assertNotEquals(a, Records.with(a, "seed", 1L));
    }
}
