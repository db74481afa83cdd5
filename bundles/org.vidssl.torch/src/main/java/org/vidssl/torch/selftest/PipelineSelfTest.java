package org.vidssl.torch.selftest;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.clip.View;
import org.vidssl.core.embedding.EmbeddingSet;
import org.vidssl.core.extract.ExtractSettings;
import org.vidssl.core.pretrain.EpochRecord;
import org.vidssl.core.pretrain.Objective;
import org.vidssl.core.pretrain.PretrainSettings;
import org.vidssl.core.progress.Progress;
import org.vidssl.core.settings.Backbone;
import org.vidssl.core.settings.Records;
import org.vidssl.torch.extract.EmbeddingExtractor;
import org.vidssl.torch.model.EncoderFile;
import org.vidssl.torch.model.VideoEncoder;
import org.vidssl.torch.pretrain.IicPretraining;
import org.vidssl.torch.pretrain.PretrainOutcome;

/**
 * The engine steps of the pipeline through this bundle's public entry points, callable from outside the bundle
 * (the OSGi integration test), on clip sources made by the video bundle: pretraining and embedding extraction.
 * Unlike {@link SelfTest}, nothing here sets the thread context class loader: the entry points must cope with the
 * caller's loader themselves, as they must when a KNIME node calls them.
 */
public final class PipelineSelfTest {

    private PipelineSelfTest() {}

    /**
     * One epoch of IIC pretraining through {@link IicPretraining} (R3D at a quarter of the paper's width, memory
     * bank, residual view, repeat intra-negative: the paper's recipe at a tiny size) on the CPU; the encoder is saved
     * to {@code encoderFile}.
     *
     * @return a one-line report: epochs, videos and the epoch's loss
     * @throws IllegalStateException when the loss is not finite
     */
    public static String pretrainOneEpoch(ClipSource source, int clipLength, int crop, int batchSize, Path encoderFile)
            throws IOException {
        PretrainSettings settings = Records.builder(PretrainSettings.DEFAULTS)
                .set("model", Backbone.R3D.id())
                .set("objective", Objective.MEMORY_BANK)
                .set("epochs", 1)
                .set("batchSize", batchSize)
                .set("clipLength", clipLength)
                .set("cropSize", crop)
                .set("width", 16)
                .set("nceK", 8)
                .set("normalizeFeatures", true)
                .set("threads", 2)
                .set("lrMilestones", new int[0])
                .set("seed", 5)
                .build();
        try (PretrainOutcome outcome = IicPretraining.run(source, settings, Progress.NONE, null)) {
            EpochRecord epoch = outcome.lastEpoch();
            if (epoch == null || !Double.isFinite(epoch.loss())) {
                throw new IllegalStateException("Pretraining inside the bundle gave no finite loss: " + epoch);
            }
            EncoderFile.save(encoderFile, outcome.encoder());
            return "pretrained " + outcome.history().size() + " epoch(s) on "
                    + source.videos().size() + " videos, loss " + epoch.loss();
        }
    }

    /**
     * Embeds every video of {@code source} with the encoder saved in {@code encoderFile} (the mean of
     * {@code clipsPerVideo} centre clips of the residual view, pooled feature), through {@link EmbeddingExtractor}.
     *
     * @return a one-line report: videos and dimension
     * @throws IllegalStateException when an embedding value is not finite
     */
    public static String extractEmbeddings(ClipSource source, Path encoderFile, int clipsPerVideo) throws IOException {
        ExtractSettings settings =
                new ExtractSettings(clipsPerVideo, View.RES, ExtractSettings.Feature.POOLED, false, false, 4, "cpu", 2);
        try (VideoEncoder encoder = EncoderFile.load(encoderFile, Device.cpu())) {
            EmbeddingSet videos = new EmbeddingExtractor(encoder, settings)
                    .extract(source, Progress.NONE)
                    .videos();
            for (float[] vector : videos.vectors()) {
                for (float value : vector) {
                    if (!Float.isFinite(value)) {
                        throw new IllegalStateException("Embedding inside the bundle is not finite: " + value);
                    }
                }
            }
            return "embedded " + videos.size() + " videos, dimension " + videos.dimension();
        }
    }
}
