package org.vidssl.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.vidssl.torch.engine.Devices;
import org.vidssl.torch.engine.TorchRuntime;
import org.vidssl.torch.model.EncoderFile;
import org.vidssl.torch.model.VideoEncoder;

/**
 * The encoders of one executor JVM: each encoder file (shipped as bytes in a broadcast) is loaded once per JVM
 * and device, then shared by every task the executor runs (eval-mode forward passes share weights safely, as
 * DJL's predictors share one model). They stay loaded until the executor exits.
 */
final class ExecutorEncoders {

    private static final Map<String, VideoEncoder> LOADED = new HashMap<>();
    private static int loads;

    private ExecutorEncoders() {}

    /**
     * The encoder stored in {@code file} (the bytes of an encoder file), on {@code device}; loaded on first use.
     *
     * @param threads PyTorch intra-op threads for this JVM when the engine is not loaded yet (0 = PyTorch's default)
     */
    static synchronized VideoEncoder get(byte[] file, String device, int threads) throws IOException {
        String key = sha256(file) + "@" + device;
        VideoEncoder encoder = LOADED.get(key);
        if (encoder == null) {
            TorchRuntime.engine(new TorchRuntime.Settings(null, threads, 0));
            // the model-file API reads files: the bytes go through a private temporary copy
            Path copy = Files.createTempFile("vidssl-encoder-", ".vidssl");
            try {
                Files.write(copy, file);
                encoder = EncoderFile.load(copy, Devices.parse(device));
            } finally {
                Files.deleteIfExists(copy);
            }
            LOADED.put(key, encoder);
            loads++;
        }
        return encoder;
    }

    /** How many times this JVM has loaded an encoder (for tests and logs). */
    static synchronized int loads() {
        return loads;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256.", e);
        }
    }
}
