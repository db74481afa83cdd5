package org.vidssl.core.clip;

import org.vidssl.core.settings.Choice;
import org.vidssl.core.settings.ChoiceIds;
import org.vidssl.core.settings.Choices;

/** How an intra-negative sample is made from the RGB clip (the reference's {@code --neg}). */
public enum IntraNegative implements Choice {
    NONE("none", "None", "No intra-negative: plain two-view contrastive learning."),
    REPEAT(
            "repeat",
            "Repeat",
            "One random frame repeated over the clip: same appearance, no motion. The paper's " + "default."),
    /** four equal time chunks, two different ones swapped */
    SHUFFLE("shuffle", "Shuffle", "Four time chunks with two swapped: broken temporal order."),
    SPATIAL("spatial", "Spatial", "2x2 spatial tiles permuted in every frame.");

    /** The ids, for the command line's {@code completionCandidates}. */
    public static final class Ids extends ChoiceIds<IntraNegative> {
        public Ids() {
            super(IntraNegative.class);
        }
    }

    private final Choice.Text text;

    IntraNegative(String id, String label, String description) {
        text = new Choice.Text(id, label, description);
    }

    @Override
    public Choice.Text text() {
        return text;
    }

    public static IntraNegative parse(String s) {
        return Choices.parse(IntraNegative.class, "intra-negative", s);
    }
}
