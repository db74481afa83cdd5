package org.vidssl.knime.node.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.knime.util.ChoiceMirrors;

class ClipPipelineSettingsTest {

    @Test
    void dialogDefaultsAreTheCoreDefaults() {
        assertEquals(ClipSettings.DEFAULTS, new ClipPipelineSettings().toClipSettings());
    }

    @Test
    void everyViewAndIntraNegativeCanBeChosenAndMapsBack() {
        for (View view : View.values()) {
            assertEquals(view, ClipPipelineSettings.ViewChoice.of(view).m_view);
        }
        for (IntraNegative negative : IntraNegative.values()) {
            assertEquals(negative, ClipPipelineSettings.IntraNegativeChoice.of(negative).m_negative);
        }
    }

    @Test
    void dialogValuesReachTheEngineSettings() {
        ClipPipelineSettings s = new ClipPipelineSettings();
        s.m_clipLength = 8;
        s.m_cropSize = 56;
        s.m_flip = true;
        s.m_view2 = ClipPipelineSettings.ViewChoice.U;
        s.m_intraNegative = ClipPipelineSettings.IntraNegativeChoice.SHUFFLE;
        s.m_testClips = 3;
        ClipSettings c = s.toClipSettings();
        assertEquals(
                new ClipSettings(
                        8,
                        ClipSettings.DEFAULTS.resizeHeight(),
                        ClipSettings.DEFAULTS.resizeWidth(),
                        56,
                        true,
                        View.U,
                        IntraNegative.SHUFFLE,
                        3),
                c);
        assertEquals(0, c.problems().size());
    }

    /** A view or intra-negative added to core but not to the dialog (or labelled differently) fails here. */
    @Test
    void dialogChoicesAreCoresLists() {
        ChoiceMirrors.assertMirrors(ClipPipelineSettings.ViewChoice.class, View.class);
        ChoiceMirrors.assertMirrors(ClipPipelineSettings.IntraNegativeChoice.class, IntraNegative.class);
    }
}
