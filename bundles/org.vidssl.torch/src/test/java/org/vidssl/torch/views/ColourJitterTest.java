package org.vidssl.torch.views;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ColourJitterTest {

    @Test
    void changesColoursWithinRangeDeterministicallyAndTheSameForEveryFrame() {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(4, 3, 5, 6, 6);
            Random source = new Random(7);
            float[] pixels = new float[(int) shape.size()];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = source.nextFloat();
            }
            NDArray x = m.create(pixels, shape);
            NDArray a = ColourJitter.apply(x, new Random(1));
            NDArray b = ColourJitter.apply(x, new Random(1));
            assertEquals(shape, a.getShape());
            assertArrayEquals(a.toFloatArray(), b.toFloatArray());
            float[] out = a.toFloatArray();
            for (float v : out) {
                assertTrue(v >= 0 && v <= 1, "value " + v + " outside [0,1]");
            }
            assertFalse(java.util.Arrays.equals(pixels, out), "jitter left the batch unchanged");

            // a clip whose frames are all equal stays static: the change is the same for every frame
            NDArray still = m.create(new float[3 * 6 * 6], new Shape(1, 3, 1, 6, 6))
                    .add(0.3f)
                    .repeat(2, 5);
            NDArray jittered = ColourJitter.apply(still, new Random(3));
            assertEquals(0f, jittered.sub(Views.rollTime(jittered)).abs().max().getFloat(), 1e-6f);
        }
    }

    @Test
    void refusesClipsWithoutThreeChannels() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray grey = m.zeros(new Shape(1, 1, 2, 4, 4));
            assertThrows(IllegalArgumentException.class, () -> ColourJitter.apply(grey, new Random(1)));
        }
    }
}
