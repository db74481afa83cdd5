package org.vidssl.knime.node.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vidssl.core.retrieval.RetrievalSettings;

class VideoKnnRetrievalSettingsTest {

    @Test
    void dialogDefaultsAreTheCoreDefaults() {
        assertEquals(RetrievalSettings.DEFAULTS, new VideoKnnRetrievalSettings().toRetrievalSettings());
    }

    @Test
    void kValuesAreSortedWithoutRepeatsAndTheDistanceMaps() {
        VideoKnnRetrievalSettings s = new VideoKnnRetrievalSettings();
        s.m_ks = "10, 1,5 ,5";
        s.m_distance = VideoKnnRetrievalSettings.DistanceChoice.EUCLIDEAN;
        RetrievalSettings r = s.toRetrievalSettings();
        assertArrayEquals(new int[] {1, 5, 10}, r.ks());
        assertEquals(RetrievalSettings.Distance.EUCLIDEAN, r.distance());
    }

    @Test
    void badKValuesNameTheProblem() {
        VideoKnnRetrievalSettings s = new VideoKnnRetrievalSettings();
        s.m_ks = "1,five";
        assertTrue(assertThrows(IllegalArgumentException.class, s::toRetrievalSettings)
                .getMessage()
                .contains("'five' is not a whole number"));
        s.m_ks = "0,3";
        assertTrue(s.toRetrievalSettings().problems().get(0).contains("k = 0 is out of range"));
        s.m_ks = " ";
        assertTrue(s.toRetrievalSettings().problems().get(0).contains("No k values"));
    }
}
