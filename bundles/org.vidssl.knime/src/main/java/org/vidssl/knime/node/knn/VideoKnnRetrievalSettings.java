package org.vidssl.knime.node.knn;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.knime.core.data.collection.ListDataValue;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.choices.ChoicesProvider;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.choices.ValueSwitchWidget;
import org.knime.node.parameters.widget.choices.util.CompatibleColumnsProvider;
import org.knime.node.parameters.widget.choices.util.CompatibleColumnsProvider.StringColumnsProvider;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsNonNegativeValidation;
import org.vidssl.core.retrieval.RetrievalSettings;
import org.vidssl.knime.util.Devices;
import org.vidssl.knime.util.Problems;
import org.vidssl.knime.util.VideoTable;

/**
 * Dialog of the Video kNN Retrieval node; distance, k values and their validation come from
 * {@link RetrievalSettings}.
 */
public final class VideoKnnRetrievalSettings implements NodeParameters {

    /** Distance between embeddings; the names are those of {@link RetrievalSettings.Distance}. */
    enum DistanceChoice {
        @Label(value = "Cosine", description = "1 - cosine similarity (the paper's choice).")
        COSINE,
        @Label(value = "Euclidean", description = "Straight-line distance.")
        EUCLIDEAN
    }

    /** The list columns of the query table: embeddings are lists of doubles. */
    static final class EmbeddingColumns extends CompatibleColumnsProvider {
        EmbeddingColumns() {
            super(ListDataValue.class);
        }
    }

    @Widget(
            title = "Embedding column",
            description = "List-of-double column holding the embeddings in both "
                    + "tables (the Video Embedding Extractor writes 'Embedding'); the list columns of the query table"
                    + " are "
                    + "offered.")
    @ChoicesProvider(EmbeddingColumns.class)
    String m_embeddingColumn = "Embedding";

    @Widget(
            title = "Class column",
            description = "String column with the class of each video in both tables; a "
                    + "neighbour is a hit when its class equals the query's.")
    @ChoicesProvider(StringColumnsProvider.class)
    String m_classColumn = VideoTable.CLASS;

    @Widget(title = "ID column", description = "String column naming each video in the neighbours table.")
    @ChoicesProvider(StringColumnsProvider.class)
    String m_idColumn = VideoTable.VIDEO_ID;

    @Widget(title = "Distance", description = "How embeddings are compared.")
    @ValueSwitchWidget
    DistanceChoice m_distance =
            DistanceChoice.valueOf(RetrievalSettings.DEFAULTS.distance().name());

    @Widget(
            title = "k values",
            description = "Comma-separated k for the top-k accuracy (1 to 10000, any order): "
                    + "the share of queries with at least one same-class video among their k nearest (the paper: 1, 5,"
                    + " 10, "
                    + "20, 50).")
    String m_ks = join(RetrievalSettings.DEFAULTS.ks());

    @Widget(
            title = "Neighbours listed",
            description =
                    "Nearest neighbours per query written to the first " + "output (0 = only the accuracy table).")
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    int m_neighboursListed = 10;

    @Widget(
            title = "Thumbnails",
            description = "Add the middle frame of query and neighbour as PNG image columns "
                    + "(Query thumbnail, Neighbour thumbnail) when both tables have the Frame folder column of the"
                    + " Video Frame "
                    + "Extractor.",
            advanced = true)
    boolean m_thumbnails = true;

    @Widget(
            title = "Device",
            description = Devices.DESCRIPTION + " The dot products of the search run there.",
            advanced = true)
    String m_device = Devices.DEFAULT;

    private static String join(final int[] ks) {
        return Arrays.stream(ks).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    /**
     * The engine's settings for these dialog values (not validated); k values are sorted and repeats dropped.
     *
     * @throws IllegalArgumentException when a k is not a whole number
     */
    RetrievalSettings toRetrievalSettings() {
        int[] ks = m_ks == null || m_ks.isBlank()
                ? new int[0]
                : Arrays.stream(RetrievalSettings.parseKs(m_ks))
                        .sorted()
                        .distinct()
                        .toArray();
        return new RetrievalSettings(RetrievalSettings.Distance.valueOf(m_distance.name()), ks);
    }

    @Override
    public void validate() throws InvalidSettingsException {
        String[][] columns = {
            {"Embedding column", m_embeddingColumn}, {"Class column", m_classColumn}, {"ID column", m_idColumn}
        };
        for (String[] column : columns) {
            if (column[1] == null || column[1].isBlank()) {
                throw new InvalidSettingsException(column[0] + " is not set: choose a column of the query table.");
            }
        }
        try {
            Problems.check(toRetrievalSettings().problems());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
        if (m_neighboursListed < 0) {
            throw new InvalidSettingsException("Neighbours listed is " + m_neighboursListed + ": use 0 or more.");
        }
        Devices.check(m_device);
    }
}
