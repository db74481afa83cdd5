package org.vidssl.torch.engine;

import ai.djl.Device;
import java.util.Locale;
import org.vidssl.core.settings.InvalidSettingsException;

/** Parses device names as users type them: {@code cpu}, {@code gpu} (= the first GPU) or {@code gpu:N}. */
public final class Devices {

    private Devices() {
    }

    /** The device, checked against the GPUs PyTorch can see; errors say what to use instead. */
    public static Device parse(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidSettingsException("No device given: use 'cpu', 'gpu' or 'gpu:N'.");
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.equals("cpu")) {
            return Device.cpu();
        }
        int index;
        if (n.equals("gpu") || n.equals("cuda")) {
            index = 0;
        } else if (n.startsWith("gpu:") || n.startsWith("cuda:")) {
            try {
                index = Integer.parseInt(n.substring(n.indexOf(':') + 1));
            } catch (NumberFormatException e) {
                throw new InvalidSettingsException("Device '" + name + "' is not valid: use 'cpu', 'gpu' or 'gpu:N' with N a number.");
            }
            if (index < 0) {
                throw new InvalidSettingsException("Device '" + name + "' has a negative GPU number.");
            }
        } else {
            throw new InvalidSettingsException("Device '" + name + "' is not valid: use 'cpu', 'gpu' or 'gpu:N'.");
        }
        int gpus = TorchRuntime.engine().getGpuCount();
        if (gpus == 0) {
            throw new InvalidSettingsException("Device '" + name + "' was asked for, but PyTorch sees no GPU here (no CUDA"
                    + " device or only the CPU natives are installed): use 'cpu'.");
        }
        if (index >= gpus) {
            throw new InvalidSettingsException("Device '" + name + "' was asked for, but PyTorch sees only " + gpus
                    + " GPU(s) (gpu:0 to gpu:" + (gpus - 1) + ").");
        }
        return Device.gpu(index);
    }
}
