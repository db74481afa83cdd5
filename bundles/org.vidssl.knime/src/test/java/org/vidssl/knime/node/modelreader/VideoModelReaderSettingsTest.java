package org.vidssl.knime.node.modelreader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.vidssl.core.clip.View;
import org.vidssl.knime.util.ChoiceMirrors;

class VideoModelReaderSettingsTest {

    @Test
    void inputChoicesAreViewsWithTheirLabels() {
        ChoiceMirrors.assertSubset(VideoModelReaderSettings.ModalityChoice.class, View.class);
        for (VideoModelReaderSettings.ModalityChoice c : VideoModelReaderSettings.ModalityChoice.values()) {
            VideoModelReaderSettings s = new VideoModelReaderSettings();
            s.m_modality = c;
            assertEquals(View.valueOf(c.name()).id(), s.npzModality());
        }
    }
}
