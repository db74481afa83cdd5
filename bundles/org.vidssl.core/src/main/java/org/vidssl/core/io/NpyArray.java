package org.vidssl.core.io;

import java.util.Arrays;

/**
 * A float array with a shape, in C (row-major) order: what a numpy .npy file holds, read as float32.
 *
 * @param shape dimensions, outermost first; empty for a scalar
 * @param data  the values, {@code product(shape)} of them
 */
public record NpyArray(long[] shape, float[] data) {

    public NpyArray {
        if (shape == null || data == null) {
            throw new IllegalArgumentException("NpyArray needs a shape and data.");
        }
        shape = shape.clone();
        long n = elementCount(shape);
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "Shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length + ".");
        }
    }

    /** Number of elements of an array of this shape; negative dimensions are rejected. */
    public static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("Negative dimension in shape " + Arrays.toString(shape) + ".");
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray other && Arrays.equals(shape, other.shape) && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "NpyArray" + Arrays.toString(shape);
    }
}
