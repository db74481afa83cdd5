package org.vidssl.core.retrieval;

import java.util.ArrayList;
import java.util.List;

/**
 * The k nearest database rows of every query, nearest first; ties are ordered by database index.
 *
 * @param indices   indices[q][r] = database index at rank r + 1 of query q
 * @param distances distances[q][r] = its distance
 */
public record KnnResult(int[][] indices, float[][] distances) {

    public int queries() {
        return indices.length;
    }

    /** Neighbours kept per query (the requested k, or the database size when smaller). */
    public int k() {
        return indices.length == 0 ? 0 : indices[0].length;
    }

    /**
     * The neighbour table: one row per (query, rank).
     *
     * @param queryClasses    class index of each query
     * @param databaseClasses class index of each database row
     */
    public List<Neighbour> neighbours(int[] queryClasses, int[] databaseClasses) {
        checkLabels(queryClasses, databaseClasses);
        List<Neighbour> out = new ArrayList<>(queries() * k());
        for (int q = 0; q < indices.length; q++) {
            for (int r = 0; r < indices[q].length; r++) {
                int n = indices[q][r];
                out.add(new Neighbour(q, r + 1, n, distances[q][r], queryClasses[q] == databaseClasses[n]));
            }
        }
        return out;
    }

    void checkLabels(int[] queryClasses, int[] databaseClasses) {
        if (queryClasses.length != queries()) {
            throw new IllegalArgumentException("There are " + queryClasses.length + " query classes for " + queries()
                    + " queries: give one class per query vector.");
        }
        for (int[] row : indices) {
            for (int n : row) {
                if (n >= databaseClasses.length) {
                    throw new IllegalArgumentException("Database row " + n + " has no class (" + databaseClasses.length
                            + " classes given): give one class per database vector.");
                }
            }
        }
    }
}
