package org.vidssl.torch.backbone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.vidssl.torch.engine.TorchRuntime;

class SpatioTemporalConvTest {

    private static final int CHANNELS = 200;

    @Test
    void onlySlicesThatMeetOnlyPaddingAreTrimmed() {
        // R3D's last stage at 8-frame clips: conv2 sees 1 frame, conv1 (stride 2) sees 2
        assertArrayEquals(new int[] {1, 2}, SpatioTemporalConv.liveTemporalSlices(1, 3, 1, 1));
        assertArrayEquals(new int[] {1, 3}, SpatioTemporalConv.liveTemporalSlices(2, 3, 2, 1));
        // at 16 frames every slice meets a frame; 1x1x1 and unpadded kernels have nothing to trim
        assertNull(SpatioTemporalConv.liveTemporalSlices(2, 3, 1, 1));
        assertNull(SpatioTemporalConv.liveTemporalSlices(4, 3, 2, 1));
        assertNull(SpatioTemporalConv.liveTemporalSlices(1, 1, 2, 0));
        assertNull(SpatioTemporalConv.liveTemporalSlices(16, 3, 1, 1));
    }

    @Test
    void onlyLargeConvolutionsTrim() {
        assertTrue((long) CHANNELS * CHANNELS * 27 >= SpatioTemporalConv.TRIM_MIN_WEIGHTS);
        assertTrue(128L * 128 * 27 < SpatioTemporalConv.TRIM_MIN_WEIGHTS, "a width-16 R3D's last stage stays as it is");
    }

    @Test
    void trimmedConvolutionGivesTheFullConvolutionsOutputAndGradients() {
        for (long[] c : new long[][] {{1, 1}, {2, 2}, {4, 2}}) { // frames, stride
            int frames = (int) c[0];
            int s = (int) c[1];
            try (NDManager m = TorchRuntime.engine().newBaseManager()) {
                // 200 x 200 x 27 weights: large enough to be trimmed
                SpatioTemporalConv conv = new SpatioTemporalConv(
                        CHANNELS, CHANNELS, Layers.triple(3), Layers.triple(s), Layers.triple(1), false);
                Shape shape = new Shape(2, CHANNELS, frames, 5, 5);
                conv.initialize(m, DataType.FLOAT32, shape);
                NDArray weight = conv.getParameters().get(0).getValue().getArray();
                NDArray x = m.randomNormal(0, 1, shape, DataType.FLOAT32, m.getDevice());
                x.setRequiresGradient(true);

                NDArray out;
                float[] weightGrad;
                float[] inputGrad;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    out = conv.forward(new ParameterStore(m, false), new NDList(x), true)
                            .singletonOrThrow();
                    gc.backward(out.square().sum());
                }
                weightGrad = weight.getGradient().toFloatArray();
                inputGrad = x.getGradient().toFloatArray();
                weight.getGradient().subi(weight.getGradient());
                x.getGradient().subi(x.getGradient());

                NDArray expected;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    expected = Conv3d.conv3d(
                                    x, weight, null, Layers.shape(Layers.triple(s)), Layers.shape(Layers.triple(1)))
                            .singletonOrThrow();
                    gc.backward(expected.square().sum());
                }
                assertEquals(expected.getShape(), out.getShape(), "frames " + frames);
                assertClose(expected.toFloatArray(), out.toFloatArray(), "output, frames " + frames);
                assertClose(weight.getGradient().toFloatArray(), weightGrad, "weight gradient, frames " + frames);
                assertClose(x.getGradient().toFloatArray(), inputGrad, "input gradient, frames " + frames);
            }
        }
    }

    /** Equal up to float rounding of sums over 5,400 products: 1e-5 of the largest magnitude. */
    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        float scale = 0;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5f * scale + 1e-6f, what + " at " + i);
        }
    }
}
