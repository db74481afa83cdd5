package org.vidssl.torch.selftest;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.concurrent.Callable;

/**
 * Smoke test of the embedded PyTorch engine, callable from outside the bundle (the OSGi integration test, a KNIME
 * "about" check): loads the engine offline and runs one Conv3d forward and backward pass.
 */
public final class SelfTest {

    private SelfTest() {}

    /**
     * Runs a Conv3d forward and backward on a 1x3x4x8x8 input.
     *
     * @return a one-line report: engine name and version, output shape and the weight gradient's L1 norm
     * @throws IllegalStateException when the engine cannot be loaded or the gradient is missing
     */
    public static String conv3dForwardBackward() throws Exception {
        return withBundleClassLoader(() -> {
            Engine engine = Engine.getEngine("PyTorch");
            try (NDManager manager = engine.newBaseManager()) {
                Shape inputShape = new Shape(1, 3, 4, 8, 8);
                Conv3d conv = Conv3d.builder()
                        .setKernelShape(new Shape(3, 3, 3))
                        .setFilters(4)
                        .optPadding(new Shape(1, 1, 1))
                        .build();
                conv.initialize(manager, DataType.FLOAT32, inputShape);
                NDArray input = manager.randomNormal(inputShape);
                Shape outputShape;
                try (GradientCollector collector = engine.newGradientCollector()) {
                    NDArray output = conv.forward(new ParameterStore(manager, false), new NDList(input), true)
                            .singletonOrThrow();
                    outputShape = output.getShape();
                    collector.backward(output.square().mean());
                }
                Parameter weight = conv.getParameters().get("weight");
                float gradientL1 = weight.getArray().getGradient().abs().sum().getFloat();
                if (!(gradientL1 > 0f) || !Float.isFinite(gradientL1)) {
                    throw new IllegalStateException("Conv3d backward produced no usable gradient: " + gradientL1);
                }
                return engine.getEngineName() + " " + engine.getVersion() + " output " + outputShape
                        + " weight gradient L1 " + gradientL1;
            }
        });
    }

    /**
     * DJL finds its engines with ServiceLoader on the thread context class loader, and the PyTorch natives as
     * resources of that loader. Inside OSGi the caller's loader (KNIME's, the framework's) sees neither, so DJL calls
     * run with this bundle's loader, which has every embedded jar on its Bundle-ClassPath.
     */
    static <T> T withBundleClassLoader(Callable<T> action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SelfTest.class.getClassLoader());
        try {
            return action.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
