package org.vidssl.knime.node.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.vidssl.core.clip.View;
import org.vidssl.core.finetune.FinetuneSettings;
import org.vidssl.knime.util.ArchitectureChoice;
import org.vidssl.knime.util.ChoiceMirrors;

class ActionRecognitionLearnerSettingsTest {

    @Test
    void dialogDefaultsAreTheCoreDefaults() {
        assertEquals(FinetuneSettings.DEFAULTS, new ActionRecognitionLearnerSettings().toFinetuneSettings());
    }

    @Test
    void anEncodersClipSizeReplacesTheDialogsOne() {
        FinetuneSettings f = new ActionRecognitionLearnerSettings().toFinetuneSettings(8, 56);
        assertEquals(8, f.clipLength());
        assertEquals(56, f.cropSize());
    }

    @Test
    void dialogValuesReachTheEngineSettings() {
        ActionRecognitionLearnerSettings s = new ActionRecognitionLearnerSettings();
        s.m_input = ActionRecognitionLearnerSettings.InputChoice.RGB;
        s.m_architecture = ArchitectureChoice.C3D;
        s.m_epochs = 5;
        s.m_batchSize = 4;
        s.m_learningRate = 0.01;
        s.m_finetuneLearningRate = 0.02;
        s.m_validationVideos = 3;
        s.m_plateauPatience = 2;
        s.m_seed = 11;
        s.m_loaderThreads = 1;
        s.m_checkpointFolder = "/tmp/ft";
        FinetuneSettings f = s.toFinetuneSettings();
        assertEquals(View.RGB, f.modality());
        assertEquals("c3d", f.model());
        assertEquals(5, f.epochs());
        assertEquals(4, f.batchSize());
        assertEquals(0.01, f.learningRate());
        assertEquals(0.02, f.finetuneLearningRate());
        assertEquals(3, f.validationVideos());
        assertEquals(2, f.plateauPatience());
        assertEquals(11, f.seed());
        assertEquals(1, f.threads());
        assertEquals(Path.of("/tmp/ft"), f.checkpointDir());
        assertEquals(0, f.problems().size(), f.problems().toString());
    }

    @Test
    void badValuesAreReportedByTheEngineRecord() {
        ActionRecognitionLearnerSettings s = new ActionRecognitionLearnerSettings();
        s.m_validationVideos = 0;
        s.m_plateauFactor = 1;
        var problems = s.toFinetuneSettings().problems();
        assertEquals(2, problems.size(), problems.toString());
        // range messages come from the record's declarations, the others after them
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("Validation videos is 0")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("Plateau factor is 1.0")), problems.toString());
    }

    @Test
    void inputChoicesAreViewsWithTheirLabels() {
        ChoiceMirrors.assertSubset(ActionRecognitionLearnerSettings.InputChoice.class, View.class);
    }
}
