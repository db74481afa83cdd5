package org.vidssl.knime.node.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vidssl.core.progress.Progress;
import org.vidssl.core.retrieval.JavaDotProductBlock;
import org.vidssl.core.retrieval.Neighbour;
import org.vidssl.core.retrieval.RetrievalSettings;
import org.vidssl.torch.retrieval.TorchDotProductBlock;

class KnnRetrievalTest {

    /** Database on the unit circle: walk, walk, run, jump at 0, 10, 90 and 180 degrees. */
    private static final KnnRetrieval.Side DATABASE = new KnnRetrieval.Side(
            List.of("d0", "d1", "d2", "d3"),
            List.of("walk", "walk", "run", "jump"),
            new float[][] {{1, 0}, {0.985f, 0.174f}, {0, 1}, {-1, 0}});

    private static KnnRetrieval.Result run(final KnnRetrieval.Side queries, final int[] ks, final int listed) {
        return KnnRetrieval.run(
                queries,
                DATABASE,
                RetrievalSettings.DEFAULTS.withKs(ks),
                listed,
                2,
                new JavaDotProductBlock(),
                Progress.NONE);
    }

    @Test
    void classNamesDecideHitsAndTheAccuracyCountsTheFirstSameClassRank() {
        // q0 near d0 (walk, hit at 1); q1 near d2 but labelled jump (d3 is 4th nearest: hit only at k >= 4)
        KnnRetrieval.Side queries = new KnnRetrieval.Side(
                List.of("q0", "q1"), List.of("walk", "jump"), new float[][] {{1, 0.02f}, {0.1f, 0.9f}});
        KnnRetrieval.Result r = run(queries, new int[] {1, 3, 4}, 2);
        assertArrayEquals(new int[] {1, 1, 2}, r.accuracy().correct());
        assertEquals(2, r.accuracy().queries());
        assertEquals(0.5, r.accuracy().accuracyAt(0));
        // two listed per query, nearest first; a class unknown to the database never matches
        List<Neighbour> n = r.neighbours();
        assertEquals(4, n.size());
        assertEquals(List.of(0, 0, 1, 1), n.stream().map(Neighbour::query).toList());
        assertEquals(List.of(1, 2, 1, 2), n.stream().map(Neighbour::rank).toList());
        assertEquals(0, n.get(0).neighbour());
        assertTrue(n.get(0).sameClass());
        assertEquals(2, n.get(2).neighbour());
        assertTrue(!n.get(2).sameClass());
        assertTrue(n.get(0).distance() < n.get(1).distance());
    }

    @Test
    void theLibTorchDotProductsGiveTheSameNeighboursAsTheJavaOnes() {
        KnnRetrieval.Side queries =
                new KnnRetrieval.Side(List.of("q0", "q1", "q2"), List.of("walk", "jump", "run"), new float[][] {
                    {1, 0.02f}, {0.1f, 0.9f}, {-0.5f, 0.7f}
                });
        RetrievalSettings settings = RetrievalSettings.DEFAULTS.withKs(1, 2, 4);
        KnnRetrieval.Result java =
                KnnRetrieval.run(queries, DATABASE, settings, 4, 2, new JavaDotProductBlock(), Progress.NONE);
        try (TorchDotProductBlock torch = new TorchDotProductBlock(Device.cpu())) {
            KnnRetrieval.Result gemm = KnnRetrieval.run(queries, DATABASE, settings, 4, 2, torch, Progress.NONE);
            assertEquals(java.accuracy(), gemm.accuracy());
            assertEquals(
                    java.neighbours().stream().map(Neighbour::neighbour).toList(),
                    gemm.neighbours().stream().map(Neighbour::neighbour).toList());
        }
    }

    @Test
    void listingMoreNeighboursThanTheLargestKDoesNotChangeTheAccuracy() {
        KnnRetrieval.Side queries = new KnnRetrieval.Side(List.of("q"), List.of("run"), new float[][] {{0.2f, 1}});
        KnnRetrieval.Result few = run(queries, new int[] {1}, 0);
        KnnRetrieval.Result many = run(queries, new int[] {1}, 10);
        assertEquals(few.accuracy(), many.accuracy());
        assertEquals(0, few.neighbours().size());
        assertEquals(4, many.neighbours().size(), "at most the database size");
    }

    @Test
    void emptyTablesAndMismatchedLengthsAreExplained() {
        KnnRetrieval.Side none = new KnnRetrieval.Side(List.of(), List.of(), new float[0][]);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run(none, new int[] {1}, 1))
                .getMessage()
                .contains("query table has no row"));
        KnnRetrieval.Side wide = new KnnRetrieval.Side(List.of("q"), List.of("run"), new float[][] {{1, 2, 3}});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run(wide, new int[] {1}, 1))
                .getMessage()
                .contains("same encoder"));
    }
}
