package org.vidssl.knime.node.knn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vidssl.core.progress.Progress;
import org.vidssl.core.retrieval.DotProductBlock;
import org.vidssl.core.retrieval.KnnResult;
import org.vidssl.core.retrieval.KnnSearch;
import org.vidssl.core.retrieval.Neighbour;
import org.vidssl.core.retrieval.RetrievalSettings;
import org.vidssl.core.retrieval.TopKAccuracy;

/**
 * The retrieval of the kNN node without KNIME: class names become the class indices the engine compares, one
 * search serves both the neighbour list and the top-k accuracy.
 */
final class KnnRetrieval {

    /** Embeddings and labels of one input table, in row order (rows without a usable embedding left out). */
    record Side(List<String> ids, List<String> classes, float[][] vectors) {}

    /** The neighbours to list (rank at most the number asked for) and the accuracy at every k. */
    record Result(List<Neighbour> neighbours, TopKAccuracy accuracy) {}

    private KnnRetrieval() {}

    /**
     * @param listed neighbours per query to list (0: none); the search keeps max(listed, largest k)
     * @throws IllegalArgumentException when a side is empty or embeddings differ in length (the message says so)
     */
    static Result run(
            final Side queries,
            final Side database,
            final RetrievalSettings settings,
            final int listed,
            final int threads,
            final DotProductBlock dots,
            final Progress progress) {
        settings.validate();
        if (queries.ids().isEmpty() || database.ids().isEmpty()) {
            throw new IllegalArgumentException("The " + (queries.ids().isEmpty() ? "query" : "database")
                    + " table has no row with an embedding, class and ID: connect the Video Embedding"
                    + " Extractor's output.");
        }
        Map<String, Integer> classIndex = new HashMap<>();
        int[] queryClasses = indices(queries.classes(), classIndex);
        int[] databaseClasses = indices(database.classes(), classIndex);
        KnnResult result = new KnnSearch(settings.distance(), threads, dots)
                .search(queries.vectors(), database.vectors(), Math.max(listed, settings.maxK()), progress);
        List<Neighbour> neighbours = new ArrayList<>();
        for (Neighbour n : result.neighbours(queryClasses, databaseClasses)) {
            if (n.rank() <= listed) {
                neighbours.add(n);
            }
        }
        return new Result(neighbours, TopKAccuracy.of(result, queryClasses, databaseClasses, settings.ks()));
    }

    /** Class names as indices, shared by both sides so equal names get equal indices. */
    private static int[] indices(final List<String> classes, final Map<String, Integer> classIndex) {
        int[] out = new int[classes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = classIndex.computeIfAbsent(classes.get(i), c -> classIndex.size());
        }
        return out;
    }
}
