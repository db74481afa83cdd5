package org.vidssl.torch.train;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import org.vidssl.core.io.NpyArray;
import org.vidssl.torch.engine.InPlace;

/** Tensors to and from {@link NpyArray}, the one array record of checkpoints, model files and state dicts. */
public final class HostArrays {

    private HostArrays() {}

    /** A float tensor copied to the Java heap. */
    public static NpyArray of(NDArray array) {
        return new NpyArray(array.getShape().getShape(), array.toFloatArray());
    }

    /** Copies saved values into {@code target}, checking the shape; {@code what} names the entry in the error. */
    public static void copyInto(NpyArray saved, NDArray target, String what) {
        if (!Arrays.equals(saved.shape(), target.getShape().getShape())) {
            throw new IllegalArgumentException("Checkpoint entry '" + what + "' has shape "
                    + Arrays.toString(saved.shape()) + " but the model expects " + target.getShape()
                    + ": the checkpoint belongs to other settings.");
        }
        try (NDArray values = target.getManager().create(saved.data(), target.getShape())) {
            InPlace.copy(values.toDevice(target.getDevice(), false), target);
        }
    }
}
