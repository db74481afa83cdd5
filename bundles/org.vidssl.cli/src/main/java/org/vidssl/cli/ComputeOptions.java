package org.vidssl.cli;

import ai.djl.Device;
import org.vidssl.core.pretrain.PretrainSettings;
import org.vidssl.core.settings.DeviceSpec;
import org.vidssl.torch.engine.Devices;
import picocli.CommandLine.Option;

/**
 * Where the network runs and with how many threads: the options of every command that runs PyTorch. The device's
 * default is the one every settings record shares (cpu); --threads has its own (every core).
 */
@SettingsFrom(PretrainSettings.class)
final class ComputeOptions {

    /** As the settings records allow (their Threads range): more threads than this only add overhead. */
    private static final int MAX_THREADS = 256;

    @Option(names = "--device", description = DeviceSpec.SYNTAX + ". Default: ${DEFAULT-VALUE}.")
    String device;

    @Option(names = "--threads", description = "PyTorch and clip-loading threads. Default: all cores.")
    Integer threads;

    /** --threads, or every core of this machine when it is not given. */
    int threads() {
        if (threads == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new UsageError("--threads is " + threads + ": use 1 to " + MAX_THREADS + ".");
        }
        return threads;
    }

    /** The parsed --device; names the option when there is no such device. */
    Device device() {
        return Devices.parse(device);
    }
}
