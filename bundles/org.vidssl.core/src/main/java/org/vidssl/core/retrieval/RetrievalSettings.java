package org.vidssl.core.retrieval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.vidssl.core.settings.Checks;
import org.vidssl.core.settings.InvalidSettingsException;
import org.vidssl.core.settings.Records;
import org.vidssl.core.settings.Setting;

/**
 * Settings of the Retrieval step: how test videos query train videos. Defaults are the reference's
 * ({@code retrieve_clips.py}: cosine distance, k = 1, 5, 10, 20, 50).
 */
public record RetrievalSettings(
        @Setting(
                label = "Distance",
                description = "How two embeddings are compared: cosine (the reference) or " + "euclidean.")
        Distance distance,

        @Setting(
                label = "k values",
                description = "The k values of the top-k accuracy, strictly increasing, each at " + "least 1.")
        int[] ks) {

    /** The largest k accepted; a larger k only lengthens every neighbour list. */
    public static final int MAX_K = 10_000;

    public static final RetrievalSettings DEFAULTS =
            new RetrievalSettings(Distance.COSINE, new int[] {1, 5, 10, 20, 50});

    /** How two embeddings are compared. */
    public enum Distance {
        /** 1 - cos(a, b), as sklearn's {@code cosine_distances} (the reference) */
        COSINE("cosine"),
        /** ||a - b||, as sklearn's {@code euclidean_distances} */
        EUCLIDEAN("euclidean");

        private final String id;

        Distance(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Distance parse(String s) {
            for (Distance d : values()) {
                if (d.id.equalsIgnoreCase(s.trim())) {
                    return d;
                }
            }
            throw new InvalidSettingsException("Unknown distance '" + s + "': use cosine or euclidean");
        }
    }

    public RetrievalSettings {
        ks = ks == null ? null : ks.clone();
    }

    @Override
    public int[] ks() {
        return ks == null ? null : ks.clone();
    }

    /** The largest k, i.e. how many neighbours a search must keep per query. */
    public int maxK() {
        return Arrays.stream(ks).max().orElse(0);
    }

    public RetrievalSettings withDistance(Distance d) {
        return new RetrievalSettings(d, ks);
    }

    public RetrievalSettings withKs(int... newKs) {
        return new RetrievalSettings(distance, newKs);
    }

    /**
     * The k values that say nothing for a database of {@code databaseSize} items: from k = size on, the k nearest are
     * the whole database, so the top-k accuracy is 100% whenever a query's class is there at all.
     */
    public int[] ksBeyond(int databaseSize) {
        return Arrays.stream(ks).filter(k -> k >= databaseSize && k > 1).toArray();
    }

    /** These settings without {@link #ksBeyond} the database; null when no k is left. */
    public RetrievalSettings within(int databaseSize) {
        int[] kept = Arrays.stream(ks).filter(k -> k < databaseSize || k == 1).toArray();
        return kept.length == 0 ? null : withKs(kept);
    }

    /** Parses a k list such as {@code "1,5,10"} (blanks allowed). */
    public static int[] parseKs(String text) {
        String[] parts = text.trim().split("\\s*[,;\\s]\\s*");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new InvalidSettingsException("k list '" + text + "': '" + parts[i]
                        + "' is not a whole number; write the k values separated by commas, e.g. 1,5,10,20,50");
            }
        }
        return out;
    }

    /** Problems with these settings, each naming the setting and what to do; empty when valid. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (distance == null) {
            p.add("Distance is not set: use cosine (the paper) or euclidean.");
        }
        if (ks == null || ks.length == 0) {
            p.add("No k values for the top-k accuracy: give at least one, e.g. 1,5,10,20,50 (the paper).");
            return p;
        }
        for (int i = 0; i < ks.length; i++) {
            if (ks[i] < 1 || ks[i] > MAX_K) {
                p.add("k = " + ks[i] + " is out of range: use 1 to " + MAX_K + ".");
            }
            if (i > 0 && ks[i] <= ks[i - 1]) {
                p.add("k values " + Arrays.toString(ks)
                        + " must be strictly increasing without repeats (e.g. 1,5,10,20,50).");
                break;
            }
        }
        return p;
    }

    /** Throws IllegalArgumentException listing every problem. */
    public RetrievalSettings validate() {
        Checks.throwIfAny(problems());
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return Records.equal(this, o);
    }

    @Override
    public int hashCode() {
        return Records.hash(this);
    }

    @Override
    public String toString() {
        return "RetrievalSettings[distance=" + (distance == null ? null : distance.id()) + ", ks="
                + Arrays.toString(ks).toLowerCase(Locale.ROOT) + "]";
    }
}
