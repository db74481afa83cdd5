package org.vidssl.core.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClipSamplingTest {

    private static final ClipSettings PAPER = ClipSettings.DEFAULTS;

    /** numpy.linspace(start, stop, num) written out as numpy computes it (endpoint=True). */
    private static double[] numpyLinspace(double start, double stop, int num) {
        double[] y = new double[num];
        double div = num - 1;
        double step = (stop - start) / div;
        for (int i = 0; i < num; i++) {
            y[i] = (double) i * step + start;
        }
        if (num > 1) {
            y[num - 1] = stop;
        }
        return y;
    }

    @Test
    void testStartsFollowTheReferenceFormula() {
        for (int clipLength : new int[] {16, 15, 8}) {
            for (int n : new int[] {clipLength, clipLength + 1, 31, 100, 149, 150, 301, 1777}) {
                for (int count : new int[] {10, 1, 3}) {
                    int[] expected = new int[count];
                    if (count == 1) {
                        expected[0] = (int) (clipLength / 2.0 - clipLength / 2.0);
                    } else {
                        double[] centres = numpyLinspace(clipLength / 2.0, n - clipLength / 2.0, count);
                        for (int i = 0; i < count; i++) {
                            expected[i] = (int) Math.floor(centres[i] - clipLength / 2.0);
                        }
                    }
                    assertArrayEquals(
                            expected,
                            ClipSampling.testStarts(n, clipLength, count),
                            "n=" + n + " T=" + clipLength + " N=" + count);
                }
            }
        }
    }

    @Test
    void testStartsMatchValuesPrintedByNumpy() {
        // [int(i - 8) for i in numpy.linspace(8, n - 8, 10)] printed by numpy 2.4
        assertArrayEquals(new int[] {0, 9, 18, 28, 37, 46, 56, 65, 74, 84}, ClipSampling.testStarts(100, 16, 10));
        assertArrayEquals(new int[] {0, 14, 29, 44, 59, 73, 88, 103, 118, 133}, ClipSampling.testStarts(149, 16, 10));
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, ClipSampling.testStarts(17, 16, 10));
        assertArrayEquals(new int[] {0, 9, 18, 28, 37, 47, 56, 66, 75, 85}, ClipSampling.testStarts(100, 15, 10));
    }

    @Test
    void testClipsStayInsideTheVideoAndAreCentreCropped() {
        for (int n = 16; n < 400; n += 7) {
            List<ClipPlan> plans = ClipSampling.test(PAPER, n, 10);
            assertEquals(10, plans.size());
            for (ClipPlan p : plans) {
                assertFalse(p.looped());
                assertTrue(p.start() >= 0 && p.start() + 16 <= n, "n=" + n + " start=" + p.start());
                for (int t = 0; t < 16; t++) {
                    assertEquals(p.start() + t, p.frame(t));
                }
                // CenterCrop: round((128-112)/2) = 8, round((171-112)/2) = round(29.5) = 30 (half to even)
                assertEquals(8, p.cropY());
                assertEquals(30, p.cropX());
                assertFalse(p.flip());
            }
            assertEquals(0, plans.get(0).start());
            assertEquals(n - 16, plans.get(9).start());
        }
    }

    @Test
    void centreOffsetRoundsHalfToEvenLikePython() {
        assertEquals(30, ClipSampling.centreOffset(171, 112)); // 29.5 -> 30
        assertEquals(2, ClipSampling.centreOffset(117, 112)); // 2.5 -> 2
        assertEquals(4, ClipSampling.centreOffset(121, 112)); // 4.5 -> 4
        assertEquals(0, ClipSampling.centreOffset(112, 112));
        assertThrows(IllegalArgumentException.class, () -> ClipSampling.centreOffset(100, 112));
    }

    @Test
    void trainingStartsAndCropsCoverTheirWholeRangeUniformly() {
        int n = 40;
        int[] startHits = new int[n - 16 + 1];
        Set<Integer> ys = new HashSet<>();
        Set<Integer> xs = new HashSet<>();
        int draws = 20000;
        for (int video = 0; video < draws; video++) {
            ClipPlan p = ClipSampling.train(PAPER, n, 632, 3, video);
            assertTrue(p.start() >= 0 && p.start() <= n - 16);
            assertTrue(p.cropY() >= 0 && p.cropY() <= 128 - 112);
            assertTrue(p.cropX() >= 0 && p.cropX() <= 171 - 112);
            assertFalse(p.flip(), "flip is off in the paper's settings");
            for (int t = 0; t < 16; t++) {
                assertEquals(p.start() + t, p.frame(t));
            }
            startHits[p.start()]++;
            ys.add(p.cropY());
            xs.add(p.cropX());
        }
        assertEquals(17, ys.size(), "every crop row 0..16 is drawn");
        assertEquals(60, xs.size(), "every crop column 0..59 is drawn");
        double expected = (double) draws / startHits.length;
        for (int hits : startHits) {
            assertTrue(Math.abs(hits - expected) < 0.15 * expected, "start histogram is near uniform: " + hits);
        }
    }

    @Test
    void trainingClipDependsOnlyOnSeedEpochAndVideo() {
        ClipPlan a = ClipSampling.train(PAPER, 200, 632, 5, 17);
        // other draws in between must not matter
        for (int i = 0; i < 100; i++) {
            ClipSampling.train(PAPER, 200, 632, i, i);
        }
        assertEquals(a, ClipSampling.train(PAPER, 200, 632, 5, 17));
        Set<ClipPlan> distinct = new HashSet<>();
        distinct.add(a);
        distinct.add(ClipSampling.train(PAPER, 200, 633, 5, 17));
        distinct.add(ClipSampling.train(PAPER, 200, 632, 6, 17));
        distinct.add(ClipSampling.train(PAPER, 200, 632, 5, 18));
        assertEquals(4, distinct.size(), "seed, epoch and video each change the clip");
    }

    @Test
    void flipIsRandomWhenOnAndDoesNotMoveStartsOrCrops() {
        ClipSettings flipping = new ClipSettings(16, 128, 171, 112, true, View.RES, IntraNegative.REPEAT, 10);
        int flips = 0;
        for (int video = 0; video < 1000; video++) {
            ClipPlan on = ClipSampling.train(flipping, 100, 1, 0, video);
            ClipPlan off = ClipSampling.train(PAPER, 100, 1, 0, video);
            assertEquals(off.start(), on.start());
            assertEquals(off.cropY(), on.cropY());
            assertEquals(off.cropX(), on.cropX());
            flips += on.flip() ? 1 : 0;
        }
        assertTrue(flips > 400 && flips < 600, "about half flipped: " + flips);
    }

    @Test
    void shortVideosLoopInsteadOfCrashing() {
        ClipPlan p = ClipSampling.train(PAPER, 5, 632, 0, 0);
        assertTrue(p.looped());
        assertEquals(0, p.start());
        int[] expected = new int[16];
        for (int t = 0; t < 16; t++) {
            expected[t] = t % 5;
        }
        assertArrayEquals(expected, p.frames());
        for (ClipPlan q : ClipSampling.test(PAPER, 1, 10)) {
            assertTrue(q.looped());
            assertArrayEquals(new int[16], q.frames());
        }
        ClipPlan exact = ClipSampling.train(PAPER, 16, 632, 0, 0);
        assertFalse(exact.looped());
        assertEquals(0, exact.start());
    }

    @Test
    void emptyVideosGetAClearError() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ClipSampling.train(PAPER, 0, 1, 0, 0));
        assertTrue(e.getMessage().contains("0 usable frames"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClipSampling.testStarts(100, 16, 0));
    }

    @Test
    void planIsImmutable() {
        ClipPlan p = ClipSampling.train(PAPER, 100, 1, 1, 1);
        int[] frames = p.frames();
        frames[0] = -5;
        assertNotEquals(-5, p.frame(0));
        assertEquals(p.frame(0), p.firstFrame());
        assertEquals(p.frame(15), p.lastFrame());
    }
}
