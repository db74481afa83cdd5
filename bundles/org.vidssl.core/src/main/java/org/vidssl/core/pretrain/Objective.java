package org.vidssl.core.pretrain;

import org.vidssl.core.settings.Choice;
import org.vidssl.core.settings.ChoiceIds;
import org.vidssl.core.settings.Choices;

/**
 * Which contrastive objective pretraining optimises. The objective of each entry is built by the torch bundle's
 * {@code Pretrainer}, whose switch over this enum has no default branch: a new entry does not compile until it names
 * its objective class there.
 */
public enum Objective implements Choice {
    /** reference {@code --softmax True} */
    MEMORY_BANK(
            "memory-bank",
            "Memory bank",
            "The paper's CMC memory bank with a softmax (InfoNCE) loss: K random "
                    + "entries of a bank of all videos, updated with momentum. Needs many epochs."),
    /** reference {@code --softmax False} */
    MEMORY_BANK_NCE(
            "memory-bank-nce",
            "Memory bank (NCE)",
            "The same memory bank scored as noise-contrastive " + "estimation (the reference's --softmax False)."),
    MOCO("moco", "MoCo", "A queue of recent features from a momentum encoder."),
    /** NT-Xent: every other clip of the batch, in both views, is a negative */
    SIMCLR(
            "simclr",
            "SimCLR",
            "The other clips of the batch; learns within few epochs, good for small datasets " + "and demos."),
    /** no same-view negatives, softmax cross-entropy; learns within minutes on a CPU (see the demo) */
    IN_BATCH(
            "in-batch",
            "In-batch",
            "The paper's cross-view scoring with the batch in place of the memory bank: "
                    + "each view against the other view's clips of the batch plus the intra-negatives.");

    /** The ids, for the command line's {@code completionCandidates}. */
    public static final class Ids extends ChoiceIds<Objective> {
        public Ids() {
            super(Objective.class);
        }
    }

    private final Choice.Text text;

    Objective(String id, String label, String description) {
        text = new Choice.Text(id, label, description);
    }

    @Override
    public Choice.Text text() {
        return text;
    }

    public static Objective parse(String s) {
        return Choices.parse(Objective.class, "objective", s);
    }
}
