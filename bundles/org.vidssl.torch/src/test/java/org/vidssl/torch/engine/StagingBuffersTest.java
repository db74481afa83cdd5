package org.vidssl.torch.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class StagingBuffersTest {

    @Test
    void tensorsHoldTheGivenRangeAndSlotsAreReusedAndGrown() {
        StagingBuffers staging = new StagingBuffers(2);
        float[] data = {0, 1, 2, 3, 4, 5, 6, 7};
        try (NDManager m = TorchRuntime.engine().newBaseManager()) {
            try (NDManager step = m.newSubManager()) {
                NDArray all = staging.tensor(step, 0, data, new Shape(2, 4));
                NDArray tail = staging.tensor(step, 1, data, 6, 2, new Shape(2));
                assertEquals(new Shape(2, 4), all.getShape());
                assertArrayEquals(data, all.toFloatArray(), 0f);
                assertArrayEquals(new float[] {6, 7}, tail.toFloatArray(), 0f, "slot 1 must not disturb slot 0");
                assertArrayEquals(data, all.toFloatArray(), 0f);
            }
            // the next step refills slot 0, first smaller, then larger than before
            try (NDManager step = m.newSubManager()) {
                assertArrayEquals(
                        new float[] {2, 3, 4},
                        staging.tensor(step, 0, data, 2, 3, new Shape(3)).toFloatArray(),
                        0f);
            }
            float[] bigger = new float[20];
            bigger[19] = 42;
            try (NDManager step = m.newSubManager()) {
                assertEquals(
                        42f, staging.tensor(step, 0, bigger, new Shape(4, 5)).getFloat(3, 4));
            }
        }
    }

    @Test
    void aShapeThatDoesNotMatchTheValuesIsRefused() {
        StagingBuffers staging = new StagingBuffers(1);
        try (NDManager m = TorchRuntime.engine().newBaseManager()) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> staging.tensor(m, 0, new float[6], new Shape(2, 4)));
            assertTrue(e.getMessage().contains("(2, 4)"), e.getMessage());
        }
    }
}
