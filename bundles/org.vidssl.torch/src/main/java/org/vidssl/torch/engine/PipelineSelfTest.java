package org.vidssl.torch.engine;

import java.io.IOException;
import java.nio.file.Path;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.pretrain.EpochRecord;
import org.vidssl.core.pretrain.Objective;
import org.vidssl.core.pretrain.PretrainSettings;
import org.vidssl.core.progress.Progress;
import org.vidssl.torch.backbone.Architecture;
import org.vidssl.torch.model.EncoderFile;
import org.vidssl.torch.pretrain.IicPretraining;
import org.vidssl.torch.pretrain.PretrainOutcome;

/**
 * The engine steps of the pipeline through this bundle's public entry points, callable from outside the bundle
 * (the OSGi integration test), on a clip source made by the video bundle. Unlike {@link SelfTest}, nothing here
 * sets the thread context class loader: the entry points must cope with the caller's loader themselves, as they
 * must when a KNIME node calls them.
 */
public final class PipelineSelfTest {

    private PipelineSelfTest() {
    }

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
        PretrainSettings settings = PretrainSettings.DEFAULTS.toBuilder().model(Architecture.R3D.id())
                .objective(Objective.MEMORY_BANK).epochs(1).batchSize(batchSize).clipLength(clipLength)
                .cropSize(crop).width(16).nceK(8).normalizeFeatures(true).threads(2).lrMilestones(new int[0]).seed(5)
                .build();
        try (PretrainOutcome outcome = IicPretraining.run(source, settings, Progress.NONE, null)) {
            EpochRecord epoch = outcome.lastEpoch();
            if (epoch == null || !Double.isFinite(epoch.loss())) {
                throw new IllegalStateException("Pretraining inside the bundle gave no finite loss: " + epoch);
            }
            EncoderFile.save(encoderFile, outcome.encoder());
            return "pretrained " + outcome.history().size() + " epoch(s) on " + source.videos().size()
                    + " videos, loss " + epoch.loss();
        }
    }
}
