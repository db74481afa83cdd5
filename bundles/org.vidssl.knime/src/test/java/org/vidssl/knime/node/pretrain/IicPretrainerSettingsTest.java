package org.vidssl.knime.node.pretrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.core.pretrain.Objective;
import org.vidssl.core.pretrain.PretrainSettings;
import org.vidssl.core.settings.Backbone;
import org.vidssl.knime.util.ArchitectureChoice;
import org.vidssl.knime.util.ChoiceMirrors;

class IicPretrainerSettingsTest {

    @Test
    void dialogDefaultsWithTheDefaultPipelineAreTheCoreDefaults() {
        assertEquals(PretrainSettings.DEFAULTS, new IicPretrainerSettings().toPretrainSettings(ClipSettings.DEFAULTS));
    }

    @Test
    void everyObjectiveAndBackboneCanBeChosen() {
        IicPretrainerSettings s = new IicPretrainerSettings();
        for (Objective objective : Objective.values()) {
            s.m_objective = IicPretrainerSettings.ObjectiveChoice.valueOf(objective.name());
            assertEquals(objective, s.toPretrainSettings(ClipSettings.DEFAULTS).objective());
        }
        for (Backbone backbone : Backbone.values()) {
            s.m_architecture = ArchitectureChoice.of(backbone);
            assertEquals(
                    backbone.id(), s.toPretrainSettings(ClipSettings.DEFAULTS).model());
        }
    }

    @Test
    void dialogAndPipelineValuesReachTheEngineSettings() {
        IicPretrainerSettings s = new IicPretrainerSettings();
        s.m_epochs = 3;
        s.m_batchSize = 4;
        s.m_learningRate = 0.05;
        s.m_lrSteps = "2, 3";
        s.m_lrDecay = 0.5;
        s.m_negatives = 16;
        s.m_temperature = 0.1;
        s.m_normalizeFeatures = true;
        s.m_seed = 9;
        s.m_loaderThreads = 1;
        s.m_checkpointFolder = " /tmp/ckpt ";
        s.m_checkpointInterval = 2;
        ClipSettings clips = new ClipSettings(8, 64, 86, 56, false, View.RGB, IntraNegative.SHUFFLE, 2);
        PretrainSettings p = s.toPretrainSettings(clips);
        assertEquals(3, p.epochs());
        assertEquals(4, p.batchSize());
        assertEquals(0.05, p.learningRate());
        assertArrayEquals(new int[] {2, 3}, p.lrMilestones());
        assertEquals(0.5, p.lrDecay());
        assertEquals(16, p.nceK());
        assertEquals(0.1, p.nceT());
        assertTrue(p.normalizeFeatures());
        assertEquals(9, p.seed());
        assertEquals(1, p.threads());
        assertEquals(Path.of("/tmp/ckpt"), p.checkpointDir());
        assertEquals(2, p.checkpointInterval());
        // the clip pipeline decides the views and the input size
        assertEquals(View.RGB, p.modality());
        assertEquals(IntraNegative.SHUFFLE, p.intraNegative());
        assertEquals(8, p.clipLength());
        assertEquals(56, p.cropSize());
        assertEquals(0, p.problems().size(), p.problems().toString());
    }

    @Test
    void noCheckpointFolderMeansNoCheckpoints() {
        IicPretrainerSettings s = new IicPretrainerSettings();
        s.m_checkpointFolder = "  ";
        assertEquals(null, s.toPretrainSettings(ClipSettings.DEFAULTS).checkpointDir());
    }

    @Test
    void badLearningRateStepsNameTheProblem() {
        IicPretrainerSettings s = new IicPretrainerSettings();
        s.m_lrSteps = "45,ninety";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.toPretrainSettings(ClipSettings.DEFAULTS))
                .getMessage()
                .contains("Learning rate steps '45,ninety'"));
        s.m_lrSteps = "90,45";
        assertTrue(s.toPretrainSettings(ClipSettings.DEFAULTS).problems().get(0).contains("strictly increasing"));
    }

    /** An objective added to core but not to the dialog (or labelled differently) fails here. */
    @Test
    void objectiveChoicesAreCoresObjectives() {
        ChoiceMirrors.assertMirrors(IicPretrainerSettings.ObjectiveChoice.class, Objective.class);
    }
}
