package org.vidssl.core.settings;

import java.util.List;

/**
 * Validation checks shared by the settings records: {@link #throwIfAny} for every record's {@code validate()};
 * the rest for the training settings ({@code PretrainSettings}, {@code FinetuneSettings}), each adding one message to a problems list when a value is out of range, naming the setting, its value and what
 * to use, in the form "Epochs is 0: use 1 to 100000 (the paper uses 150)."
 */
public final class Checks {

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

    /** Adds "{label} is {value}: use {min} to {max}{tail}." unless {@code min <= value <= max}. */
    public static void range(List<String> problems, String label, long value, long min, long max, String tail) {
        if (value < min || value > max) {
            problems.add(label + " is " + value + ": use " + min + " to " + max + tail + ".");
        }
    }

    /**
     * Adds "{label} is {value}: use {interval}{tail}." unless the value lies in the interval, written in the usual
     * notation ({@code (0, 10]}: {@code minOpen} excludes {@code min}, {@code maxOpen} excludes {@code max}).
     * NaN is always a problem.
     */
    public static void interval(List<String> problems, String label, double value, double min, boolean minOpen,
            double max, boolean maxOpen, String tail) {
        boolean aboveMin = minOpen ? value > min : value >= min;
        boolean belowMax = maxOpen ? value < max : value <= max;
        if (!(aboveMin && belowMax)) {
            problems.add(label + " is " + value + ": use " + (minOpen ? "(" : "[") + number(min) + ", " + number(max)
                    + (maxOpen ? ")" : "]") + tail + ".");
        }
    }

    /** A learning rate in (0, 10]. */
    public static void learningRate(List<String> problems, String label, double value, String paper) {
        if (!(value > 0 && value <= 10)) {
            problems.add(label + " is " + value + ": use a value in (0, 10] (the paper uses " + paper + ").");
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

    public static void clipLength(List<String> problems, int clipLength) {
        range(problems, "Clip length", clipLength, 1, 256, " frames (the paper uses 16)");
    }

    public static void cropSize(List<String> problems, int cropSize) {
        range(problems, "Crop size", cropSize, 8, 1024, " (the paper uses 112)");
    }

    public static void testClips(List<String> problems, int testClips) {
        range(problems, "Test clips per video", testClips, 1, 100, " (the paper uses 10)");
    }

    /** A thread-count setting as used: the setting, or one thread per processor core when it is 0. */
    public static int effectiveThreads(int threads) {
        return threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** The last settings every training step shares, in this order: device, threads, checkpoints, width. */
    public static void trainingRun(List<String> problems, String device, int threads, int checkpointInterval,
            int width) {
        device(problems, device);
        range(problems, "Threads", threads, 0, 256, " (0 = one per processor core)");
        if (checkpointInterval < 1) {
            problems.add("Checkpoint interval is " + checkpointInterval + ": use at least 1 epoch.");
        }
        range(problems, "Width", width, 4, 256, " base channels (the paper uses 64)");
    }

    /** 10 as "10", 0.5 as "0.5": bounds read as they are written in the messages. */
    private static String number(double bound) {
        return bound == Math.rint(bound) && !Double.isInfinite(bound) ? Long.toString((long) bound)
                : Double.toString(bound);
    }
}
