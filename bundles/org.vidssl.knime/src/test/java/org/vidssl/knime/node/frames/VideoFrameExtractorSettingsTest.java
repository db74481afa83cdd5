package org.vidssl.knime.node.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vidssl.video.decode.FrameExtractionSettings;
import org.vidssl.video.flow.FlowMethod;

class VideoFrameExtractorSettingsTest {

    @Test
    void dialogDefaultsAreTheCoreDefaults() {
        assertEquals(FrameExtractionSettings.DEFAULTS, new VideoFrameExtractorSettings().toFrameExtractionSettings());
    }

    @Test
    void dialogValuesReachTheEngineSettings() {
        VideoFrameExtractorSettings s = new VideoFrameExtractorSettings();
        s.m_height = 64;
        s.m_width = 86;
        s.m_jpegQuality = 75;
        s.m_threads = 3;
        assertEquals(new FrameExtractionSettings(64, 86, 75, 3), s.toFrameExtractionSettings());
        s.m_flow = VideoFrameExtractorSettings.FlowChoice.TVL1;
        assertEquals(new FrameExtractionSettings(64, 86, 75, 3, FlowMethod.TVL1), s.toFrameExtractionSettings());
    }

    @Test
    void everyFlowMethodIsOffered() {
        for (FlowMethod method : FlowMethod.values()) {
            assertTrue(
                    java.util.Arrays.stream(VideoFrameExtractorSettings.FlowChoice.values())
                            .anyMatch(c -> c.m_method == method),
                    method.id());
        }
    }

    @Test
    void badQualityIsReportedByTheEngineRecord() {
        VideoFrameExtractorSettings s = new VideoFrameExtractorSettings();
        s.m_jpegQuality = 101;
        var problems = s.toFrameExtractionSettings().problems();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("JPEG quality is 101"), problems.get(0));
    }
}
