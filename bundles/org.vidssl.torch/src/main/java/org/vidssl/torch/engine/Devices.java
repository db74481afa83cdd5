package org.vidssl.torch.engine;

import ai.djl.Device;
import org.vidssl.core.settings.DeviceSpec;
import org.vidssl.core.settings.InvalidSettingsException;

/** Maps a device setting ({@link DeviceSpec}'s syntax) to PyTorch's device, checked against the GPUs it sees. */
public final class Devices {

    /** The label of the optional feature that carries PyTorch's CUDA natives. */
    public static final String CUDA_FEATURE = "Video Self-Supervised Learning (IIC) - CUDA GPU support";

    private Devices() {}

    /** The device, checked against the GPUs PyTorch can see; errors say what to use instead. */
    public static Device parse(String name) {
        DeviceSpec spec = DeviceSpec.parse(name);
        if (!spec.isGpu()) {
            return Device.cpu();
        }
        int gpus = TorchRuntime.engine().getGpuCount();
        if (gpus == 0) {
            throw new InvalidSettingsException(noGpuMessage(name, PyTorchNatives.cudaInstalled()));
        }
        if (spec.gpu() >= gpus) {
            throw new InvalidSettingsException("Device '" + name + "' was asked for, but PyTorch sees only " + gpus
                    + " GPU(s) (gpu:0 to gpu:" + (gpus - 1) + ").");
        }
        return Device.gpu(spec.gpu());
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
