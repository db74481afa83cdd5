package org.vidssl.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vidssl.core.io.Npy;
import org.vidssl.core.io.NpyArray;
import org.vidssl.core.io.Npz;
import org.vidssl.core.settings.Backbone;
import org.vidssl.core.settings.DeviceSpec;
import org.vidssl.torch.backbone.FeatureKind;
import org.vidssl.torch.engine.Devices;
import org.vidssl.torch.engine.TorchRuntime;
import org.vidssl.torch.model.EncoderFile;
import org.vidssl.torch.model.EncoderHeader;
import org.vidssl.torch.model.InputSpec;
import org.vidssl.torch.model.VideoEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs a backbone on clips from an .npy file and writes the features as .npy (also the PyTorch parity check). */
@Command(
        name = "forward",
        mixinStandardHelpOptions = true,
        description =
                "Run a backbone on clips (.npy, N x 3 x T x H x W or 3 x T x H x W) and write its features (.npy).")
final class ForwardCommand implements Callable<Integer> {

    enum Mode {
        eval,
        train
    }

    @Option(
            names = "--model",
            completionCandidates = Backbone.Ids.class,
            description = "Backbone: ${COMPLETION-CANDIDATES} (not with --encoder).")
    String model;

    @Option(names = "--encoder", description = "Encoder file (header.json + weights.npz) instead of --model/--weights.")
    Path encoderFile;

    @Option(
            names = "--weights",
            description = "PyTorch state_dict as .npz (tools/pth_to_npz.py); random init when omitted.")
    Path weights;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "Seed of the random init (without --weights). Default: ${DEFAULT-VALUE}.")
    int seed;

    @Option(names = "--input", required = true, description = "Clips as float .npy.")
    Path input;

    @Option(names = "--output", required = true, description = "Features as float32 .npy (N x D).")
    Path output;

    @Option(
            names = "--features",
            defaultValue = "pooled",
            description = "pooled (N x 512) or conv (retrieval feature: last conv map max-pooled (1,2,2), flattened)."
                    + " Default: ${DEFAULT-VALUE}.")
    String features;

    @Option(
            names = "--mode",
            defaultValue = "eval",
            description = "BatchNorm mode: eval (running stats) or train (batch stats). Default: ${DEFAULT-VALUE}.")
    Mode mode;

    @Option(names = "--device", defaultValue = "cpu", description = DeviceSpec.SYNTAX + ". Default: ${DEFAULT-VALUE}.")
    String device;

    @Option(names = "--threads", defaultValue = "0", description = "PyTorch intra-op threads; 0 = PyTorch default.")
    int threads;

    @Override
    public Integer call() throws Exception {
        if ((model == null) == (encoderFile == null)) {
            throw new UsageError("Give either --model (with --weights or --seed) or --encoder.");
        }
        Backbone architecture = model == null ? null : Backbone.parse(model);
        if (encoderFile != null && weights != null) {
            throw new UsageError("--weights cannot be combined with --encoder (the encoder file has its weights).");
        }
        FeatureKind kind = switch (features.toLowerCase(Locale.ROOT)) {
            case "pooled" -> FeatureKind.POOLED;
            case "conv" -> FeatureKind.CONV;
            default -> throw new UsageError("--features is '" + features + "': use pooled or conv.");
        };
        requireFile(input, "--input");
        if (weights != null) {
            requireFile(weights, "--weights");
        }
        if (encoderFile != null) {
            requireFile(encoderFile, "--encoder");
        }
        NpyArray clips = Npy.read(input);
        long[] shape = clips.shape();
        if (shape.length == 4) {
            shape = new long[] {1, shape[0], shape[1], shape[2], shape[3]};
        }
        if (shape.length != 5 || shape[1] != 3) {
            throw new IllegalArgumentException(input + " has shape " + Arrays.toString(clips.shape())
                    + "; clips must be N x 3 x T x H x W (or 3 x T x H x W for one clip).");
        }
        TorchRuntime.engine(new TorchRuntime.Settings(null, threads, 0));
        Device dev = Devices.parse(device);
        try (VideoEncoder encoder =
                        openEncoder(architecture, dev, new InputSpec((int) shape[2], (int) shape[3], (int) shape[4]));
                NDManager batch = encoder.manager().newSubManager()) {
            NDArray x = batch.create(clips.data(), new Shape(shape));
            NDArray y = encoder.features(x, kind, mode == Mode.train);
            Npy.write(output, new NpyArray(y.getShape().getShape(), y.toFloatArray()));
        }
        return 0;
    }

    private VideoEncoder openEncoder(Backbone architecture, Device dev, InputSpec input) throws IOException {
        if (encoderFile != null) {
            return EncoderFile.load(encoderFile, dev);
        }
        EncoderHeader header = EncoderHeader.of(architecture, input, "rgb");
        return weights == null
                ? VideoEncoder.create(header, dev, seed)
                : VideoEncoder.fromStateDict(header, Npz.read(weights), weights.toString(), dev);
    }

    private static void requireFile(Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw new UsageError(option + " file " + file + " does not exist or is not a file.");
        }
    }
}
