package org.vidssl.knime.util;

import java.util.List;
import java.util.Map;
import org.knime.core.node.InvalidSettingsException;

/** Turns the problems an engine settings record lists into the exception KNIME shows for bad settings. */
public final class Problems {

    private Problems() {}

    /** Throws with every problem in one message; does nothing when the list is empty. */
    public static void check(final List<String> problems) throws InvalidSettingsException {
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(String.join(" ", problems));
        }
    }

    /**
     * The engine's problems with a message's leading setting name replaced by the dialog's title of that setting
     * ({@code titles}: engine name to dialog title), so every message names what the user sees in the dialog.
     */
    public static List<String> withTitles(final List<String> problems, final Map<String, String> titles) {
        return problems.stream()
                .map(p -> titles.entrySet().stream()
                        .filter(t -> p.startsWith(t.getKey() + " ") || p.startsWith(t.getKey() + ":"))
                        .findFirst()
                        .map(t -> t.getValue() + p.substring(t.getKey().length()))
                        .orElse(p))
                .toList();
    }
}
