package org.vidssl.torch.engine;

import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's gradient mode for a block of code on the current thread, restored when the block ends:
 * {@code try (GradMode off = GradMode.disabled()) { ... }}.
 * <p>
 * PyTorch keeps the mode per thread and starts every thread with gradients on. DJL switches it off only on the
 * thread that loads the engine, and its GradientCollector restores whatever the thread had when it closes. So code
 * that runs on another thread (a KNIME worker) would record autograd history outside the collector, and the SGD
 * update {@code w -= lr * d} on a weight that requires a gradient fails as an in-place operation on a leaf. Every
 * entry point of the engine therefore sets the mode it needs itself: off, with the gradient collector switching it
 * on for the forward and backward passes of a training step.
 */
public final class GradMode implements AutoCloseable {

    private final boolean previous;

    private GradMode(boolean enabled) {
        TorchRuntime.engine(); // loads the natives JniUtils calls into
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(enabled);
    }

    /** Gradients off on this thread until {@link #close()} (PyTorch's {@code torch.no_grad()}). */
    public static GradMode disabled() {
        return new GradMode(false);
    }

    /** Whether this thread records operations for autograd now. */
    public static boolean isEnabled() {
        TorchRuntime.engine();
        return JniUtils.isGradMode();
    }

    /** Restores the mode the thread had before; call on the thread that opened the block. */
    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
