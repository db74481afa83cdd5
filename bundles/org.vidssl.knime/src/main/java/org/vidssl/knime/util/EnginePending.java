package org.vidssl.knime.util;

/**
 * Marks the node code that waits for an engine API still being written in another branch (see CONTRACTS.md).
 * Every use is a single call at the place where the engine is invoked; search for "ENGINE-PENDING".
 */
public final class EnginePending {

    private EnginePending() {
    }

    /** The failure a node reports while {@code engineApi} is not merged into this build. */
    public static IllegalStateException notYet(final String engineApi) {
        return new IllegalStateException("This node needs " + engineApi
            + ", which is not part of this build yet. Update the Video Self-Supervised Learning extension.");
    }
}
