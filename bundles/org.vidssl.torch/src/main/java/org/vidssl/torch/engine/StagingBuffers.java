package org.vidssl.torch.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reused native buffers for turning Java float arrays into tensors, one buffer per slot (e.g. RGB, flow u, flow v).
 *
 * <p>Why: DJL copies a Java array into a fresh direct buffer on every {@code create}, and on the CPU the tensor
 * shares that buffer's memory (PyTorch's {@code from_blob}). Direct buffers are freed only when the garbage
 * collector runs, which a training loop with a quiet Java heap seldom triggers, so native memory would climb by
 * one batch per step. Because the memory is shared, a slot is refilled only after the tensor made from it last
 * time is closed: callers make one tensor per slot per step, inside a scope they close before the next step.
 */
public final class StagingBuffers {

    private final ByteBuffer[] buffers;

    public StagingBuffers(int slots) {
        buffers = new ByteBuffer[slots];
        java.util.Arrays.fill(buffers, ByteBuffer.allocateDirect(0));
    }

    /** A float tensor of {@code shape} in {@code manager} holding all of {@code data}. */
    public NDArray tensor(NDManager manager, int slot, float[] data, Shape shape) {
        return tensor(manager, slot, data, 0, data.length, shape);
    }

    /** A float tensor of {@code shape} in {@code manager} holding {@code data[offset, offset + count)}. */
    public NDArray tensor(NDManager manager, int slot, float[] data, int offset, int count, Shape shape) {
        if (shape.size() != count) {
            throw new IllegalArgumentException(count + " values do not fill a tensor of shape " + shape + ".");
        }
        if (buffers[slot].capacity() < 4 * count) {
            buffers[slot] = ByteBuffer.allocateDirect(Math.multiplyExact(4, count));
        }
        ByteBuffer b = buffers[slot];
        b.clear().order(ByteOrder.nativeOrder());
        b.asFloatBuffer().put(data, offset, count);
        b.limit(4 * count);
        return manager.create(b, shape, DataType.FLOAT32);
    }
}
