package org.vidssl.spark;

import java.io.Serializable;

/**
 * The nearest database rows of a query chunk found so far, nearest first; database indices are global. Two partial
 * results (from different database chunks) merge into the nearest {@code k} of both, in the order of
 * {@link org.vidssl.core.retrieval.KnnSearch}: smaller distance first, then smaller database index.
 */
final class PartialTopK implements Serializable {

    private static final long serialVersionUID = 1L;

    final int[][] indices;
    final float[][] distances;

    PartialTopK(int[][] indices, float[][] distances) {
        this.indices = indices;
        this.distances = distances;
    }

    /** The {@code k} nearest of both, per query. */
    static PartialTopK merge(PartialTopK a, PartialTopK b, int k) {
        int queries = a.indices.length;
        int[][] indices = new int[queries][];
        float[][] distances = new float[queries][];
        for (int q = 0; q < queries; q++) {
            int[] ia = a.indices[q];
            int[] ib = b.indices[q];
            float[] da = a.distances[q];
            float[] db = b.distances[q];
            int n = Math.min(k, ia.length + ib.length);
            int[] outIndex = new int[n];
            float[] outDistance = new float[n];
            int i = 0;
            int j = 0;
            for (int r = 0; r < n; r++) {
                boolean takeA =
                        j >= ib.length || (i < ia.length && (da[i] < db[j] || (da[i] == db[j] && ia[i] < ib[j])));
                if (takeA) {
                    outIndex[r] = ia[i];
                    outDistance[r] = da[i++];
                } else {
                    outIndex[r] = ib[j];
                    outDistance[r] = db[j++];
                }
            }
            indices[q] = outIndex;
            distances[q] = outDistance;
        }
        return new PartialTopK(indices, distances);
    }
}
