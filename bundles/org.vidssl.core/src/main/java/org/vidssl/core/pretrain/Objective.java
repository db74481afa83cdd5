package org.vidssl.core.pretrain;

import org.vidssl.core.settings.InvalidSettingsException;

/** Which contrastive objective pretraining optimises. */
public enum Objective {
    /** the paper's CMC memory bank with softmax cross-entropy (InfoNCE), reference {@code --softmax True} */
    MEMORY_BANK("memory-bank"),
    /** the same memory bank scored as NCE with a normalising constant Z, reference {@code --softmax False} */
    MEMORY_BANK_NCE("memory-bank-nce"),
    /** momentum encoder and a queue of keys (MoCo) */
    MOCO("moco"),
    /** in-batch negatives, NT-Xent (SimCLR): every other clip of the batch, in both views, is a negative */
    SIMCLR("simclr"),
    /**
     * the paper's scoring with the batch in place of the memory bank: each view against the other view's features
     * of the batch plus the intra-negatives (no same-view negatives), softmax cross-entropy. Learns within minutes
     * on a CPU (see the demo)
     */
    IN_BATCH("in-batch");

    private final String id;

    Objective(String id) { this.id = id; }

    public String id() { return id; }

    public static Objective parse(String s) {
        for (Objective o : values()) {
            if (o.id.equalsIgnoreCase(s.trim()) || o.name().equalsIgnoreCase(s.trim())) {
                return o;
            }
        }
        throw new InvalidSettingsException("Unknown objective '" + s
                + "': use one of memory-bank, memory-bank-nce, moco, simclr, in-batch");
    }
}
