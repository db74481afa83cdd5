package org.vidssl.core.finetune;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vidssl.core.clip.View;

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
 * @param threads              clip-loader threads
 * @param checkpointDir        folder for the resumable checkpoint, or null for none
 * @param checkpointInterval   write a checkpoint every this many epochs, and always at the end (reference 20)
 * @param width                backbone base channels for the random-initialisation baseline (64 = the paper's
 *                             network); a pretrained encoder brings its own
 */
public record FinetuneSettings(String model, View modality, int epochs, int batchSize, double learningRate,
        double finetuneLearningRate, double momentum, double weightDecay, int validationVideos, int plateauPatience,
        double plateauFactor, double minLearningRate, long seed, int clipLength, int cropSize, int testClips,
        String device, int threads, Path checkpointDir, int checkpointInterval, int width) {

    public static final List<String> MODELS = List.of("c3d", "r3d", "r21d", "r3d18");

    /** {@link #validationVideos} value asking for {@link #validationCount}'s rule. */
    public static final int AUTO_VALIDATION = -1;

    /** The reference holds out 800 of UCF101 split 1's 9,537 training videos: 8.4 %. */
    public static final double VALIDATION_SHARE = 0.084;
    public static final int MAX_AUTO_VALIDATION = 800;

    /** The paper's base width. */
    public static final int PAPER_WIDTH = 64;

    public static final FinetuneSettings DEFAULTS = new FinetuneSettings("r3d", View.RES, 150, 16, 1e-3, 1e-3, 0.9,
            5e-4, AUTO_VALIDATION, 50, 0.1, 1e-5, 632, 16, 112, 10, "cpu",
            Math.max(1, Runtime.getRuntime().availableProcessors()), null, 20, PAPER_WIDTH);

    /** Problems with these settings, each naming the setting and what to do; empty when valid. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (model == null || !MODELS.contains(model)) {
            p.add("Model '" + model + "' is unknown: use one of " + String.join(", ", MODELS) + ".");
        }
        if (modality == null) {
            p.add("Modality is missing: use rgb, res, u or v.");
        }
        if (epochs < 1 || epochs > 100_000) {
            p.add("Epochs is " + epochs + ": use 1 to 100000 (the paper uses 150).");
        }
        if (batchSize < 1 || batchSize > 4096) {
            p.add("Batch size is " + batchSize + ": use 1 to 4096 (the paper uses 16).");
        }
        if (!(learningRate > 0 && learningRate <= 10)) {
            p.add("Learning rate is " + learningRate + ": use a value in (0, 10] (the paper uses 0.001).");
        }
        if (!(finetuneLearningRate > 0 && finetuneLearningRate <= 10)) {
            p.add("Fine-tune learning rate (conv4, conv5, head) is " + finetuneLearningRate
                    + ": use a value in (0, 10] (the paper uses 0.001).");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            p.add("Momentum is " + momentum + ": use [0, 1) (the paper uses 0.9).");
        }
        if (!(weightDecay >= 0 && weightDecay < 1)) {
            p.add("Weight decay is " + weightDecay + ": use [0, 1) (the paper uses 5e-4).");
        }
        if (validationVideos != AUTO_VALIDATION && validationVideos < 1) {
            p.add("Validation videos is " + validationVideos + ": use at least 1, or " + AUTO_VALIDATION
                    + " for automatic (800 on UCF101, 8.4 % of smaller sets).");
        }
        if (plateauPatience < 0 || plateauPatience > 100_000) {
            p.add("Plateau patience is " + plateauPatience + ": use 0 to 100000 epochs (the paper uses 50).");
        }
        if (!(plateauFactor > 0 && plateauFactor < 1)) {
            p.add("Plateau factor is " + plateauFactor + ": use (0, 1) (the paper uses 0.1).");
        }
        if (!(minLearningRate >= 0 && minLearningRate <= 10)) {
            p.add("Minimum learning rate is " + minLearningRate + ": use [0, 10] (the paper uses 1e-5).");
        }
        if (clipLength < 1 || clipLength > 256) {
            p.add("Clip length is " + clipLength + ": use 1 to 256 frames (the paper uses 16).");
        }
        if (cropSize < 8 || cropSize > 1024) {
            p.add("Crop size is " + cropSize + ": use 8 to 1024 (the paper uses 112).");
        }
        if (testClips < 1 || testClips > 100) {
            p.add("Test clips per video is " + testClips + ": use 1 to 100 (the paper uses 10).");
        }
        if (device == null || !device.trim().toLowerCase().matches("cpu|gpu(:\\d+)?")) {
            p.add("Device '" + device + "' is not understood: use cpu, gpu or gpu:N.");
        }
        if (threads < 1 || threads > 256) {
            p.add("Threads is " + threads + ": use 1 to 256.");
        }
        if (checkpointInterval < 1) {
            p.add("Checkpoint interval is " + checkpointInterval + ": use at least 1 epoch.");
        }
        if (width < 4 || width > 256) {
            p.add("Width is " + width + ": use 4 to 256 base channels (the paper uses 64).");
        }
        return p;
    }

    /** Throws IllegalArgumentException listing every problem. */
    public FinetuneSettings validate() {
        List<String> p = problems();
        if (!p.isEmpty()) {
            throw new IllegalArgumentException(String.join(" ", p));
        }
        return this;
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
