package org.vidssl.knime.node.knn;

import java.util.Arrays;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.choices.ValueSwitchWidget;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsNonNegativeValidation;
import org.vidssl.knime.util.VideoTable;

/**
 * Dialog of the Video kNN Retrieval node.
 * ENGINE-PENDING: distance and k defaults move to org.vidssl.core.retrieval.RetrievalSettings once merged.
 */
public final class VideoKnnRetrievalSettings implements NodeParameters {

    /** Distance between embeddings. */
    enum DistanceChoice {
        @Label(value = "Cosine", description = "1 - cosine similarity (the paper's choice).")
        COSINE,
        @Label(value = "Euclidean", description = "Straight-line distance.")
        EUCLIDEAN
    }

    @Widget(title = "Embedding column", description = "List-of-double column holding the embeddings in both "
        + "tables (the Video Embedding Extractor writes 'Embedding').")
    String m_embeddingColumn = "Embedding";

    @Widget(title = "Class column", description = "String column with the class of each video in both tables; a "
        + "neighbour is a hit when its class equals the query's.")
    String m_classColumn = VideoTable.CLASS;

    @Widget(title = "ID column", description = "String column naming each video in the neighbours table.")
    String m_idColumn = VideoTable.VIDEO_ID;

    @Widget(title = "Distance", description = "How embeddings are compared.")
    @ValueSwitchWidget
    DistanceChoice m_distance = DistanceChoice.COSINE;

    @Widget(title = "k values", description = "Comma-separated k for the top-k accuracy: the share of queries "
        + "with at least one same-class video among their k nearest (the paper: 1, 5, 10, 20, 50).")
    String m_ks = "1,5,10,20,50";

    @Widget(title = "Neighbours listed", description = "Nearest neighbours per query written to the first "
        + "output (0 = only the accuracy table).")
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    int m_neighboursListed = 10;

    @Override
    public void validate() throws InvalidSettingsException {
        for (String column : new String[]{m_embeddingColumn, m_classColumn, m_idColumn}) {
            if (column == null || column.isBlank()) {
                throw new InvalidSettingsException("Choose the embedding, class and ID columns.");
            }
        }
        ks();
        if (m_neighboursListed < 0) {
            throw new InvalidSettingsException("Neighbours listed is " + m_neighboursListed + ": use 0 or more.");
        }
    }

    /** The k values, ascending and distinct. */
    int[] ks() throws InvalidSettingsException {
        try {
            int[] ks = Arrays.stream(m_ks.split(",")).map(String::trim).mapToInt(Integer::parseInt).sorted()
                .distinct().toArray();
            if (ks.length == 0 || ks[0] < 1) {
                throw new NumberFormatException();
            }
            return ks;
        } catch (NumberFormatException | NullPointerException e) {
            throw new InvalidSettingsException("k values '" + m_ks + "' must be positive whole numbers separated by "
                + "commas, e.g. 1,5,10,20,50.", e);
        }
    }
}
