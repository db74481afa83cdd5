package org.vidssl.knime.node.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vidssl.core.finetune.FinetuneSettings;

class ActionRecognitionPredictorSettingsTest {

    @Test
    void dialogDefaultsAreTheCoreDefaults() {
        assertEquals(FinetuneSettings.DEFAULTS, new ActionRecognitionPredictorSettings().toFinetuneSettings());
    }

    @Test
    void predictionValuesAreCheckedByTheEngineRecord() {
        ActionRecognitionPredictorSettings s = new ActionRecognitionPredictorSettings();
        s.m_clipsPerVideo = 3;
        s.m_batchSize = 6;
        s.m_loaderThreads = 2;
        FinetuneSettings f = s.toFinetuneSettings();
        assertEquals(3, f.testClips());
        assertEquals(6, f.batchSize());
        assertEquals(2, f.threads());
        s.m_clipsPerVideo = 101;
        assertTrue(s.toFinetuneSettings().problems().get(0).startsWith("Test clips per video is 101"));
    }
}
