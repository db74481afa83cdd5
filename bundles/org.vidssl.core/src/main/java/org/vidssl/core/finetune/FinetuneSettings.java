package org.vidssl.core.finetune;

import java.nio.file.Path;
import java.util.List;
import org.vidssl.core.clip.View;
import org.vidssl.core.settings.Checks;
import org.vidssl.core.settings.Choices;
import org.vidssl.core.settings.DeviceSpec;
import org.vidssl.core.settings.Setting;
import org.vidssl.core.settings.Settings;

/**
 * Settings of the Fine-tuner (action recognition). Defaults are the reference's ({@code ft_classify.py}).
 * The reference classifier is the backbone plus {@code Linear(512, classes)} with no dropout, so there is no
 * dropout setting.
 *
 * <p>Each setting is declared here once (label, description, range: {@link Setting}); the CLI options and the KNIME
 * dialog take them from here. Change a few with {@code Records.builder(DEFAULTS).set("epochs", 3).build()}.
 */
public record FinetuneSettings(
        @Setting(
                label = "Model",
                description =
                        "Backbone of the random-initialisation " + "baseline; a pretrained encoder brings its own.")
        String model,

        @Setting(
                label = "Modality",
                description = "Input of the classifier (res: the residual " + "x - roll(x,1,T) without rescaling).")
        View modality,

        @Setting(label = "Epochs", description = "Passes over the training videos.", min = 1, max = 100_000)
        int epochs,

        @Setting(
                label = "Batch size",
                description = "Clips per step (the last partial batch is kept).",
                min = 1,
                max = 4096)
        int batchSize,

        @Setting(
                label = "Learning rate",
                description = "SGD learning rate of the early stages: stem, conv2, conv3.",
                min = 0,
                minOpen = true,
                max = 10)
        double learningRate,

        @Setting(
                label = "Fine-tune learning rate (conv4, conv5, head)",
                description = "SGD learning rate of conv4, " + "conv5 and the linear head.",
                min = 0,
                minOpen = true,
                max = 10)
        double finetuneLearningRate,

        @Setting(label = "Momentum", description = "SGD momentum.", min = 0, max = 1, maxOpen = true)
        double momentum,

        @Setting(
                label = "Weight decay",
                description = "SGD weight decay, on every parameter.",
                min = 0,
                max = 1,
                maxOpen = true)
        double weightDecay,

        @Setting(
                label = "Validation videos",
                description = "Training videos held out for validation; -1 = "
                        + "automatic (800 on UCF101 split 1, 8.4 % of smaller sets).")
        int validationVideos,

        @Setting(
                label = "Plateau patience",
                description = "Epochs without a lower validation loss before the " + "learning rates are reduced.",
                min = 0,
                max = 100_000,
                unit = "epochs")
        int plateauPatience,

        @Setting(
                label = "Plateau factor",
                description = "Factor applied to the learning rates on a plateau.",
                min = 0,
                minOpen = true,
                max = 1,
                maxOpen = true)
        double plateauFactor,

        @Setting(
                label = "Minimum learning rate",
                description = "The learning rates are not reduced below this.",
                min = 0,
                max = 10,
                maxOpen = true)
        double minLearningRate,

        @Setting(label = "Seed", description = "Seed of the hold-out, the initialisation and the clip sampling.")
        long seed,

        @Setting(label = "Clip length", description = "Frames per clip.", min = 1, max = 256, unit = "frames")
        int clipLength,

        @Setting(label = "Crop size", description = "Side of the square crop.", min = 8, max = 1024)
        int cropSize,

        @Setting(
                label = "Test clips per video",
                description = "Clips per video averaged at prediction.",
                min = 1,
                max = 100)
        int testClips,

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

        @Setting(label = "Checkpoint folder", description = "Folder for the resumable checkpoint.")
        Path checkpointDir,

        @Setting(
                label = "Checkpoint interval",
                description = "Write a checkpoint every this many epochs (and "
                        + "always at the end), so a kill loses at most that many epochs; the reference writes"
                        + " every 20.",
                min = 1,
                unit = "epochs",
                paper = false)
        int checkpointInterval,

        @Setting(
                label = "Width",
                description = "Backbone base channels of the random-initialisation baseline (64 = "
                        + "the paper's network); a pretrained encoder brings its own.",
                min = 4,
                max = 256,
                unit = "base channels")
        int width) {

    /** {@link #validationVideos} value asking for {@link #validationCount}'s rule. */
    public static final int AUTO_VALIDATION = -1;

    /** The reference holds out 800 of UCF101 split 1's 9,537 training videos: 8.4 %. */
    public static final double VALIDATION_SHARE = 0.084;

    public static final int MAX_AUTO_VALIDATION = 800;

    /** The paper's base width. */
    public static final int PAPER_WIDTH = 64;

    public static final FinetuneSettings DEFAULTS = new FinetuneSettings(
            "r3d",
            View.RES,
            150,
            16,
            1e-3,
            1e-3,
            0.9,
            5e-4,
            AUTO_VALIDATION,
            50,
            0.1,
            1e-5,
            632,
            16,
            112,
            10,
            "cpu",
            0,
            null,
            1,
            PAPER_WIDTH);

    /** Problems with these settings, each naming the setting and what to do; empty when valid. */
    public List<String> problems() {
        List<String> p = Settings.rangeProblems(this);
        Checks.model(p, model);
        Choices.required(p, View.class, "Modality", modality);
        if (validationVideos != AUTO_VALIDATION && validationVideos < 1) {
            p.add("Validation videos is " + validationVideos + ": use at least 1, or " + AUTO_VALIDATION
                    + " for automatic (800 on UCF101, 8.4 % of smaller sets).");
        }
        Checks.device(p, device);
        return p;
    }

    /** Throws IllegalArgumentException listing every problem. */
    public FinetuneSettings validate() {
        Checks.throwIfAny(problems());
        return this;
    }

    /** Clip-loader threads as used: {@link #threads()}, or one per processor core when it is 0. */
    public int effectiveThreads() {
        return Checks.effectiveThreads(threads);
    }

    /**
     * Videos to hold out from {@code videos} training videos of {@code classes} classes.
     * An explicit {@link #validationVideos} is used as is (it must leave at least one training video).
     * Automatic: {@code round(0.084 * n)}, raised to the number of classes so each class can be validated, then
     * capped at 800 (the reference's UCF101 figure) and at a quarter of the set, and at least 1. UCF101 split 1
     * (9,537 videos) gives 800; 64 videos of 4 classes give 5; 20 videos of 10 classes give 5.
     *
     * @throws IllegalArgumentException when the set is too small to hold anything out
     */
    public int validationCount(int videos, int classes) {
        if (videos < 2) {
            throw new IllegalArgumentException("The training set has " + videos + " video(s): fine-tuning needs at "
                    + "least 2 (one to train on, one held out for validation).");
        }
        if (validationVideos != AUTO_VALIDATION) {
            if (validationVideos >= videos) {
                throw new IllegalArgumentException("Validation videos is " + validationVideos + " but the training set"
                        + " has only " + videos + ": hold out fewer (or " + AUTO_VALIDATION + " for automatic).");
            }
            return validationVideos;
        }
        int wanted = Math.max((int) Math.round(VALIDATION_SHARE * videos), classes);
        return Math.max(1, Math.min(wanted, Math.min(MAX_AUTO_VALIDATION, videos / 4)));
    }
}
