package org.vidssl.torch.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidssl.core.extract.ExtractSettings;
import org.vidssl.core.pretrain.Objective;
import org.vidssl.core.pretrain.PretrainSettings;
import org.vidssl.core.progress.Progress;
import org.vidssl.core.retrieval.KnnResult;
import org.vidssl.core.retrieval.KnnSearch;
import org.vidssl.core.retrieval.RetrievalSettings.Distance;
import org.vidssl.core.settings.Records;
import org.vidssl.torch.engine.GradMode;
import org.vidssl.torch.engine.TorchRuntime;
import org.vidssl.torch.extract.EmbeddingExtractor;
import org.vidssl.torch.model.EncoderFile;
import org.vidssl.torch.model.VideoEncoder;
import org.vidssl.torch.pretrain.IicPretraining;
import org.vidssl.torch.pretrain.PretrainOutcome;
import org.vidssl.torch.retrieval.TorchDotProductBlock;

/**
 * Every engine entry point on a thread that did not start the engine, as a KNIME worker runs a node: PyTorch's
 * gradient mode is per thread and on by default, and DJL switches it off only on the thread that loads the engine.
 * Pretraining, fine-tuning, extraction, prediction and retrieval each run on a fresh thread, one after the other,
 * the later ones using the files the earlier ones wrote; each must work and leave the thread's mode as it found it.
 */
class FreshThreadEntryPointsTest {

    private static final int FRAMES = FineTunerTest.FRAMES;
    private static final int SIZE = FineTunerTest.SIZE;

    @BeforeAll
    static void startTheEngineOnTheTestThread() {
        TorchRuntime.engine(); // as in KNIME: some other thread loaded the engine first
    }

    /** Runs {@code work} on a new thread and checks that it left the thread's gradient mode (on) as it was. */
    private static <T> T onFreshThread(String name, Callable<T> work) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, name));
        try {
            Future<T> result = thread.submit(() -> {
                assertTrue(GradMode.isEnabled(), "PyTorch starts every new thread with gradients on");
                T value = work.call();
                assertTrue(GradMode.isEnabled(), name + " must restore the thread's gradient mode");
                return value;
            });
            return result.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            thread.shutdown();
        }
    }

    @Test
    void pretrainFinetuneExtractPredictAndRetrieveEachOnItsOwnFreshThread(@TempDir Path tmp) throws Exception {
        DriftingDots data = new DriftingDots(8, FRAMES, SIZE, 21);
        Path encoderFile = tmp.resolve("encoder.vidssl");
        Path classifierFile = tmp.resolve("classifier.vidssl");
        PretrainSettings pretrain = Records.builder(PretrainSettings.DEFAULTS)
                .set("model", "r3d")
                .set("width", FineTunerTest.WIDTH)
                .set("clipLength", FRAMES)
                .set("cropSize", SIZE)
                .set("batchSize", 4)
                .set("epochs", 1)
                .set("objective", Objective.SIMCLR)
                .set("learningRate", 0.01)
                .set("lrMilestones", new int[] {100})
                .set("threads", 2)
                .build();

        int epoch = onFreshThread("pretrainer", () -> {
            try (PretrainOutcome o = IicPretraining.run(data, pretrain, "dots", Progress.NONE, null)) {
                EncoderFile.save(encoderFile, o.encoder());
                return o.encoder().header().epoch();
            }
        });
        assertEquals(1, epoch);

        int finetuned = onFreshThread("learner", () -> {
            try (VideoEncoder encoder = EncoderFile.load(encoderFile, Device.cpu());
                    FinetuneOutcome o = FineTuner.run(
                            data,
                            encoder,
                            FineTunerTest.CLASSES,
                            FineTunerTest.small().build(),
                            Progress.NONE)) {
                ClassifierFile.save(classifierFile, o.classifier());
                return o.history().size();
            }
        });
        assertEquals(1, finetuned);

        ExtractSettings extract =
                ExtractSettings.DEFAULTS.withClipsPerVideo(2).withBatchSize(4).withThreads(2);
        float[][] embeddings = onFreshThread("extractor", () -> {
            try (VideoEncoder encoder = EncoderFile.load(encoderFile, Device.cpu())) {
                return new EmbeddingExtractor(encoder, extract)
                        .extract(data, Progress.NONE)
                        .videos()
                        .vectors();
            }
        });
        assertEquals(data.videos().size(), embeddings.length);
        try (VideoEncoder encoder = EncoderFile.load(encoderFile, Device.cpu())) {
            float[][] here = new EmbeddingExtractor(encoder, extract)
                    .extract(data, Progress.NONE)
                    .videos()
                    .vectors();
            for (int v = 0; v < here.length; v++) {
                assertArrayEquals(here[v], embeddings[v], 1e-5f, "video " + v + " embeds the same on any thread");
            }
        }

        Predictions predictions = onFreshThread("predictor", () -> {
            try (ActionClassifier classifier = ClassifierFile.load(classifierFile, Device.cpu())) {
                return ActionPredictor.predict(classifier, data, 2, 4, 2, Progress.NONE);
            }
        });
        assertEquals(data.videos().size(), predictions.videos().size());

        KnnResult neighbours = onFreshThread("retrieval", () -> {
            try (TorchDotProductBlock dots = new TorchDotProductBlock(Device.cpu())) {
                return new KnnSearch(Distance.COSINE, 2, dots).search(embeddings, embeddings, 3, Progress.NONE);
            }
        });
        assertEquals(data.videos().size(), neighbours.indices().length);
    }

    @Test
    void aGradModeBlockRestoresTheThreadsMode() throws Exception {
        boolean inside = onFreshThread("grad-mode", () -> {
            try (GradMode off = GradMode.disabled()) {
                return GradMode.isEnabled();
            }
        });
        assertFalse(inside);
        try (GradMode off = GradMode.disabled()) {
            assertFalse(GradMode.isEnabled());
        }
    }
}
