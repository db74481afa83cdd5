package org.vidssl.core.pretrain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.core.settings.Checks;
import org.vidssl.core.settings.Choices;

/**
 * Settings of the IIC Pretrainer. Defaults are the reference's ({@code train_ssl.py}).
 *
 * @param model              backbone id: c3d, r3d, r21d, r3d18 (reference r3d)
 * @param modality           view 2 (reference res)
 * @param intraNegative      intra-negative, NONE for plain two-view learning (reference repeat)
 * @param objective          contrastive objective (reference MEMORY_BANK, softmax)
 * @param epochs             epochs (reference 240)
 * @param batchSize          clips per step (reference 16)
 * @param learningRate       SGD lr (reference 0.01)
 * @param momentum           SGD momentum (reference 0.9)
 * @param weightDecay        SGD weight decay (reference 1e-4)
 * @param lrMilestones       epochs after which lr is multiplied by {@code lrDecay} (reference 45,90,125,160)
 * @param lrDecay            factor at each milestone (reference 0.2)
 * @param featureDim         embedding dimension contrasted (reference 512, the encoder's pooled output)
 * @param nceK               negatives drawn from the memory bank / MoCo queue length (reference 1024)
 * @param nceT               temperature of the memory bank and MoCo (reference 0.07)
 * @param nceM               memory-bank momentum (reference 0.5)
 * @param simclrT            temperature of SimCLR and of the in-batch objective (0.1)
 * @param mocoM              MoCo key-encoder EMA momentum (0.999)
 * @param normalizeFeatures  L2-normalise live features before scoring. The reference does not; the
 *                           un-normalised recipe diverges at small scale (see docs/recipes.md), so the demo sets it
 * @param seed               seed of everything random (reference 632)
 * @param clipLength         frames per clip (reference 16)
 * @param cropSize           crop side (reference 112)
 * @param device             "cpu", "gpu" or "gpu:N"
 * @param threads            clip-loader (and PyTorch) threads; 0 = one per processor core
 * @param checkpointDir      folder for checkpoints, or null for none
 * @param checkpointInterval write a checkpoint every this many epochs (and always at the end); default 1, so a
 *                           kill loses at most one epoch
 * @param width              backbone base channels (64 = the paper's network; 16 = a quarter-width one that
 *                           learns the synthetic demo set within minutes on a CPU). The feature is 8 x width
 * @param colourJitter       an extension, off in the paper: view 1 and the clip view 2 is computed from get
 *                           independent random colour changes (channel permutation, brightness, contrast), so
 *                           object colour cannot match a positive pair
 */
public record PretrainSettings(String model, View modality, IntraNegative intraNegative, Objective objective,
        int epochs, int batchSize, double learningRate, double momentum, double weightDecay, int[] lrMilestones,
        double lrDecay, int featureDim, int nceK, double nceT, double nceM, double simclrT, double mocoM,
        boolean normalizeFeatures, long seed, int clipLength, int cropSize, String device, int threads,
        Path checkpointDir, int checkpointInterval, int width, boolean colourJitter) {

    /** The paper's base width. */
    public static final int PAPER_WIDTH = 64;

    public static final PretrainSettings DEFAULTS = new PretrainSettings("r3d", View.RES, IntraNegative.REPEAT,
            Objective.MEMORY_BANK, 240, 16, 0.01, 0.9, 1e-4, new int[] {45, 90, 125, 160}, 0.2, 512, 1024, 0.07,
            0.5, 0.1, 0.999, false, 632, 16, 112, "cpu", 0, null, 1, PAPER_WIDTH, false);

    public PretrainSettings {
        lrMilestones = lrMilestones == null ? new int[0] : lrMilestones.clone();
    }

    /** Settings of the paper's width (64). */
    public PretrainSettings(String model, View modality, IntraNegative intraNegative, Objective objective,
            int epochs, int batchSize, double learningRate, double momentum, double weightDecay, int[] lrMilestones,
            double lrDecay, int featureDim, int nceK, double nceT, double nceM, double simclrT, double mocoM,
            boolean normalizeFeatures, long seed, int clipLength, int cropSize, String device, int threads,
            Path checkpointDir, int checkpointInterval) {
        this(model, modality, intraNegative, objective, epochs, batchSize, learningRate, momentum, weightDecay,
                lrMilestones, lrDecay, featureDim, nceK, nceT, nceM, simclrT, mocoM, normalizeFeatures, seed, clipLength,
                cropSize, device, threads, checkpointDir, checkpointInterval, PAPER_WIDTH, false);
    }

    /** Settings without the colour-jitter extension (the paper's views). */
    public PretrainSettings(String model, View modality, IntraNegative intraNegative, Objective objective,
            int epochs, int batchSize, double learningRate, double momentum, double weightDecay, int[] lrMilestones,
            double lrDecay, int featureDim, int nceK, double nceT, double nceM, double simclrT, double mocoM,
            boolean normalizeFeatures, long seed, int clipLength, int cropSize, String device, int threads,
            Path checkpointDir, int checkpointInterval, int width) {
        this(model, modality, intraNegative, objective, epochs, batchSize, learningRate, momentum, weightDecay,
                lrMilestones, lrDecay, featureDim, nceK, nceT, nceM, simclrT, mocoM, normalizeFeatures, seed, clipLength,
                cropSize, device, threads, checkpointDir, checkpointInterval, width, false);
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
        List<String> p = new ArrayList<>();
        Checks.model(p, model);
        Choices.required(p, View.class, "Modality (view 2)", modality);
        Choices.required(p, IntraNegative.class, "Intra-negative", intraNegative);
        Choices.required(p, Objective.class, "Objective", objective);
        Checks.range(p, "Epochs", epochs, 1, 100_000, " (the paper uses 240)");
        Checks.range(p, "Batch size", batchSize, 2, 4096, " (the paper uses 16; contrastive losses need 2+)");
        Checks.learningRate(p, "Learning rate", learningRate, "0.01");
        Checks.interval(p, "Momentum", momentum, 0, false, 1, true, " (the paper uses 0.9)");
        Checks.interval(p, "Weight decay", weightDecay, 0, false, 1, true, " (the paper uses 1e-4)");
        int previous = 0;
        for (int m : lrMilestones) {
            if (m <= previous) {
                p.add("LR milestones " + Arrays.toString(lrMilestones)
                        + " must be positive and strictly increasing (the paper uses 45,90,125,160).");
                break;
            }
            previous = m;
        }
        Checks.interval(p, "LR decay", lrDecay, 0, true, 1, false, " (the paper uses 0.2)");
        Checks.range(p, "Feature dimension", featureDim, 1, 65_536, " (the paper uses 512)");
        Checks.range(p, "NCE K", nceK, 1, 1_000_000, " negatives (the paper uses 1024)");
        Checks.interval(p, "NCE temperature", nceT, 0, true, 10, false, " (the paper uses 0.07)");
        Checks.interval(p, "NCE memory momentum", nceM, 0, false, 1, true, " (the paper uses 0.5)");
        Checks.interval(p, "SimCLR temperature", simclrT, 0, true, 10, false, " (0.1 is usual)");
        Checks.interval(p, "MoCo momentum", mocoM, 0, false, 1, true, " (0.999 is usual)");
        Checks.clipLength(p, clipLength);
        if (intraNegative == IntraNegative.SHUFFLE && clipLength % 4 != 0) {
            p.add("Intra-negative 'shuffle' cuts the clip into 4 equal chunks: use a clip length divisible by 4 (not "
                    + clipLength + ").");
        }
        Checks.cropSize(p, cropSize);
        if (intraNegative == IntraNegative.SPATIAL && cropSize % 2 != 0) {
            p.add("Intra-negative 'spatial' swaps 2x2 tiles: use an even crop size (not " + cropSize + ").");
        }
        Checks.trainingRun(p, device, threads, checkpointInterval, width);
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
        return o instanceof PretrainSettings s && toString().equals(s.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "PretrainSettings[model=" + model + ", modality=" + modality + ", intraNegative=" + intraNegative
                + ", objective=" + objective + ", epochs=" + epochs + ", batchSize=" + batchSize + ", learningRate="
                + learningRate + ", momentum=" + momentum + ", weightDecay=" + weightDecay + ", lrMilestones="
                + Arrays.toString(lrMilestones) + ", lrDecay=" + lrDecay + ", featureDim=" + featureDim + ", nceK="
                + nceK + ", nceT=" + nceT + ", nceM=" + nceM + ", simclrT=" + simclrT + ", mocoM=" + mocoM
                + ", normalizeFeatures=" + normalizeFeatures + ", seed=" + seed + ", clipLength=" + clipLength
                + ", cropSize=" + cropSize + ", device=" + device + ", threads=" + threads + ", checkpointDir="
                + checkpointDir + ", checkpointInterval=" + checkpointInterval + ", width=" + width + (colourJitter ? ", colourJitter=true" : "") + "]";
    }

    /**
     * Every setting by its name as text (lists comma-separated; no checkpoint folder as ""), in declaration
     * order: what an encoder file's header records of its training.
     */
    public java.util.Map<String, String> toMap() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("model", model);
        m.put("width", Integer.toString(width));
        m.put("modality", modality == null ? "" : modality.id());
        m.put("intraNegative", intraNegative == null ? "" : intraNegative.id());
        m.put("objective", objective == null ? "" : objective.id());
        m.put("epochs", Integer.toString(epochs));
        m.put("batchSize", Integer.toString(batchSize));
        m.put("learningRate", Double.toString(learningRate));
        m.put("momentum", Double.toString(momentum));
        m.put("weightDecay", Double.toString(weightDecay));
        m.put("lrMilestones", Arrays.stream(lrMilestones).mapToObj(Integer::toString)
                .collect(java.util.stream.Collectors.joining(",")));
        m.put("lrDecay", Double.toString(lrDecay));
        m.put("featureDim", Integer.toString(featureDim));
        m.put("nceK", Integer.toString(nceK));
        m.put("nceT", Double.toString(nceT));
        m.put("nceM", Double.toString(nceM));
        m.put("simclrT", Double.toString(simclrT));
        m.put("mocoM", Double.toString(mocoM));
        m.put("normalizeFeatures", Boolean.toString(normalizeFeatures));
        m.put("seed", Long.toString(seed));
        m.put("clipLength", Integer.toString(clipLength));
        m.put("cropSize", Integer.toString(cropSize));
        m.put("device", device);
        m.put("threads", Integer.toString(threads));
        m.put("checkpointDir", checkpointDir == null ? "" : checkpointDir.toString());
        m.put("checkpointInterval", Integer.toString(checkpointInterval));
        if (colourJitter) { // recorded only when on, so headers of paper runs stay as they were
            m.put("colourJitter", "true");
        }
        return m;
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable copy for changing a few settings: {@code DEFAULTS.toBuilder().epochs(3).build()}. */
    public static final class Builder {
        private String model;
        private View modality;
        private IntraNegative intraNegative;
        private Objective objective;
        private int epochs;
        private int batchSize;
        private double learningRate;
        private double momentum;
        private double weightDecay;
        private int[] lrMilestones;
        private double lrDecay;
        private int featureDim;
        private int nceK;
        private double nceT;
        private double nceM;
        private double simclrT;
        private double mocoM;
        private boolean normalizeFeatures;
        private long seed;
        private int clipLength;
        private int cropSize;
        private String device;
        private int threads;
        private Path checkpointDir;
        private int checkpointInterval;
        private int width;
        private boolean colourJitter;

        private Builder(PretrainSettings s) {
            model = s.model();
            modality = s.modality();
            intraNegative = s.intraNegative();
            objective = s.objective();
            epochs = s.epochs();
            batchSize = s.batchSize();
            learningRate = s.learningRate();
            momentum = s.momentum();
            weightDecay = s.weightDecay();
            lrMilestones = s.lrMilestones();
            lrDecay = s.lrDecay();
            featureDim = s.featureDim();
            nceK = s.nceK();
            nceT = s.nceT();
            nceM = s.nceM();
            simclrT = s.simclrT();
            mocoM = s.mocoM();
            normalizeFeatures = s.normalizeFeatures();
            seed = s.seed();
            clipLength = s.clipLength();
            cropSize = s.cropSize();
            device = s.device();
            threads = s.threads();
            checkpointDir = s.checkpointDir();
            checkpointInterval = s.checkpointInterval();
            width = s.width();
            colourJitter = s.colourJitter();
        }

        public Builder model(String value) {
            model = value;
            return this;
        }

        public Builder modality(View value) {
            modality = value;
            return this;
        }

        public Builder intraNegative(IntraNegative value) {
            intraNegative = value;
            return this;
        }

        public Builder objective(Objective value) {
            objective = value;
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

        public Builder momentum(double value) {
            momentum = value;
            return this;
        }

        public Builder weightDecay(double value) {
            weightDecay = value;
            return this;
        }

        public Builder lrMilestones(int[] value) {
            lrMilestones = value;
            return this;
        }

        public Builder lrDecay(double value) {
            lrDecay = value;
            return this;
        }

        public Builder featureDim(int value) {
            featureDim = value;
            return this;
        }

        public Builder nceK(int value) {
            nceK = value;
            return this;
        }

        public Builder nceT(double value) {
            nceT = value;
            return this;
        }

        public Builder nceM(double value) {
            nceM = value;
            return this;
        }

        public Builder simclrT(double value) {
            simclrT = value;
            return this;
        }

        public Builder mocoM(double value) {
            mocoM = value;
            return this;
        }

        public Builder normalizeFeatures(boolean value) {
            normalizeFeatures = value;
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

        public Builder colourJitter(boolean value) {
            colourJitter = value;
            return this;
        }

        public PretrainSettings build() {
            return new PretrainSettings(model, modality, intraNegative, objective, epochs, batchSize, learningRate, momentum, weightDecay, lrMilestones, lrDecay, featureDim, nceK, nceT, nceM, simclrT, mocoM, normalizeFeatures, seed, clipLength, cropSize, device, threads, checkpointDir, checkpointInterval, width, colourJitter);
        }
    }
}
