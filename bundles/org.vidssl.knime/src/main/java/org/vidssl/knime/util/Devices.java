package org.vidssl.knime.util;

import org.knime.core.node.InvalidSettingsException;
import org.vidssl.core.settings.DeviceSpec;

/** The device setting shared by the training and inference nodes; its syntax is {@link DeviceSpec}'s. */
public final class Devices {

    public static final String DEFAULT = "cpu";

    public static final String DESCRIPTION = "Where the network runs: " + DeviceSpec.SYNTAX + " (gpu is the first "
            + "CUDA GPU, gpu:N the GPU with index N). GPUs (NVIDIA, Linux or Windows) need the optional feature '"
            + org.vidssl.torch.engine.Devices.CUDA_FEATURE + "' from the extension's update site.";

    private Devices() {}

    public static void check(final String device) throws InvalidSettingsException {
        try {
            DeviceSpec.parse(device);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
