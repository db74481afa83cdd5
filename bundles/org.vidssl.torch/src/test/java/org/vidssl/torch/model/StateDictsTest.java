package org.vidssl.torch.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidssl.core.io.NpyArray;
import org.vidssl.core.io.Npz;
import org.vidssl.core.settings.Backbone;
import org.vidssl.torch.backbone.FeatureKind;
import org.vidssl.torch.engine.TorchRuntime;

class StateDictsTest {

    @TempDir
    Path dir;

    private static final InputSpec SMALL = new InputSpec(4, 16, 16);

    @Test
    void npzRoundTripReproducesWeightsAndOutputs() throws IOException {
        Path npz = dir.resolve("r3d.npz");
        try (VideoEncoder a = VideoEncoder.create(EncoderHeader.of(Backbone.R3D, SMALL, "rgb"), Device.cpu(), 1);
                VideoEncoder b = VideoEncoder.create(EncoderHeader.of(Backbone.R3D, SMALL, "rgb"), Device.cpu(), 2);
                NDManager m = TorchRuntime.engine().newBaseManager()) {
            // make the running statistics non-trivial, so the test sees that they travel too
            a.features(m.randomUniform(0, 1, new Shape(2, 3, 4, 16, 16)), FeatureKind.POOLED, true);
            StateDicts.exportNpz(a.backbone(), npz);
            Map<String, NpyArray> saved = Npz.read(npz);
            assertEquals(List.copyOf(a.backbone().torchParameters().keySet()), List.copyOf(saved.keySet()));
            float[] mean = saved.get("bn1.running_mean").data();
            assertTrue(mean[0] != 0f, "running mean moved after a training-mode pass");

            NDArray x = m.randomUniform(0, 1, new Shape(2, 3, 4, 16, 16));
            float[] before = b.features(x, FeatureKind.CONV, false).toFloatArray();
            StateDicts.loadNpz(b.backbone(), npz);
            float[] expected = a.features(x, FeatureKind.CONV, false).toFloatArray();
            float[] after = b.features(x, FeatureKind.CONV, false).toFloatArray();
            assertArrayEquals(expected, after, 0f);
            assertFalse(java.util.Arrays.equals(before, after), "different seeds gave different weights");
            assertArrayEquals(
                    mean,
                    StateDicts.export(b.backbone()).get("bn1.running_mean").data(),
                    0f);
        }
    }

    @Test
    void mismatchesAreAllListedAndNothingIsLoaded() throws IOException {
        try (VideoEncoder e = VideoEncoder.create(EncoderHeader.of(Backbone.R3D, SMALL, "rgb"), Device.cpu(), 3)) {
            Map<String, NpyArray> dict = new LinkedHashMap<>(StateDicts.export(e.backbone()));
            float[] conv1Before = dict.get("conv1.temporal_spatial_conv.weight").data();
            dict.remove("bn1.weight");
            dict.put("conv5.block1.bn2.num_batches_tracked", new NpyArray(new long[] {}, new float[] {7}));
            dict.put("fc.weight", new NpyArray(new long[] {1}, new float[] {0}));
            dict.put(
                    "conv1.temporal_spatial_conv.weight",
                    new NpyArray(new long[] {64, 3, 3, 3, 3}, new float[64 * 3 * 27]));
            Path file = dir.resolve("bad.npz");
            Npz.write(file, dict);
            StateDictException ex =
                    assertThrows(StateDictException.class, () -> StateDicts.loadNpz(e.backbone(), file));
            assertEquals(List.of("bn1.weight"), ex.missing());
            assertEquals(List.of("fc.weight"), ex.unexpected(), "num_batches_tracked is accepted and ignored");
            assertEquals(1, ex.misShaped().size());
            assertTrue(
                    ex.misShaped()
                            .get(0)
                            .startsWith(
                                    "conv1.temporal_spatial_conv.weight: file [64, 3, 3, 3, 3] vs model [64, 3, 3, 7,"
                                            + " 7]"),
                    ex.misShaped().get(0));
            assertTrue(
                    ex.getMessage().contains("bad.npz") && ex.getMessage().contains("1 missing: bn1.weight"),
                    ex.getMessage());
            assertArrayEquals(
                    conv1Before,
                    StateDicts.export(e.backbone())
                            .get("conv1.temporal_spatial_conv.weight")
                            .data(),
                    0f,
                    "a failed load changes nothing");
        }
    }

    @Test
    void backboneWeightsLoadUnderAFreshHeadWhenTheHeadIsExcluded() throws IOException {
        try (VideoEncoder plain = VideoEncoder.create(EncoderHeader.of(Backbone.C3D, SMALL, "rgb"), Device.cpu(), 4);
                VideoEncoder classifier = VideoEncoder.create(
                        new EncoderHeader(Backbone.C3D, 7, SMALL, "rgb", null, 0, null, null), Device.cpu(), 5)) {
            Map<String, NpyArray> dict = StateDicts.export(plain.backbone());
            StateDictException strict = assertThrows(
                    StateDictException.class, () -> StateDicts.load(classifier.backbone(), dict, "plain", true));
            assertEquals(List.of("linear.weight", "linear.bias"), strict.missing());
            // as a trainer leaves them: weights that require gradients still load
            classifier.backbone().torchParameters().values().stream()
                    .filter(p -> p.requiresGradient())
                    .forEach(p -> p.getArray().setRequiresGradient(true));
            StateDicts.load(classifier.backbone(), dict, "plain", false);
            assertArrayEquals(
                    dict.get("conv5b.weight").data(),
                    StateDicts.export(classifier.backbone())
                            .get("conv5b.weight")
                            .data(),
                    0f);
        }
    }
}
