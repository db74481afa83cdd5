package org.vidssl.core.settings;

import java.util.List;

/**
 * Validation checks shared by the settings records: {@link #throwIfAny} for every record's {@code validate()}, and
 * the checks of choice-valued settings (model, device). Range checks come from the records' {@link Setting}
 * declarations ({@link Settings#rangeProblems}).
 */
public final class Checks {

    private Checks() {}

    /**
     * What every settings record's {@code validate()} does: throws IllegalArgumentException with all problems, one
     * sentence after another, or returns when there are none.
     */
    public static void throwIfAny(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(String.join(" ", problems));
        }
    }

    /** A backbone id of {@link Backbone}. */
    public static void model(List<String> problems, String model) {
        Choices.check(problems, Backbone.class, "Model", model);
    }

    /** A device as {@link DeviceSpec} reads it. */
    public static void device(List<String> problems, String device) {
        DeviceSpec.check(problems, device);
    }

    /** A thread-count setting as used: the setting, or one thread per processor core when it is 0. */
    public static int effectiveThreads(int threads) {
        return threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
