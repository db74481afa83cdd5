package org.vidssl.torch.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar operands for operations that autograd records ({@code x.div(Scalars.like(x, t))}, not {@code x.div(t)}).
 *
 * <p>Why: DJL's {@code x.div(0.07f)} (also mul, maximum, minimum, pow with a Java number) turns the number into a
 * 0-d tensor over a fresh direct ByteBuffer, which on the CPU the tensor shares (PyTorch's from_blob), and closes
 * that tensor right after the operation, dropping the last Java reference to the buffer. Autograd keeps the tensor
 * for the backward pass (the gradient of x / t needs t), so a garbage collection between forward and backward
 * frees memory that backward then reads: the gradient comes out as garbage (huge, tiny or NaN), and the weights,
 * and the next loss, become NaN. It happened only in long JVMs, where a collection falls between the two passes.
 * This scalar is allocated by LibTorch, which frees it only when autograd no longer needs it. Add and subtract do
 * not keep their operand, and code without gradients (no-grad updates, inference) may use Java numbers.
 */
public final class Scalars {

    private Scalars() {}

    /** A 0-d tensor holding {@code value}, of {@code like}'s type, on its device, in its manager. */
    public static NDArray like(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, like.getDataType(), like.getDevice());
    }
}
