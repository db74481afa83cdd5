package org.vidssl.torch.objective;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vidssl.core.io.NpyArray;
import org.vidssl.torch.testing.TinyEncoder;

class MocoObjectiveTest {

    static final int DIM = 4, QUEUE = 6, N = 2;
    static final Shape INPUT = new Shape(N, 3, 4, 8, 8);

    @Test
    void keysEnterTheQueueAfterTheStepAndTheKeyEncoderFollowsByEma() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block online = TinyEncoder.create(DIM);
            online.initialize(m, DataType.FLOAT32, INPUT);
            try (MocoObjective moco = new MocoObjective(
                    m, m.getDevice(), online, () -> TinyEncoder.create(DIM), INPUT, DIM, QUEUE, 0.07, 0.9, 3)) {
                List<NDArray> onlineParams = online.getParameters().values().stream()
                        .map(p -> p.getArray())
                        .toList();
                List<NDArray> keyParams = moco.keyEncoder().getParameters().values().stream()
                        .map(p -> p.getArray())
                        .toList();
                for (int i = 0; i < onlineParams.size(); i++) {
                    assertArrayEquals(
                            onlineParams.get(i).toFloatArray(),
                            keyParams.get(i).toFloatArray(),
                            0,
                            "the key encoder starts as a copy");
                }
                NDArray v1 = m.randomUniform(0, 1, INPUT);
                NDArray v2 = m.randomUniform(0, 1, INPUT);
                NDArray neg = m.randomUniform(0, 1, INPUT);
                ParameterStore store = new ParameterStore(m, false);
                NDArray f1 = online.forward(store, new NDList(v1), true).singletonOrThrow();
                NDArray f2 = online.forward(store, new NDList(v2), true).singletonOrThrow();
                float[] queueBefore = moco.state().get("queue_2").data();
                ContrastiveObjective.Output out =
                        moco.compute(new ContrastiveObjective.Step(f1, f2, null, v1, v2, neg, new int[] {0, 1}));
                assertTrue(Float.isFinite(out.lossView1().getFloat()));
                assertTrue(out.probView1() > 0 && out.probView1() < 1);
                assertArrayEquals(
                        queueBefore, moco.state().get("queue_2").data(), 0, "queue unchanged before the step");

                // pretend the optimiser moved every online weight by +1
                float[][] keyBefore =
                        keyParams.stream().map(NDArray::toFloatArray).toArray(float[][]::new);
                onlineParams.forEach(p -> p.addi(1f));
                moco.afterOptimizerStep();
                for (int i = 0; i < keyParams.size(); i++) {
                    float[] online1 = onlineParams.get(i).toFloatArray();
                    float[] k = keyParams.get(i).toFloatArray();
                    for (int j = 0; j < k.length; j++) {
                        assertEquals(0.9 * keyBefore[i][j] + 0.1 * online1[j], k[j], 1e-5);
                    }
                }
                Map<String, NpyArray> state = moco.state();
                float[] queueAfter = state.get("queue_2").data();
                assertEquals(2f, state.get("queue_pointer").data()[0]);
                for (int r = 0; r < QUEUE; r++) {
                    double norm = 0;
                    boolean same = true;
                    for (int d = 0; d < DIM; d++) {
                        norm += queueAfter[r * DIM + d] * queueAfter[r * DIM + d];
                        same &= queueAfter[r * DIM + d] == queueBefore[r * DIM + d];
                    }
                    assertEquals(1, norm, 1e-4, "queue rows are unit vectors");
                    assertEquals(r >= N, same, "only the first " + N + " rows are replaced");
                }
            }
        }
    }
}
