package org.vidssl.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vidssl.core.settings.Backbone;

class MemoryResultTest {

    private static TrainingStepBenchmark.MemoryResult result(long... rss) {
        return new TrainingStepBenchmark.MemoryResult(
                Backbone.values()[0], 8, new long[] {4, 3, 8, 56, 56}, new int[] {10, 20, 30}, rss, new long[] {
                    100, 100, 100
                });
    }

    @Test
    void growthIsTheDifferenceOfTheLastAndFirstReading() {
        TrainingStepBenchmark.MemoryResult result = result(900, 950, 910);
        assertTrue(result.rssKnown());
        assertEquals(10, result.growthMiB());
    }

    /** Without /proc (Windows, macOS) the readings are -1: no made-up growth of 0. */
    @Test
    void withoutProcTheRssIsUnknownAndHasNoGrowth() {
        TrainingStepBenchmark.MemoryResult result = result(-1, -1, -1);
        assertFalse(result.rssKnown());
        assertThrows(IllegalStateException.class, result::growthMiB);
    }

    @Test
    void residentMemoryIsReadOnLinux() {
        long resident = TrainingStepBenchmark.residentMiB();
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertTrue(resident > 0, "RSS " + resident);
        } else {
            assertEquals(-1, resident);
        }
    }
}
