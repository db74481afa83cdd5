package org.vidssl.core.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vidssl.core.clip.View;
import org.vidssl.core.extract.ExtractSettings.Feature;

class ExtractSettingsTest {

    @Test
    void defaultsAreTheReferenceRetrievalAndValid() {
        ExtractSettings d = ExtractSettings.DEFAULTS;
        assertTrue(d.problems().isEmpty(), d.problems().toString());
        assertEquals(10, d.clipsPerVideo());
        assertEquals(View.RES, d.view());
        assertEquals(Feature.CONV, d.feature());
        assertEquals(1, d.passesPerClip());
        assertEquals(2, d.withMerge(true).passesPerClip());
    }

    @Test
    void everyBadValueIsNamed() {
        ExtractSettings bad = new ExtractSettings(0, View.RGB, null, true, false, 0, "tpu", 0);
        List<String> p = bad.problems();
        assertEquals(6, p.size(), p.toString());
        String all = String.join("\n", p);
        for (String word : new String[] {
            "Clips per video is 0",
            "Feature is not set",
            "Merge",
            "Batch size is 0",
            "Device 'tpu'",
            "Loader threads is 0"
        }) {
            assertTrue(all.contains(word), word + " missing in " + all);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::validate);
        assertTrue(e.getMessage().contains("Device 'tpu'"));
    }

    @Test
    void devicesAndFeaturesParse() {
        for (String ok : new String[] {"cpu", "GPU", "gpu:1", " cuda:0 "}) {
            assertTrue(ExtractSettings.DEFAULTS.withDevice(ok).problems().isEmpty(), ok);
        }
        assertEquals(1, ExtractSettings.DEFAULTS.withDevice("gpu:-1").problems().size());
        assertEquals(Feature.POOLED, Feature.parse(" Pooled"));
        assertEquals("conv", Feature.CONV.id());
        assertThrows(IllegalArgumentException.class, () -> Feature.parse("fc"));
        assertEquals(
                1, ExtractSettings.DEFAULTS.withClipsPerVideo(101).problems().size());
        assertEquals(
                1,
                ExtractSettings.DEFAULTS
                        .withBatchSize(ExtractSettings.MAX_BATCH_SIZE + 1)
                        .problems()
                        .size());
        assertTrue(ExtractSettings.DEFAULTS
                .withView(View.U)
                .withMerge(true)
                .problems()
                .isEmpty());
    }
}
