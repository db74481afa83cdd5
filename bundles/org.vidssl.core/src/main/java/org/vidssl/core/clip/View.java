package org.vidssl.core.clip;

import org.vidssl.core.settings.Choice;
import org.vidssl.core.settings.ChoiceIds;
import org.vidssl.core.settings.Choices;

/** The second view contrasted with the RGB clip (the reference's {@code --modality}). */
public enum View implements Choice {
    RGB("rgb", "RGB", "The RGB clip itself (two identical-input views; a baseline)."),
    /** (x - roll(x,1,T) + 1)/2 when pretraining, x - roll(x,1,T) when fine-tuning */
    RES(
            "res",
            "Residual",
            "Frame differences: each frame minus the previous one. The paper's default; cheap and "
                    + "motion-focused."),
    /** a grey frame folder {@code u/<video>} */
    U("u", "Flow u", "Horizontal optical flow frames (needs the flow folders <tt>u/&lt;video ID&gt;/</tt>)."),
    /** a grey frame folder {@code v/<video>} */
    V("v", "Flow v", "Vertical optical flow frames (needs the flow folders <tt>v/&lt;video ID&gt;/</tt>).");

    /** The ids, for the command line's {@code completionCandidates}. */
    public static final class Ids extends ChoiceIds<View> {
        public Ids() {
            super(View.class);
        }
    }

    private final Choice.Text text;

    View(String id, String label, String description) {
        text = new Choice.Text(id, label, description);
    }

    @Override
    public Choice.Text text() {
        return text;
    }

    /** True when this view needs optical-flow frames on disk. */
    public boolean needsFlow() {
        return this == U || this == V;
    }

    public static View parse(String s) {
        return Choices.parse(View.class, "view", s);
    }
}
