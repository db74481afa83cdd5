package org.vidssl.torch.engine;

import ai.djl.Device;
import java.util.Locale;
import org.vidssl.core.settings.InvalidSettingsException;

/** Parses device names as users type them: {@code cpu}, {@code gpu} (= the first GPU) or {@code gpu:N}. */
public final class Devices {

    /** The label of the optional feature that carries PyTorch's CUDA natives. */
    public static final String CUDA_FEATURE = "Video Self-Supervised Learning (IIC) - CUDA GPU support";

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
            throw new InvalidSettingsException(noGpuMessage(name, PyTorchNatives.cudaInstalled()));
        }
        if (index >= gpus) {
            throw new InvalidSettingsException("Device '" + name + "' was asked for, but PyTorch sees only " + gpus
                    + " GPU(s) (gpu:0 to gpu:" + (gpus - 1) + ").");
        }
        return Device.gpu(index);
    }

    /** Why a GPU device cannot be used when PyTorch sees none, and what to do. */
    static String noGpuMessage(String device, boolean cudaInstalled) {
        if (!cudaInstalled) {
            return "Device '" + device + "' was asked for, but only the CPU build of PyTorch is installed. Install the"
                    + " feature '" + CUDA_FEATURE + "' from the extension's update site (Linux or Windows x86-64 with"
                    + " an NVIDIA GPU and driver for CUDA 12.4), restart, and try again; or use 'cpu'.";
        }
        return "Device '" + device + "' was asked for, and the CUDA build of PyTorch is installed, but PyTorch sees no"
                + " CUDA GPU here: check the NVIDIA driver (it must support CUDA 12.4) and that the GPU is visible to"
                + " this process, or use 'cpu'.";
    }
}
