package org.vidssl.torch.finetune;

import java.util.ArrayList;
import java.util.List;

/**
 * Video-level predictions and their scores. Videos whose true class is unknown to the classifier
 * ({@link VideoPrediction#trueClass()} = -1) are predicted but left out of every accuracy.
 *
 * @param classNames the classifier's classes; index i of every array is {@code classNames.get(i)}
 * @param videos     one row per video, in the clip source's order
 */
public record Predictions(List<String> classNames, List<VideoPrediction> videos) {

    /** One video's prediction: the averaged clip logits, their softmax and the arg-max class. */
    public record VideoPrediction(
            String videoId, int trueClass, int predictedClass, float[] logits, float[] probabilities) {

        public boolean scored() {
            return trueClass >= 0;
        }

        /** Rank of the true class among the logits: 1 = predicted; ties count against the true class. */
        public int trueClassRank() {
            float own = logits[trueClass];
            int rank = 1;
            for (int c = 0; c < logits.length; c++) {
                if (c != trueClass && logits[c] >= own) {
                    rank++;
                }
            }
            return rank;
        }
    }

    public Predictions {
        classNames = List.copyOf(classNames);
        videos = List.copyOf(videos);
    }

    /**
     * Predictions from per-video logits (each already the mean over the video's clips).
     *
     * @param trueClasses class index per video, -1 when unknown
     */
    public static Predictions of(List<String> classNames, List<String> videoIds, int[] trueClasses, float[][] logits) {
        if (videoIds.size() != trueClasses.length || videoIds.size() != logits.length) {
            throw new IllegalArgumentException("Got " + videoIds.size() + " video ids, " + trueClasses.length
                    + " labels and " + logits.length + " logit rows: they must match.");
        }
        List<VideoPrediction> rows = new ArrayList<>(logits.length);
        for (int v = 0; v < logits.length; v++) {
            float[] l = logits[v];
            if (l.length != classNames.size()) {
                throw new IllegalArgumentException("Video '" + videoIds.get(v) + "' has " + l.length + " logits for "
                        + classNames.size() + " classes.");
            }
            if (trueClasses[v] < -1 || trueClasses[v] >= classNames.size()) {
                throw new IllegalArgumentException("Video '" + videoIds.get(v) + "' has class index " + trueClasses[v]
                        + " outside 0.." + (classNames.size() - 1) + " (-1 for unknown).");
            }
            rows.add(new VideoPrediction(videoIds.get(v), trueClasses[v], argMax(l), l.clone(), softmax(l)));
        }
        return new Predictions(classNames, rows);
    }

    /** Videos with a known true class. */
    public int scoredCount() {
        return (int) videos.stream().filter(VideoPrediction::scored).count();
    }

    /** Share of scored videos whose true class is among the k highest logits (k capped at the class count). */
    public double topKAccuracy(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k is " + k + ": use at least 1.");
        }
        int scored = 0;
        int hits = 0;
        for (VideoPrediction v : videos) {
            if (v.scored()) {
                scored++;
                hits += v.trueClassRank() <= k ? 1 : 0;
            }
        }
        return scored == 0 ? Double.NaN : (double) hits / scored;
    }

    /** Video-level top-1 accuracy (the paper's recognition figure). */
    public double top1() {
        return topKAccuracy(1);
    }

    public double top5() {
        return topKAccuracy(5);
    }

    /** Confusion counts: {@code [true class][predicted class]} over scored videos. */
    public int[][] confusion() {
        int n = classNames.size();
        int[][] m = new int[n][n];
        for (VideoPrediction v : videos) {
            if (v.scored()) {
                m[v.trueClass()][v.predictedClass()]++;
            }
        }
        return m;
    }

    /** Per true class: the share of its videos predicted right; NaN for a class without videos. */
    public double[] perClassAccuracy() {
        int[][] m = confusion();
        double[] acc = new double[m.length];
        for (int c = 0; c < m.length; c++) {
            int total = 0;
            for (int count : m[c]) {
                total += count;
            }
            acc[c] = total == 0 ? Double.NaN : (double) m[c][c] / total;
        }
        return acc;
    }

    /** Mean of the per-class accuracies over classes that have videos. */
    public double meanClassAccuracy() {
        double sum = 0;
        int n = 0;
        for (double a : perClassAccuracy()) {
            if (!Double.isNaN(a)) {
                sum += a;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Softmax in double precision, shifted by the maximum so large logits do not overflow. */
    static float[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        double[] e = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            e[i] = Math.exp(logits[i] - max);
            sum += e[i];
        }
        float[] p = new float[logits.length];
        for (int i = 0; i < logits.length; i++) {
            p[i] = (float) (e[i] / sum);
        }
        return p;
    }
}
