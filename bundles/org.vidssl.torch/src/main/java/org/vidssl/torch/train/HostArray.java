package org.vidssl.torch.train;

import java.util.Arrays;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.vidssl.torch.engine.InPlace;

/** A float tensor copied to the Java heap, for checkpoints. */
public record HostArray(long[] shape, float[] data) {

    public HostArray {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " needs " + n + " values, got "
                    + data.length);
        }
    }

    public static HostArray of(NDArray array) {
        return new HostArray(array.getShape().getShape(), array.toFloatArray());
    }

    public NDArray toNDArray(NDManager manager) {
        return manager.create(data, new Shape(shape));
    }

    /** Copies the values into {@code target}, checking the shape; {@code what} names it in the error. */
    public void copyInto(NDArray target, String what) {
        if (!Arrays.equals(shape, target.getShape().getShape())) {
            throw new IllegalArgumentException("Checkpoint entry '" + what + "' has shape " + Arrays.toString(shape)
                    + " but the model expects " + target.getShape() + ": the checkpoint belongs to other settings.");
        }
        try (NDArray values = target.getManager().create(data, target.getShape())) {
            InPlace.copy(values.toDevice(target.getDevice(), false), target);
        }
    }
}
