package org.vidssl.knime.util;

import java.util.regex.Pattern;

import org.knime.core.node.InvalidSettingsException;

/** The device setting shared by the training and inference nodes. */
public final class Devices {

    public static final String DEFAULT = "cpu";

    public static final String DESCRIPTION = "Where the network runs: <tt>cpu</tt>, <tt>gpu</tt> (the first CUDA "
        + "GPU) or <tt>gpu:N</tt> (the GPU with index N). GPUs (NVIDIA, Linux or Windows) need the optional feature '"
        + org.vidssl.torch.engine.Devices.CUDA_FEATURE + "' from the extension's update site.";

    private static final Pattern VALID = Pattern.compile("cpu|gpu(:\\d+)?");

    private Devices() {
    }

    public static void check(final String device) throws InvalidSettingsException {
        if (device == null || !VALID.matcher(device.trim()).matches()) {
            throw new InvalidSettingsException(
                "Device '" + device + "' is not valid: use cpu, gpu or gpu:N (e.g. gpu:1).");
        }
    }
}
