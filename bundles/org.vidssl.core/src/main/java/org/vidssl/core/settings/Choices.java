package org.vidssl.core.settings;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Parsing and messages for the lists of {@link Choice}s, so every list reads and reports its entries alike. */
public final class Choices {

    private Choices() {}

    /** The ids of the list in declaration order, e.g. [c3d, r3d, r21d, r3d18]. */
    public static <E extends Enum<E> & Choice> List<String> ids(Class<E> list) {
        return Arrays.stream(list.getEnumConstants()).map(Choice::id).toList();
    }

    /** The ids as the messages and help texts write them: "c3d, r3d, r21d, r3d18". */
    public static <E extends Enum<E> & Choice> String idText(Class<E> list) {
        return String.join(", ", ids(list));
    }

    /**
     * The entry whose id (or enum constant name) is {@code text}, ignoring case and surrounding blanks.
     *
     * @param what what the list holds, for the message: "backbone", "view", ...
     * @throws InvalidSettingsException "Unknown {what} '{text}': use one of {ids}."
     */
    public static <E extends Enum<E> & Choice> E parse(Class<E> list, String what, String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (E e : list.getEnumConstants()) {
            if (e.id().equals(t) || e.name().toLowerCase(Locale.ROOT).equals(t)) {
                return e;
            }
        }
        throw new InvalidSettingsException("Unknown " + what + " '" + text + "': use one of " + idText(list) + ".");
    }

    /**
     * Adds "{Label} '{text}' is unknown: use one of {ids}." unless {@link #parse} accepts {@code text}; the message
     * starts with the setting's label, as every problem of a settings record does.
     */
    public static <E extends Enum<E> & Choice> void check(
            List<String> problems, Class<E> list, String label, String text) {
        try {
            parse(list, label, text);
        } catch (InvalidSettingsException e) {
            problems.add(label + " '" + text + "' is unknown: use one of " + idText(list) + ".");
        }
    }

    /** Adds "{Label} is missing: use one of {ids}." when a setting holding an entry of the list is null. */
    public static <E extends Enum<E> & Choice> void required(
            List<String> problems, Class<E> list, String label, E value) {
        if (value == null) {
            problems.add(label + " is missing: use one of " + idText(list) + ".");
        }
    }
}
