package org.vidssl.core.settings;

import java.util.List;

/**
 * Validation checks shared by the settings records: {@link #throwIfAny} for every record's {@code validate()}, and
 * the checks of choice-valued settings (model, device). Range checks come from the records' {@link Setting}
 * declarations ({@link Settings#rangeProblems}).
 */
public final class Checks {

    /** Backbone ids the training steps accept. */
    public static final List<String> MODELS = List.of("c3d", "r3d", "r21d", "r3d18");

    private Checks() {
    }

    /**
     * What every settings record's {@code validate()} does: throws IllegalArgumentException with all problems, one
     * sentence after another, or returns when there are none.
     */
    public static void throwIfAny(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(String.join(" ", problems));
        }
    }

    public static void model(List<String> problems, String model) {
        if (model == null || !MODELS.contains(model)) {
            problems.add("Model '" + model + "' is unknown: use one of " + String.join(", ", MODELS) + ".");
        }
    }

    public static void device(List<String> problems, String device) {
        if (device == null || !device.trim().toLowerCase().matches("cpu|gpu(:\\d+)?")) {
            problems.add("Device '" + device + "' is not understood: use cpu, gpu or gpu:N.");
        }
    }

    /** A thread-count setting as used: the setting, or one thread per processor core when it is 0. */
    public static int effectiveThreads(int threads) {
        return threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
