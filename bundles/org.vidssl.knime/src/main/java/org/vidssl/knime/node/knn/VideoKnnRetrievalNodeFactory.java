package org.vidssl.knime.node.knn;

import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeFactory;
import org.vidssl.knime.util.NodeDescriptionTexts;

/** Video kNN Retrieval: nearest neighbours and top-k retrieval accuracy. */
@SuppressWarnings("deprecation") // WebUINodeFactory is KNIME 5.6's current node API
public final class VideoKnnRetrievalNodeFactory extends WebUINodeFactory<VideoKnnRetrievalNodeModel> {

    static final NodeDescriptionTexts DESCRIPTION = NodeDescriptionTexts.builder()
            .name("Video kNN Retrieval")
            .icon("./video-knn-retrieval.png")
            .shortDescription("Finds the nearest database videos of every query video and measures top-k retrieval "
                    + "accuracy.")
            .fullDescription("""
            <p>The paper's video retrieval evaluation: every query video (usually the test split) looks up
            its nearest videos in the database (usually the training split) by the distance between their
            embeddings. A query counts as a hit at k when at least one of its k nearest neighbours has
            the same class; the accuracy table gives the share of hits for each k.</p>
            <p>The search is exact and deterministic (ties are broken by database order). Rows with a
            missing or non-numeric embedding are skipped with a warning. A k that reaches the whole
            database is left out with a warning, because its accuracy would be 100% by definition.</p>""")
            .modelSettingsClass(VideoKnnRetrievalSettings.class)
            .addInputTable(
                    "Queries",
                    "Videos to look up, with an embedding and a class column (Video Embedding "
                            + "Extractor on the test split).")
            .addInputTable(
                    "Database",
                    "Videos searched, with the same columns (Video Embedding Extractor on the " + "training split).")
            .addOutputTable(
                    "Neighbours",
                    "For each query its nearest database videos: Query ID, Query class, Rank "
                            + "(1 = nearest), Neighbour ID, Neighbour class, Distance and Same class (true/false);"
                            + " with "
                            + "thumbnails also Query thumbnail and Neighbour thumbnail (PNG images of the middle"
                            + " frames).")
            .addOutputTable("Top-k accuracy", "One row per k: k, Top-k accuracy (0 to 1) and the number of Queries.")
            .keywords("retrieval", "nearest neighbour", "kNN", "top-k", "embedding", "video")
            .build();

    private final WebUINodeConfiguration m_configuration;

    public VideoKnnRetrievalNodeFactory() {
        this(DESCRIPTION.configuration());
    }

    private VideoKnnRetrievalNodeFactory(final WebUINodeConfiguration configuration) {
        super(configuration);
        m_configuration = configuration;
    }

    @Override
    public VideoKnnRetrievalNodeModel createNodeModel() {
        return new VideoKnnRetrievalNodeModel(m_configuration);
    }
}
