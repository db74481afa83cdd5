package org.vidssl.core.settings;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A device as users type it: {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N}, in any case, with blanks
 * around it ignored; {@code cuda} and {@code cuda:N}, PyTorch's names, are read as {@code gpu} and {@code gpu:N}.
 * The one place that reads device settings (records, CLI, KNIME); the engine maps the result to PyTorch's device
 * and checks it against the GPUs it sees.
 *
 * @param gpu the GPU index, or -1 for the CPU
 */
public record DeviceSpec(int gpu) {

    /** The syntax as help texts and messages write it (a constant, so annotations can use it). */
    public static final String SYNTAX = "cpu, gpu or gpu:N";

    public static final DeviceSpec CPU = new DeviceSpec(-1);

    private static final Pattern FORM = Pattern.compile("cpu|(?:gpu|cuda)(?::(\\d{1,9}))?");

    public DeviceSpec {
        if (gpu < -1) {
            throw new IllegalArgumentException("GPU index " + gpu + ": use 0 or more, or -1 for the CPU.");
        }
    }

    /** @throws InvalidSettingsException "Device '{text}' is not understood: use cpu, gpu or gpu:N." */
    public static DeviceSpec parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidSettingsException("Device '" + text + "' is not understood: use " + SYNTAX + ".");
        }
        if (m.group(0).equals("cpu")) {
            return CPU;
        }
        return new DeviceSpec(m.group(1) == null ? 0 : Integer.parseInt(m.group(1)));
    }

    /** Adds the message of {@link #parse} when {@code text} is not a device. */
    public static void check(List<String> problems, String text) {
        try {
            parse(text);
        } catch (InvalidSettingsException e) {
            problems.add(e.getMessage());
        }
    }

    public boolean isGpu() {
        return gpu >= 0;
    }

    /** The canonical form: {@code cpu} or {@code gpu:N}. */
    @Override
    public String toString() {
        return isGpu() ? "gpu:" + gpu : "cpu";
    }
}
