package org.vidssl.core.clip;

import org.vidssl.core.settings.InvalidSettingsException;

/** How an intra-negative sample is made from the RGB clip (the reference's {@code --neg}). */
public enum IntraNegative {
    /** no intra-negative: plain two-view contrastive learning */
    NONE("none"),
    /** one random frame repeated over the whole clip: same appearance, no motion */
    REPEAT("repeat"),
    /** four equal time chunks, two different ones swapped: broken temporal order */
    SHUFFLE("shuffle"),
    /** 2x2 spatial tiles permuted in every frame */
    SPATIAL("spatial");

    private final String id;

    IntraNegative(String id) { this.id = id; }

    public String id() { return id; }

    public static IntraNegative parse(String s) {
        for (IntraNegative n : values()) {
            if (n.id.equalsIgnoreCase(s.trim())) {
                return n;
            }
        }
        throw new InvalidSettingsException("Unknown intra-negative '" + s + "': use one of none, repeat, shuffle, spatial");
    }
}
