package org.vidssl.torch.backbone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.vidssl.torch.engine.TorchRuntime;

class LayersTest {

    /** PyTorch's BatchNorm3d(momentum 0.1): running = 0.9 running + 0.1 batch statistic (unbiased variance). */
    @Test
    void batchNormUpdatesRunningStatsLikePyTorch() {
        try (NDManager m = TorchRuntime.engine().newBaseManager()) {
            BatchNorm bn = Layers.batchNorm();
            Shape shape = new Shape(2, 3, 2, 3, 3);
            bn.initialize(m, DataType.FLOAT32, shape);
            NDArray x = m.randomNormal(1f, 2f, shape, DataType.FLOAT32);
            bn.forward(new ParameterStore(m, false), new NDList(x), true);

            NDArray perChannel = x.transpose(1, 0, 2, 3, 4).reshape(3, -1);
            long n = perChannel.getShape().get(1);
            NDArray mean = perChannel.mean(new int[] {1});
            NDArray unbiasedVar = perChannel
                    .sub(mean.expandDims(1))
                    .square()
                    .sum(new int[] {1})
                    .div(n - 1);
            float[] expectedMean = mean.mul(0.1f).toFloatArray();
            float[] expectedVar = unbiasedVar.mul(0.1f).add(0.9f).toFloatArray();
            float[] runningMean =
                    bn.getParameters().get("runningMean").getArray().toFloatArray();
            float[] runningVar = bn.getParameters().get("runningVar").getArray().toFloatArray();
            for (int c = 0; c < 3; c++) {
                assertEquals(expectedMean[c], runningMean[c], 1e-5f, "running mean of channel " + c);
                assertEquals(expectedVar[c], runningVar[c], 1e-4f, "running var of channel " + c);
            }
        }
    }
}
