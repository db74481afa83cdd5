package org.vidssl.knime.util;

import java.util.List;

import org.knime.core.node.InvalidSettingsException;

/** Turns the problems an engine settings record lists into the exception KNIME shows for bad settings. */
public final class Problems {

    private Problems() {
    }

    /** Throws with every problem in one message; does nothing when the list is empty. */
    public static void check(final List<String> problems) throws InvalidSettingsException {
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(String.join(" ", problems));
        }
    }
}
