package org.vidssl.core.retrieval;

import java.util.Arrays;

/**
 * Top-k retrieval accuracy as the reference ({@code retrieve_clips.py}) defines it: the share of
 * queries with at least one database item of the same class among their k nearest.
 *
 * @param ks      the k values, increasing
 * @param correct correct[i] = queries with a same-class item among the ks[i] nearest
 * @param queries number of queries
 */
public record TopKAccuracy(int[] ks, int[] correct, int queries) {

    public TopKAccuracy {
        ks = ks.clone();
        correct = correct.clone();
    }

    @Override
    public int[] ks() {
        return ks.clone();
    }

    @Override
    public int[] correct() {
        return correct.clone();
    }

    /** Accuracy in [0,1] for the i-th k. */
    public double accuracyAt(int i) {
        return queries == 0 ? 0 : (double) correct[i] / queries;
    }

    /** Accuracy in [0,1] for the given k, which must be one of {@link #ks()}. */
    public double accuracy(int k) {
        for (int i = 0; i < ks.length; i++) {
            if (ks[i] == k) {
                return accuracyAt(i);
            }
        }
        throw new IllegalArgumentException("k = " + k + " was not evaluated: use one of " + Arrays.toString(ks));
    }

    /**
     * Evaluates a search result. A k larger than the neighbours kept counts all of them (the
     * reference does the same when k exceeds the database size).
     */
    public static TopKAccuracy of(KnnResult result, int[] queryClasses, int[] databaseClasses, int[] ks) {
        result.checkLabels(queryClasses, databaseClasses);
        int[] correct = new int[ks.length];
        for (int q = 0; q < result.queries(); q++) {
            int[] row = result.indices()[q];
            // rank of the first same-class neighbour decides every k at once
            int first = Integer.MAX_VALUE;
            for (int r = 0; r < row.length; r++) {
                if (databaseClasses[row[r]] == queryClasses[q]) {
                    first = r;
                    break;
                }
            }
            for (int i = 0; i < ks.length; i++) {
                if (first < ks[i]) {
                    correct[i]++;
                }
            }
        }
        return new TopKAccuracy(ks, correct, result.queries());
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("TopKAccuracy[queries=" + queries);
        for (int i = 0; i < ks.length; i++) {
            b.append(String.format(java.util.Locale.ROOT, ", top%d=%.4f", ks[i], accuracyAt(i)));
        }
        return b.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopKAccuracy t
                && t.queries == queries
                && Arrays.equals(t.ks, ks)
                && Arrays.equals(t.correct, correct);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(ks) + Arrays.hashCode(correct)) + queries;
    }
}
