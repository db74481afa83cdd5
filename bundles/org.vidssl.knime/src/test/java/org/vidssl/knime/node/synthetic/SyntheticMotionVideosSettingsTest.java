package org.vidssl.knime.node.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knime.core.node.InvalidSettingsException;
import org.vidssl.knime.node.SavedSettings;
import org.vidssl.video.synth.SyntheticSettings;

class SyntheticMotionVideosSettingsTest {

    @Test
    void dialogDefaultsAreTheCoreDefaults() {
        assertEquals(SyntheticSettings.DEFAULTS, new SyntheticMotionVideosSettings().toSyntheticSettings());
    }

    @Test
    void dialogValuesReachTheEngineSettings() {
        SyntheticMotionVideosSettings s = new SyntheticMotionVideosSettings();
        s.m_classes = 3;
        s.m_videosPerClass = 4;
        s.m_frames = 8;
        s.m_height = 32;
        s.m_width = 40;
        s.m_container = SyntheticMotionVideosSettings.ContainerChoice.AVI;
        s.m_testFraction = 0.5;
        s.m_seed = 1;
        s.m_motionSpeed = 2.5;
        assertEquals(
                new SyntheticSettings(3, 4, 8, 32, 40, SyntheticSettings.Container.AVI, 0.5, 1, 2.5),
                s.toSyntheticSettings());
    }

    @Test
    void outOfRangeValuesAreReportedByTheEngineRecord() {
        SyntheticMotionVideosSettings s = new SyntheticMotionVideosSettings();
        s.m_classes = 99;
        s.m_testFraction = 1;
        var problems = s.toSyntheticSettings().problems();
        assertEquals(2, problems.size(), problems.toString());
        // range messages come from the record's declarations, the others after them
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("Classes is 99")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("Test fraction is 1.0")), problems.toString());
    }

    @Test
    void aTooHighMotionSpeedIsRejectedNamingTheSettingAndItsRange() {
        SyntheticMotionVideosSettings s = new SyntheticMotionVideosSettings();
        s.m_outputFolder = "videos";
        s.m_motionSpeed = 9;
        String message =
                assertThrows(InvalidSettingsException.class, s::validate).getMessage();
        assertTrue(message.contains("Motion speed is 9"), message);
        assertTrue(message.contains("0.25") && message.contains("8"), message);
    }

    @Test
    void settingsSavedBeforeMotionSpeedExistedLoadWithTheDefaultSpeed() throws Exception {
        SyntheticMotionVideosSettings old = new SyntheticMotionVideosSettings();
        old.m_outputFolder = "knime://knime.workflow/data/synthetic";
        old.m_classes = 5;
        old.m_seed = 7;
        Map<String, String> saved = new LinkedHashMap<>(SavedSettings.save(old));
        assertEquals("1.0", saved.remove("motionSpeed"), "the key a workflow saved before the setting lacks");

        SyntheticMotionVideosSettings loaded = SavedSettings.load(SyntheticMotionVideosSettings.class, saved);

        assertEquals(SyntheticSettings.DEFAULT_MOTION_SPEED, loaded.m_motionSpeed);
        assertEquals(old.m_outputFolder, loaded.m_outputFolder);
        // the settings, hence the videos, the old node generated
        SyntheticSettings before = SyntheticSettings.DEFAULTS.withSeed(7);
        assertEquals(
                new SyntheticSettings(
                        5,
                        before.videosPerClass(),
                        before.frames(),
                        before.height(),
                        before.width(),
                        before.container(),
                        before.testFraction(),
                        7),
                loaded.toSyntheticSettings());
    }

    @Test
    void aSavedMotionSpeedIsLoaded() throws Exception {
        SyntheticMotionVideosSettings s = new SyntheticMotionVideosSettings();
        s.m_motionSpeed = 3;
        Map<String, String> saved = SavedSettings.save(s);
        assertEquals("3.0", saved.get("motionSpeed"));

        SyntheticMotionVideosSettings loaded = SavedSettings.load(SyntheticMotionVideosSettings.class, saved);

        assertEquals(3, loaded.m_motionSpeed);
        assertEquals(s.toSyntheticSettings(), loaded.toSyntheticSettings());
    }

    @Test
    void aMissingSettingWithoutMigrationStillFailsTheLoad() {
        Map<String, String> saved = new LinkedHashMap<>(SavedSettings.save(new SyntheticMotionVideosSettings()));
        saved.remove("seed");
        String message = assertThrows(
                        InvalidSettingsException.class,
                        () -> SavedSettings.load(SyntheticMotionVideosSettings.class, saved))
                .getMessage();
        assertTrue(message.contains("\"seed\""), message);
    }
}
