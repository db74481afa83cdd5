package org.vidssl.torch.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vidssl.core.clip.Clip;
import org.vidssl.core.clip.View;
import org.vidssl.core.extract.ExtractSettings;
import org.vidssl.core.extract.ExtractSettings.Feature;
import org.vidssl.core.progress.CancelledException;
import org.vidssl.core.progress.Progress;
import org.vidssl.core.settings.Backbone;
import org.vidssl.torch.backbone.FeatureKind;
import org.vidssl.torch.model.EncoderHeader;
import org.vidssl.torch.model.InputSpec;
import org.vidssl.torch.model.VideoEncoder;
import org.vidssl.torch.testing.Cancelling;
import org.vidssl.torch.testing.MovingSquares;

/** Real R3D (random weights) on 4 x 32 x 32 clips of moving squares (small, so the tests stay fast). */
class EmbeddingExtractorTest {

    private static final int FRAMES = 4;
    private static final int SIZE = 32;
    private static VideoEncoder encoder;
    private static MovingSquares source;

    @BeforeAll
    static void setUp() {
        encoder = VideoEncoder.create(
                EncoderHeader.of(Backbone.R3D, new InputSpec(FRAMES, SIZE, SIZE), "res"), Device.cpu(), 11);
        source = new MovingSquares(4, FRAMES, SIZE, 3);
    }

    @AfterAll
    static void tearDown() {
        encoder.close();
    }

    private static ExtractSettings settings(int clips) {
        return ExtractSettings.DEFAULTS
                .withClipsPerVideo(clips)
                .withBatchSize(4)
                .withThreads(2);
    }

    /** The encoder's feature of single clips, computed apart from the extractor (batch of one, eval mode). */
    private static float[] featureOf(float[] clip, FeatureKind kind) {
        try (NDManager m = encoder.manager().newSubManager()) {
            NDArray x = m.create(clip, new Shape(1, 3, FRAMES, SIZE, SIZE));
            return encoder.features(x, kind, false).toFloatArray();
        }
    }

    /** (x - roll(x, 1, T) + 1) / 2 written out in Java. */
    private static float[] residual(float[] x) {
        float[] out = new float[x.length];
        int plane = SIZE * SIZE;
        for (int c = 0; c < 3; c++) {
            for (int t = 0; t < FRAMES; t++) {
                int prev = (t + FRAMES - 1) % FRAMES;
                for (int p = 0; p < plane; p++) {
                    out[(c * FRAMES + t) * plane + p] =
                            (x[(c * FRAMES + t) * plane + p] - x[(c * FRAMES + prev) * plane + p] + 1f) / 2f;
                }
            }
        }
        return out;
    }

    @Test
    void shapesForPooledConvAndMerge() {
        EmbeddingExtractor pooled = new EmbeddingExtractor(encoder, settings(1).withFeature(Feature.POOLED));
        EmbeddingExtractor.Result r = pooled.extract(source, Progress.NONE);
        assertEquals(4, r.videos().size());
        assertEquals(512, r.videos().dimension());
        assertEquals(512, pooled.dimension(FRAMES, SIZE, SIZE));
        assertEquals(source.videos().get(3).videoId(), r.videos().videoIds().get(3));
        assertNull(r.clips());
        assertFalse(r.anyLooped());

        EmbeddingExtractor conv = new EmbeddingExtractor(encoder, settings(1).withFeature(Feature.CONV));
        long convDim = encoder.backbone()
                .featureShape(new Shape(1, 3, FRAMES, SIZE, SIZE), FeatureKind.CONV)
                .get(1);
        assertEquals(convDim, conv.extract(source, Progress.NONE).videos().dimension());

        EmbeddingExtractor merged = new EmbeddingExtractor(
                encoder, settings(1).withFeature(Feature.CONV).withMerge(true));
        EmbeddingExtractor.Result m = merged.extract(source, Progress.NONE);
        assertEquals(2 * convDim, m.videos().dimension());
        assertEquals(2 * convDim, merged.dimension(FRAMES, SIZE, SIZE));
    }

    @Test
    void videoVectorIsTheMeanOfItsClipFeaturesComputedApart() {
        int clips = 3;
        ExtractSettings s = settings(clips)
                .withFeature(Feature.POOLED)
                .withView(View.RES)
                .withMerge(true)
                .withPerClip(true);
        EmbeddingExtractor.Result r = new EmbeddingExtractor(encoder, s).extract(source, Progress.NONE);
        assertEquals(4 * clips, r.clips().size());
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, java.util.Arrays.copyOf(r.clipNumbers(), 6));
        int video = 2;
        List<Clip> testClips = source.testClips(video, clips);
        float[] expected = new float[1024];
        for (int c = 0; c < clips; c++) {
            float[] rgb = featureOf(testClips.get(c).rgb(), FeatureKind.POOLED);
            float[] res = featureOf(residual(testClips.get(c).rgb()), FeatureKind.POOLED);
            float[] clipFeature = r.clips().vectors()[video * clips + c];
            assertEquals(
                    source.videos().get(video).videoId(), r.clips().videoIds().get(video * clips + c));
            for (int i = 0; i < 512; i++) {
                assertEquals(rgb[i], clipFeature[i], 1e-4, "RGB half, clip " + c);
                assertEquals(res[i], clipFeature[512 + i], 1e-4, "residual half, clip " + c);
                expected[i] += rgb[i] / clips;
                expected[512 + i] += res[i] / clips;
            }
        }
        assertArrayEquals(expected, r.videos().vectors()[video], 1e-4f);
        // the clips differ, so averaging is not a no-op
        assertFalse(java.util.Arrays.equals(
                r.clips().vectors()[video * clips], r.clips().vectors()[video * clips + 1]));
    }

    @Test
    void evalModeIsDeterministicAndIndependentOfTheBatch() {
        ExtractSettings s = settings(2).withFeature(Feature.CONV);
        float[][] a = new EmbeddingExtractor(encoder, s)
                .extract(source, Progress.NONE)
                .videos()
                .vectors();
        float[][] b = new EmbeddingExtractor(encoder, s)
                .extract(source, Progress.NONE)
                .videos()
                .vectors();
        assertTrue(java.util.Arrays.deepEquals(a, b), "same settings, same bits");
        // another batch size changes BatchNorm nothing in eval mode; only the summation order of convolutions may
        // differ
        float[][] c = new EmbeddingExtractor(encoder, s.withBatchSize(1).withThreads(1))
                .extract(source, Progress.NONE)
                .videos()
                .vectors();
        for (int v = 0; v < a.length; v++) {
            assertArrayEquals(a[v], c[v], 1e-4f, "video " + v);
        }
    }

    @Test
    void cancellationStopsExtraction() {
        AtomicInteger reports = new AtomicInteger();
        Progress cancelAfterFirstVideo = new Progress() {
            @Override
            public void report(double fraction, String message) {
                reports.incrementAndGet();
            }

            @Override
            public boolean isCancelled() {
                return reports.get() >= 1;
            }
        };
        EmbeddingExtractor e = new EmbeddingExtractor(encoder, settings(2).withBatchSize(2));
        assertThrows(CancelledException.class, () -> e.extract(source, cancelAfterFirstVideo));
        assertEquals(1, reports.get(), "no video after the cancellation was embedded");
    }

    /** Fault injection: repeated cancels each stop within seconds and leave no native array behind. */
    @Test
    void cancelStopsWithinSecondsAndFreesNativeMemory() {
        EmbeddingExtractor e = new EmbeddingExtractor(encoder, settings(2).withBatchSize(2));
        int before = Cancelling.liveNativeArrays();
        for (int round = 0; round < 3; round++) {
            Cancelling cancel = new Cancelling(1);
            assertThrows(CancelledException.class, () -> e.extract(source, cancel));
            assertTrue(cancel.secondsSinceCancelSeen() < 3, "stopped " + cancel.secondsSinceCancelSeen() + " s after");
            assertEquals(before, Cancelling.liveNativeArrays(), "native arrays left after cancel " + (round + 1));
        }
    }

    @Test
    void progressPerVideoAndClearErrors() {
        AtomicInteger reports = new AtomicInteger();
        Progress counting = new Progress() {
            @Override
            public void report(double fraction, String message) {
                reports.incrementAndGet();
                assertTrue(message.startsWith("Embedded video"), message);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        new EmbeddingExtractor(encoder, settings(1)).extract(source, counting);
        assertEquals(4, reports.get());

        IllegalArgumentException flow = assertThrows(
                IllegalArgumentException.class,
                () -> new EmbeddingExtractor(encoder, settings(1).withView(View.U)).extract(source, Progress.NONE));
        assertTrue(flow.getMessage().contains("flow"), flow.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new EmbeddingExtractor(encoder, settings(1).withBatchSize(0)));
    }
}
