package org.vidssl.knime.node.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
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
        assertEquals(
                new SyntheticSettings(3, 4, 8, 32, 40, SyntheticSettings.Container.AVI, 0.5, 1),
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
}
