package org.vidssl.core.settings;

/**
 * An entry of one of the extensible lists (backbones, views, intra-negatives, objectives). Each list is one enum
 * implementing this interface; the command line's help and parsing, the validation messages and the KNIME dialogs
 * are made from it (see {@link Choices}), so a new entry is added in one place.
 */
public interface Choice {

    /**
     * What every entry declares.
     *
     * @param id the name typed on the command line and stored in settings and model files, e.g. {@code r3d}
     * @param label the name shown in dialogs, e.g. {@code R(2+1)D}
     * @param description one sentence that says what the entry is, shown next to the label in dialogs and node
     *     descriptions (which read simple HTML such as {@code <tt>})
     */
    record Text(String id, String label, String description) {}

    /** The entry's id, label and description. */
    Text text();

    /** The name typed on the command line and stored in settings and model files, e.g. {@code r3d}. */
    default String id() {
        return text().id();
    }

    /** The name shown in dialogs, e.g. {@code R(2+1)D}. */
    default String label() {
        return text().label();
    }

    /** One sentence that says what the entry is (simple HTML such as {@code <tt>} allowed). */
    default String description() {
        return text().description();
    }
}
