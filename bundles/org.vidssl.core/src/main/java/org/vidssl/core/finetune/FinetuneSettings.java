package org.vidssl.core.finetune;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vidssl.core.clip.View;
import org.vidssl.core.settings.Checks;

/**
 * Settings of the Fine-tuner (action recognition). Defaults are the reference's ({@code ft_classify.py}).
 * The reference classifier is the backbone plus {@code Linear(512, classes)} with no dropout, so there is no
 * dropout setting.
 *
 * @param model                backbone id (c3d, r3d, r21d, r3d18) used only for the random-initialisation
 *                             baseline; a pretrained encoder brings its own architecture (reference r3d)
 * @param modality             input of the classifier: rgb, res, u or v. {@code res} is the fine-tuning residual
 *                             {@code x - roll(x,1,T)} without rescaling (reference res)
 * @param epochs               epochs (reference 150)
 * @param batchSize            clips per step (reference 16; the last partial batch is kept, as the reference's
 *                             DataLoader does)
 * @param learningRate         SGD lr of the early stages: stem, conv2, conv3 (reference 1e-3)
 * @param finetuneLearningRate SGD lr of conv4, conv5 and the linear head (reference {@code --ft_lr} 1e-3)
 * @param momentum             SGD momentum (reference 0.9)
 * @param weightDecay          SGD weight decay, on every parameter (reference 5e-4)
 * @param validationVideos     training videos held out for validation; {@link #AUTO_VALIDATION} = the rule of
 *                             {@link #validationCount} (800 on UCF101 split 1, as the reference)
 * @param plateauPatience      ReduceLROnPlateau patience in epochs, on the validation loss (reference 50)
 * @param plateauFactor        ReduceLROnPlateau factor (reference 0.1)
 * @param minLearningRate      ReduceLROnPlateau floor, per group (reference 1e-5)
 * @param seed                 seed of the hold-out, the initialisation and the clip sampling (reference 632)
 * @param clipLength           frames per clip (reference 16)
 * @param cropSize             crop side (reference 112)
 * @param testClips            clips per video averaged at prediction (reference 10)
 * @param device               "cpu", "gpu" or "gpu:N"
 * @param threads              clip-loader threads; 0 = one per processor core
 * @param checkpointDir        folder for the resumable checkpoint, or null for none
 * @param checkpointInterval   write a checkpoint every this many epochs, and always at the end (default 1, so a
 *                             kill loses at most one epoch; the reference writes every 20)
 * @param width                backbone base channels for the random-initialisation baseline (64 = the paper's
 *                             network); a pretrained encoder brings its own
 */
public record FinetuneSettings(String model, View modality, int epochs, int batchSize, double learningRate,
        double finetuneLearningRate, double momentum, double weightDecay, int validationVideos, int plateauPatience,
        double plateauFactor, double minLearningRate, long seed, int clipLength, int cropSize, int testClips,
        String device, int threads, Path checkpointDir, int checkpointInterval, int width) {

    public static final List<String> MODELS = Checks.MODELS;

    /** {@link #validationVideos} value asking for {@link #validationCount}'s rule. */
    public static final int AUTO_VALIDATION = -1;

    /** The reference holds out 800 of UCF101 split 1's 9,537 training videos: 8.4 %. */
    public static final double VALIDATION_SHARE = 0.084;
    public static final int MAX_AUTO_VALIDATION = 800;

    /** The paper's base width. */
    public static final int PAPER_WIDTH = 64;

    public static final FinetuneSettings DEFAULTS = new FinetuneSettings("r3d", View.RES, 150, 16, 1e-3, 1e-3, 0.9,
            5e-4, AUTO_VALIDATION, 50, 0.1, 1e-5, 632, 16, 112, 10, "cpu", 0, null, 1, PAPER_WIDTH);

    /** Problems with these settings, each naming the setting and what to do; empty when valid. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        Checks.model(p, model);
        if (modality == null) {
            p.add("Modality is missing: use rgb, res, u or v.");
        }
        Checks.range(p, "Epochs", epochs, 1, 100_000, " (the paper uses 150)");
        Checks.range(p, "Batch size", batchSize, 1, 4096, " (the paper uses 16)");
        Checks.learningRate(p, "Learning rate", learningRate, "0.001");
        Checks.learningRate(p, "Fine-tune learning rate (conv4, conv5, head)", finetuneLearningRate, "0.001");
        Checks.interval(p, "Momentum", momentum, 0, false, 1, true, " (the paper uses 0.9)");
        Checks.interval(p, "Weight decay", weightDecay, 0, false, 1, true, " (the paper uses 5e-4)");
        if (validationVideos != AUTO_VALIDATION && validationVideos < 1) {
            p.add("Validation videos is " + validationVideos + ": use at least 1, or " + AUTO_VALIDATION
                    + " for automatic (800 on UCF101, 8.4 % of smaller sets).");
        }
        Checks.range(p, "Plateau patience", plateauPatience, 0, 100_000, " epochs (the paper uses 50)");
        Checks.interval(p, "Plateau factor", plateauFactor, 0, true, 1, true, " (the paper uses 0.1)");
        Checks.interval(p, "Minimum learning rate", minLearningRate, 0, false, 10, false, " (the paper uses 1e-5)");
        Checks.clipLength(p, clipLength);
        Checks.cropSize(p, cropSize);
        Checks.testClips(p, testClips);
        Checks.trainingRun(p, device, threads, checkpointInterval, width);
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

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable copy for changing a few settings: {@code DEFAULTS.toBuilder().epochs(3).build()}. */
    public static final class Builder {
        private String model;
        private View modality;
        private int epochs;
        private int batchSize;
        private double learningRate;
        private double finetuneLearningRate;
        private double momentum;
        private double weightDecay;
        private int validationVideos;
        private int plateauPatience;
        private double plateauFactor;
        private double minLearningRate;
        private long seed;
        private int clipLength;
        private int cropSize;
        private int testClips;
        private String device;
        private int threads;
        private Path checkpointDir;
        private int checkpointInterval;
        private int width;

        private Builder(FinetuneSettings s) {
            model = s.model();
            modality = s.modality();
            epochs = s.epochs();
            batchSize = s.batchSize();
            learningRate = s.learningRate();
            finetuneLearningRate = s.finetuneLearningRate();
            momentum = s.momentum();
            weightDecay = s.weightDecay();
            validationVideos = s.validationVideos();
            plateauPatience = s.plateauPatience();
            plateauFactor = s.plateauFactor();
            minLearningRate = s.minLearningRate();
            seed = s.seed();
            clipLength = s.clipLength();
            cropSize = s.cropSize();
            testClips = s.testClips();
            device = s.device();
            threads = s.threads();
            checkpointDir = s.checkpointDir();
            checkpointInterval = s.checkpointInterval();
            width = s.width();
        }

        public Builder model(String value) {
            model = value;
            return this;
        }

        public Builder modality(View value) {
            modality = value;
            return this;
        }

        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder learningRate(double value) {
            learningRate = value;
            return this;
        }

        public Builder finetuneLearningRate(double value) {
            finetuneLearningRate = value;
            return this;
        }

        public Builder momentum(double value) {
            momentum = value;
            return this;
        }

        public Builder weightDecay(double value) {
            weightDecay = value;
            return this;
        }

        public Builder validationVideos(int value) {
            validationVideos = value;
            return this;
        }

        public Builder plateauPatience(int value) {
            plateauPatience = value;
            return this;
        }

        public Builder plateauFactor(double value) {
            plateauFactor = value;
            return this;
        }

        public Builder minLearningRate(double value) {
            minLearningRate = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder clipLength(int value) {
            clipLength = value;
            return this;
        }

        public Builder cropSize(int value) {
            cropSize = value;
            return this;
        }

        public Builder testClips(int value) {
            testClips = value;
            return this;
        }

        public Builder device(String value) {
            device = value;
            return this;
        }

        public Builder threads(int value) {
            threads = value;
            return this;
        }

        public Builder checkpointDir(Path value) {
            checkpointDir = value;
            return this;
        }

        public Builder checkpointInterval(int value) {
            checkpointInterval = value;
            return this;
        }

        public Builder width(int value) {
            width = value;
            return this;
        }

        public FinetuneSettings build() {
            return new FinetuneSettings(model, modality, epochs, batchSize, learningRate, finetuneLearningRate,
                    momentum, weightDecay, validationVideos, plateauPatience, plateauFactor, minLearningRate, seed,
                    clipLength, cropSize, testClips, device, threads, checkpointDir, checkpointInterval, width);
        }
    }
}
