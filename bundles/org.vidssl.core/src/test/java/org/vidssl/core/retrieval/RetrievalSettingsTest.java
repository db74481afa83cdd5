package org.vidssl.core.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vidssl.core.retrieval.RetrievalSettings.Distance;

class RetrievalSettingsTest {

    @Test
    void defaultsAreThePapers() {
        assertEquals(Distance.COSINE, RetrievalSettings.DEFAULTS.distance());
        assertArrayEquals(new int[] {1, 5, 10, 20, 50}, RetrievalSettings.DEFAULTS.ks());
        assertEquals(50, RetrievalSettings.DEFAULTS.maxK());
        assertTrue(RetrievalSettings.DEFAULTS.problems().isEmpty());
    }

    @Test
    void badValuesAreExplained() {
        assertTrue(RetrievalSettings.DEFAULTS.withKs(5, 1).problems().get(0).contains("strictly increasing"));
        assertTrue(RetrievalSettings.DEFAULTS.withKs(0).problems().get(0).contains("k = 0"));
        assertTrue(RetrievalSettings.DEFAULTS.withKs().problems().get(0).contains("No k values"));
        assertTrue(
                RetrievalSettings.DEFAULTS.withDistance(null).problems().get(0).contains("Distance"));
        assertThrows(
                IllegalArgumentException.class,
                () -> RetrievalSettings.DEFAULTS.withKs(1, 1).validate());
    }

    @Test
    void parsing() {
        assertArrayEquals(new int[] {1, 5, 10}, RetrievalSettings.parseKs(" 1, 5 ,10 "));
        assertThrows(IllegalArgumentException.class, () -> RetrievalSettings.parseKs("1,x"));
        assertEquals(Distance.EUCLIDEAN, Distance.parse(" Euclidean"));
        assertThrows(IllegalArgumentException.class, () -> Distance.parse("manhattan"));
    }

    @Test
    void ksAreCopied() {
        int[] ks = {1, 2};
        RetrievalSettings s = new RetrievalSettings(Distance.COSINE, ks);
        ks[0] = 7;
        assertEquals(1, s.ks()[0]);
        assertEquals(s, new RetrievalSettings(Distance.COSINE, new int[] {1, 2}));
    }

    @Test
    void ksThatReachTheWholeDatabaseAreNamedAndLeftOut() {
        RetrievalSettings s = RetrievalSettings.DEFAULTS; // 1, 5, 10, 20, 50
        assertArrayEquals(new int[] {10, 20, 50}, s.ksBeyond(9));
        assertArrayEquals(new int[] {1, 5}, s.within(9).ks());
        assertArrayEquals(new int[0], s.ksBeyond(51));
        assertNull(s.withKs(20, 50).within(9));
    }
}
