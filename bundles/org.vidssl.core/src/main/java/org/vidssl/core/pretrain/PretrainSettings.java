package org.vidssl.core.pretrain;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.core.settings.Checks;
import org.vidssl.core.settings.Choices;
import org.vidssl.core.settings.DeviceSpec;
import org.vidssl.core.settings.Records;
import org.vidssl.core.settings.Setting;
import org.vidssl.core.settings.Settings;

/**
 * Settings of the IIC Pretrainer. Defaults are the reference's ({@code train_ssl.py}). Each setting is declared
 * here once (label, description, range: {@link Setting}); the CLI options and the KNIME dialog take them from here.
 * Change a few with {@code Records.builder(DEFAULTS).set("epochs", 3).build()}.
 */
public record PretrainSettings(
        @Setting(label = "Model", description = "The 3D CNN trained (an id of the Backbone list).")
        String model,

        @Setting(label = "Modality", description = "View 2, contrasted with the RGB clip.")
        View modality,

        @Setting(
                label = "Intra-negative",
                description = "Negative made from the clip itself (none: plain " + "two-view learning).")
        IntraNegative intraNegative,

        @Setting(label = "Objective", description = "Where the negatives of the loss come from.")
        Objective objective,

        @Setting(
                label = "Epochs",
                description = "Passes over the training videos, one random clip per video each.",
                min = 1,
                max = 100_000)
        int epochs,

        @Setting(
                label = "Batch size",
                description = "Clips per training step.",
                min = 2,
                max = 4096,
                note = "contrastive losses need 2+")
        int batchSize,

        @Setting(label = "Learning rate", description = "Initial SGD learning rate.", min = 0, minOpen = true, max = 10)
        double learningRate,

        @Setting(label = "Momentum", description = "SGD momentum.", min = 0, max = 1, maxOpen = true)
        double momentum,

        @Setting(label = "Weight decay", description = "SGD (L2) weight decay.", min = 0, max = 1, maxOpen = true)
        double weightDecay,

        @Setting(
                label = "LR milestones",
                description = "Epochs after which the learning rate is multiplied by the "
                        + "learning rate decay, increasing.")
        int[] lrMilestones,

        @Setting(
                label = "LR decay",
                description = "Factor applied to the learning rate at each milestone.",
                min = 0,
                minOpen = true,
                max = 1)
        double lrDecay,

        @Setting(
                label = "NCE K",
                description = "Negatives drawn from the memory bank, or the MoCo queue length.",
                min = 1,
                max = 1_000_000,
                unit = "negatives")
        int nceK,

        @Setting(
                label = "NCE temperature",
                description = "Softmax temperature of the memory bank and MoCo.",
                min = 0,
                minOpen = true,
                max = 10)
        double nceT,

        @Setting(
                label = "NCE memory momentum",
                description = "Momentum of the memory-bank update.",
                min = 0,
                max = 1,
                maxOpen = true)
        double nceM,

        @Setting(
                label = "SimCLR temperature",
                description = "Softmax temperature of SimCLR and the in-batch " + "objective.",
                min = 0,
                minOpen = true,
                max = 10,
                paper = false)
        double simclrT,

        @Setting(
                label = "MoCo momentum",
                description = "Momentum of the MoCo key encoder's moving average.",
                min = 0,
                max = 1,
                maxOpen = true,
                paper = false)
        double mocoM,

        @Setting(
                label = "Normalise features",
                description = "L2-normalise live features before scoring (needed at "
                        + "small scale; the reference does not).")
        boolean normalizeFeatures,

        @Setting(label = "Seed", description = "Seed of clip positions, crops, intra-negatives and initial weights.")
        long seed,

        @Setting(label = "Clip length", description = "Frames per clip.", min = 1, max = 256, unit = "frames")
        int clipLength,

        @Setting(label = "Crop size", description = "Side of the square crop.", min = 8, max = 1024)
        int cropSize,

        @Setting(label = "Device", description = DeviceSpec.SYNTAX + ".", paper = false)
        String device,

        @Setting(
                label = "Threads",
                description = "Clip-loader threads; 0 = one per processor core.",
                min = 0,
                max = 256,
                paper = false,
                note = "0 = one per processor core")
        int threads,

        @Setting(
                label = "Checkpoint folder",
                description = "Folder for checkpoints; a run with the same settings " + "resumes from it.")
        Path checkpointDir,

        @Setting(
                label = "Checkpoint interval",
                description = "Write a checkpoint every this many epochs (and "
                        + "always at the end), so a kill loses at most that many epochs.",
                min = 1,
                unit = "epochs",
                paper = false)
        int checkpointInterval,

        @Setting(
                label = "Width",
                description = "Backbone base channels (64 = the paper's network; 16 learns the "
                        + "synthetic demo set within minutes on a CPU). The feature contrasted has 8 x width values.",
                min = 4,
                max = 256,
                unit = "base channels")
        int width,

        @Setting(
                label = "Colour jitter",
                description =
                        "An extension, off in the paper: independent random colour " + "changes of the two views.")
        boolean colourJitter) {

    /** The paper's base width. */
    public static final int PAPER_WIDTH = 64;
    /** Feature values per base channel: the backbones' last stage has 8 x width channels, pooled to the feature. */
    public static final int FEATURE_PER_WIDTH = 8;

    public static final PretrainSettings DEFAULTS = new PretrainSettings(
            "r3d",
            View.RES,
            IntraNegative.REPEAT,
            Objective.MEMORY_BANK,
            240,
            16,
            0.01,
            0.9,
            1e-4,
            new int[] {45, 90, 125, 160},
            0.2,
            1024,
            0.07,
            0.5,
            0.1,
            0.999,
            false,
            632,
            16,
            112,
            "cpu",
            0,
            null,
            1,
            PAPER_WIDTH,
            false);

    public PretrainSettings {
        lrMilestones = lrMilestones == null ? new int[0] : lrMilestones.clone();
    }

    /**
     * Embedding dimension contrasted: the backbone's pooled feature, 8 x width (512 for the paper's networks).
     * Derived, not a setting: the encoders have no projection head.
     */
    public int featureDim() {
        return FEATURE_PER_WIDTH * width;
    }

    @Override
    public int[] lrMilestones() {
        return lrMilestones.clone();
    }

    /** Clip-loader threads as used: {@link #threads()}, or one per processor core when it is 0. */
    public int effectiveThreads() {
        return Checks.effectiveThreads(threads);
    }

    /** Problems with these settings, each naming the setting and what to do; empty when valid. */
    public List<String> problems() {
        List<String> p = Settings.rangeProblems(this);
        Checks.model(p, model);
        Choices.required(p, View.class, "Modality (view 2)", modality);
        Choices.required(p, IntraNegative.class, "Intra-negative", intraNegative);
        Choices.required(p, Objective.class, "Objective", objective);
        int previous = 0;
        for (int m : lrMilestones) {
            if (m <= previous) {
                p.add("LR milestones " + Arrays.toString(lrMilestones)
                        + " must be positive and strictly increasing (the paper uses 45,90,125,160).");
                break;
            }
            previous = m;
        }
        if (intraNegative == IntraNegative.SHUFFLE && clipLength % 4 != 0) {
            p.add("Intra-negative 'shuffle' cuts the clip into 4 equal chunks: use a clip length divisible by 4 (not "
                    + clipLength + ").");
        }
        if (intraNegative == IntraNegative.SPATIAL && cropSize % 2 != 0) {
            p.add("Intra-negative 'spatial' swaps 2x2 tiles: use an even crop size (not " + cropSize + ").");
        }
        Checks.device(p, device);
        return p;
    }

    /** Throws IllegalArgumentException listing every problem. */
    public PretrainSettings validate() {
        Checks.throwIfAny(problems());
        return this;
    }

    /** Learning rate of a 1-based epoch under the multi-step schedule (reference MultiStepLR stepped per epoch). */
    public double learningRateAt(int epoch) {
        double lr = learningRate;
        for (int m : lrMilestones) {
            if (epoch > m) {
                lr *= lrDecay;
            }
        }
        return lr;
    }

    @Override
    public boolean equals(Object o) {
        return Records.equal(this, o);
    }

    @Override
    public int hashCode() {
        return Records.hash(this);
    }

    /** Every component by name, arrays by content (checkpoints key on the components themselves). */
    @Override
    public String toString() {
        return Records.toString(this);
    }

    /**
     * Every setting by its name as text (lists comma-separated, choices by id, no checkpoint folder as ""), in
     * declaration order with the derived feature dimension: what an encoder file's header records of its training.
     * Colour jitter is recorded only when on, so headers of paper runs stay as they were.
     */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        Records.values(this).forEach((name, value) -> {
            if (!name.equals("colourJitter") || colourJitter) {
                m.put(name, Settings.text(value));
            }
            if (name.equals("lrDecay")) {
                m.put("featureDim", Integer.toString(featureDim()));
            }
        });
        return m;
    }
}
