package org.vidssl.torch.engine;

import ai.djl.Device;
import java.util.List;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.pretrain.EpochRecord;
import org.vidssl.core.pretrain.Objective;
import org.vidssl.core.pretrain.PretrainSettings;
import org.vidssl.core.progress.Progress;
import org.vidssl.torch.backbone.Architecture;
import org.vidssl.torch.backbone.Backbones;
import org.vidssl.torch.pretrain.PretrainResult;
import org.vidssl.torch.pretrain.Pretrainer;

/**
 * The engine steps of the pipeline through this bundle's public API, callable from outside the bundle (the OSGi
 * integration test): pretraining on a clip source made by the video bundle. Unlike {@link SelfTest}, nothing here
 * sets the thread context class loader: the engine's entry points must cope with the caller's loader themselves,
 * as they do when a KNIME node calls them.
 */
public final class PipelineSelfTest {

    private PipelineSelfTest() {
    }

    /**
     * One epoch of IIC pretraining (R3D, memory bank, residual view, repeat intra-negative: the paper's recipe at a
     * tiny size) on {@code source}, on the CPU.
     *
     * @return a one-line report: epochs, steps and the epoch's loss
     * @throws IllegalStateException when the loss is not finite
     */
    public static String pretrainOneEpoch(ClipSource source, int clipLength, int crop, int batchSize) {
        PretrainSettings settings = PretrainSettings.DEFAULTS.toBuilder().model(Architecture.R3D.id())
                .objective(Objective.MEMORY_BANK).epochs(1).batchSize(batchSize).clipLength(clipLength)
                .cropSize(crop).nceK(8).normalizeFeatures(true).threads(2).lrMilestones(new int[0]).seed(5).build();
        try (PretrainResult result = new Pretrainer(Device.cpu())
                .run(source, settings, () -> Backbones.create(Architecture.R3D), Progress.NONE)) {
            List<EpochRecord> history = result.history();
            EpochRecord epoch = history.get(history.size() - 1);
            if (!Double.isFinite(epoch.loss())) {
                throw new IllegalStateException("Pretraining inside the bundle gave a loss of " + epoch.loss());
            }
            return "pretrained " + history.size() + " epoch(s) on " + source.videos().size() + " videos, loss "
                    + epoch.loss();
        }
    }
}
