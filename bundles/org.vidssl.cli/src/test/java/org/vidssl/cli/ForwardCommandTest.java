package org.vidssl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidssl.core.io.Npy;
import org.vidssl.core.io.NpyArray;
import org.vidssl.core.settings.Backbone;
import org.vidssl.torch.backbone.FeatureKind;
import org.vidssl.torch.model.EncoderFile;
import org.vidssl.torch.model.EncoderHeader;
import org.vidssl.torch.model.InputSpec;
import org.vidssl.torch.model.StateDicts;
import org.vidssl.torch.model.VideoEncoder;
import picocli.CommandLine;

class ForwardCommandTest {

    @TempDir
    Path dir;

    private record Result(int exit, String err) {}

    private static Result run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = VidsslCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, err.toString());
    }

    private static NpyArray randomClips(long... shape) {
        Random r = new Random(5);
        float[] data = new float[(int) NpyArray.elementCount(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = r.nextFloat();
        }
        return new NpyArray(shape, data);
    }

    @Test
    void forwardWithWeightsMatchesTheEncoder() throws IOException {
        Path weights = dir.resolve("w.npz");
        Path input = dir.resolve("x.npy");
        Path output = dir.resolve("out/y.npy");
        NpyArray clips = randomClips(2, 3, 4, 16, 16);
        Npy.write(input, clips);
        try (VideoEncoder e = VideoEncoder.create(
                        EncoderHeader.of(Backbone.R3D, new InputSpec(4, 16, 16), "rgb"), Device.cpu(), 9);
                NDManager m = e.manager().newSubManager()) {
            StateDicts.exportNpz(e.backbone(), weights);
            Result r = run(
                    "forward",
                    "--model",
                    "r3d",
                    "--weights",
                    weights.toString(),
                    "--input",
                    input.toString(),
                    "--output",
                    output.toString(),
                    "--features",
                    "conv",
                    "--mode",
                    "eval",
                    "--device",
                    "cpu");
            assertEquals(0, r.exit(), r.err());
            NpyArray y = Npy.read(output);
            float[] expected = e.features(m.create(clips.data(), new Shape(clips.shape())), FeatureKind.CONV, false)
                    .toFloatArray();
            assertArrayEquals(
                    new long[] {2, 512}, y.shape(), "4x16x16 -> conv map 512x1x1x1 -> 512 after the (1,2,2) pool");
            assertArrayEquals(expected, y.data(), 1e-6f);

            // the same weights through an encoder file
            Path encoder = dir.resolve("r3d.vidssl");
            EncoderFile.save(encoder, e);
            Path viaEncoder = dir.resolve("y2.npy");
            Result r2 = run(
                    "forward",
                    "--encoder",
                    encoder.toString(),
                    "--input",
                    input.toString(),
                    "--output",
                    viaEncoder.toString(),
                    "--features",
                    "conv");
            assertEquals(0, r2.exit(), r2.err());
            assertArrayEquals(expected, Npy.read(viaEncoder).data(), 1e-6f);
        }
        // random init, one clip without a batch axis, pooled feature
        Npy.write(input, randomClips(3, 4, 16, 16));
        Result r = run(
                "forward", "--model", "c3d", "--seed", "3", "--input", input.toString(), "--output", output.toString());
        assertEquals(0, r.exit(), r.err());
        assertArrayEquals(new long[] {1, 512}, Npy.read(output).shape());
    }

    @Test
    void badInputExitsNonZeroWithOneLineNamingTheFile() throws IOException {
        Path input = dir.resolve("gray.npy");
        Npy.write(input, randomClips(1, 1, 4, 16, 16));
        Path output = dir.resolve("y.npy");
        Result r = run("forward", "--model", "r3d", "--input", input.toString(), "--output", output.toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(
                r.err().startsWith("vidssl forward: ")
                        && r.err().contains("gray.npy")
                        && r.err().contains("N x 3 x T x H x W"),
                r.err());
        assertFalse(Files.exists(output));

        Result unknown = run("forward", "--model", "vgg", "--input", input.toString(), "--output", output.toString());
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("Unknown backbone 'vgg'"), unknown.err());

        Result both = run("forward", "--input", input.toString(), "--output", output.toString());
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("either --model"), both.err());

        Result missing = run(
                "forward",
                "--model",
                "r3d",
                "--input",
                dir.resolve("none.npy").toString(),
                "--output",
                output.toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("none.npy"), missing.err());
    }
}
