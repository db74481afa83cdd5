package org.vidssl.torch.backbone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.vidssl.core.settings.Backbone;
import org.vidssl.torch.engine.TorchRuntime;

class BackbonesTest {

    /** Every entry of core's list builds its own network: a new entry cannot be listed without its class. */
    @ParameterizedTest
    @EnumSource(Backbone.class)
    void everyListedBackboneBuildsAndRunsItsNetwork(Backbone backbone) {
        try (NDManager m = TorchRuntime.engine().newBaseManager()) {
            VideoBackbone b = Backbones.initialize(Backbones.create(backbone, 2, 4), m, 4, 16, 16);
            assertEquals(backbone, b.architecture());
            NDArray x = m.randomUniform(0, 1, new Shape(1, 3, 4, 16, 16));
            assertEquals(
                    new Shape(1, 2),
                    b.forward(new ParameterStore(m, false), new NDList(x), false)
                            .singletonOrThrow()
                            .getShape());
        }
    }

    /** The reference implementation's counts (sum of numel over model.parameters()), listed in docs/paper.md. */
    @ParameterizedTest
    @CsvSource({"c3d, 27661440", "r3d, 14361792", "r21d, 14365303", "r3d18, 33166272"})
    void parameterCountsEqualTheReference(String id, long expected) {
        Backbone a = Backbone.parse(id);
        try (NDManager m = TorchRuntime.engine().newBaseManager()) {
            VideoBackbone plain = Backbones.initialize(Backbones.create(a), m, 8, 32, 32);
            assertEquals(expected, plain.trainableParameterCount(), id);
            VideoBackbone withHead = Backbones.initialize(Backbones.create(a, 101), m, 8, 32, 32);
            assertEquals(expected + 51_813, withHead.trainableParameterCount(), id + " with a 101-class head");
        }
    }

    @ParameterizedTest
    @CsvSource({"c3d, 16", "r3d, 16", "r21d, 8", "r3d18, 32"})
    void narrowerWidthScalesEveryLayerAndTheFeature(String id, int width) {
        Backbone a = Backbone.parse(id);
        try (NDManager m = TorchRuntime.engine().newBaseManager()) {
            VideoBackbone b = Backbones.initialize(Backbones.create(a, 3, width), m, 8, 32, 32);
            assertEquals(width, b.width());
            assertEquals(8 * width, b.featureDim());
            Map<String, Parameter> p = b.torchParameters();
            String stem = a == Backbone.C3D
                    ? "conv1.weight"
                    : a == Backbone.R21D ? "conv1.temporal_conv.weight" : "conv1.temporal_spatial_conv.weight";
            assertEquals(width, p.get(stem).getArray().getShape().get(0), stem);
            assertEquals(
                    new Shape(3, 8 * width), p.get("linear.weight").getArray().getShape());
            NDArray x = m.randomUniform(0, 1, new Shape(2, 3, 8, 32, 32));
            ParameterStore ps = new ParameterStore(m, false);
            assertEquals(
                    new Shape(2, 8 * width),
                    b.features(ps, x, false, FeatureKind.POOLED).getShape());
            assertEquals(
                    b.featureShape(x.getShape(), FeatureKind.CONV),
                    b.features(ps, x, false, FeatureKind.CONV).getShape());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backbones.create(a, 0, 2));
        assertTrue(e.getMessage().contains("width is 2"), e.getMessage());
    }

    @Test
    void r3dOnFullSizeClipsGivesThePaperFeatureSizes() {
        try (NDManager m = TorchRuntime.engine().newBaseManager()) {
            VideoBackbone b = Backbones.initialize(Backbones.create(Backbone.R3D), m, 16, 112, 112);
            NDArray x = m.randomUniform(0, 1, new Shape(1, 3, 16, 112, 112));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray conv = b.features(ps, x, false, FeatureKind.CONV);
            assertEquals(new Shape(1, 9216), conv.getShape());
            assertEquals(new Shape(1, 9216), b.featureShape(x.getShape(), FeatureKind.CONV));
            NDList out = b.forward(ps, new NDList(x), false);
            assertEquals(new Shape(1, 512), out.singletonOrThrow().getShape());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "c3d, 8, 56, 56",
        "r3d, 8, 56, 56",
        "r21d, 8, 32, 32",
        "r3d18, 8, 32, 32",
        "c3d, 4, 32, 32",
        "r3d, 1, 16, 16"
    })
    void smallClipsWorkAndShapesMatchTheirPrediction(String id, int t, int h, int w) {
        try (NDManager m = TorchRuntime.engine().newBaseManager()) {
            VideoBackbone b = Backbones.initialize(Backbones.create(Backbone.parse(id), 5), m, t, h, w);
            Shape in = new Shape(2, 3, t, h, w);
            NDArray x = m.randomUniform(0, 1, in);
            ParameterStore ps = new ParameterStore(m, false);
            for (FeatureKind kind : FeatureKind.values()) {
                NDArray f = b.features(ps, x, false, kind);
                assertEquals(b.featureShape(in, kind), f.getShape(), id + " " + kind);
            }
            assertEquals(
                    new Shape(2, 512),
                    b.features(ps, x, true, FeatureKind.POOLED).getShape());
            NDArray logits = b.forward(ps, new NDList(x), false).singletonOrThrow();
            assertEquals(new Shape(2, 5), logits.getShape());
            assertArrayEquals(new Shape[] {new Shape(2, 5)}, b.getOutputShapes(new Shape[] {in}));
        }
    }

    @Test
    void parameterNamesFollowTheReferenceStateDict() {
        try (NDManager m = TorchRuntime.engine().newBaseManager()) {
            Map<String, Parameter> r21d = Backbones.initialize(Backbones.create(Backbone.R21D), m, 4, 16, 16)
                    .torchParameters();
            List<String> names = List.copyOf(r21d.keySet());
            assertEquals("conv1.spatial_conv.weight", names.get(0));
            assertTrue(names.contains("conv3.block1.downsampleconv.temporal_conv.weight"));
            assertTrue(names.contains("conv2.block1.conv1.bn.running_var"));
            assertEquals(
                    new Shape(64, 144, 3, 1, 1),
                    r21d.get("conv2.block1.conv1.temporal_conv.weight").getShape(),
                    "middle width floor(3*9*64*64 / (9*64 + 3*64)) = 144");

            Map<String, Parameter> r3d18 = Backbones.initialize(Backbones.create(Backbone.R3D18, 10), m, 4, 16, 16)
                    .torchParameters();
            assertTrue(r3d18.containsKey("conv5.blocks.0.conv2.temporal_spatial_conv.weight"));
            assertTrue(r3d18.containsKey("bn1.running_mean"));
            assertEquals("linear.bias", List.copyOf(r3d18.keySet()).get(r3d18.size() - 1));

            Map<String, Parameter> c3d = Backbones.initialize(Backbones.create(Backbone.C3D), m, 4, 16, 16)
                    .torchParameters();
            assertEquals(
                    List.of(
                            "conv1.weight",
                            "conv1.bias",
                            "bn1.weight",
                            "bn1.bias",
                            "bn1.running_mean",
                            "bn1.running_var"),
                    List.copyOf(c3d.keySet()).subList(0, 6));
        }
    }

    @Test
    void rejectsClipsWithoutThreeChannels() {
        try (NDManager m = TorchRuntime.engine().newBaseManager()) {
            VideoBackbone b = Backbones.create(Backbone.R3D);
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> Backbones.initialize(b, m, 4, 16, 16)
                            .features(
                                    new ParameterStore(m, false),
                                    m.zeros(new Shape(1, 2, 4, 16, 16)),
                                    false,
                                    FeatureKind.POOLED));
            assertTrue(e.getMessage().contains("N x 3 x T x H x W"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Backbone.parse("resnet50"));
        }
    }
}
