package org.vidssl.torch.objective;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.vidssl.core.io.NpyArray;
import org.vidssl.torch.engine.InPlace;
import org.vidssl.torch.engine.Scalars;
import org.vidssl.torch.train.HostArrays;
import org.vidssl.torch.train.StatefulRandom;

/**
 * MoCo with two views, symmetric (as CMC's MoCo variant): a momentum copy of the encoder embeds keys;
 * one queue of K keys per view.
 *
 * <p>View-1 queries q1 (online encoder) take the view-2 key of the same sample as positive and the
 * view-2 queue as negatives; view-2 queries mirror this with view-1 keys. The intra-negative is embedded
 * by the momentum encoder and its key is appended to both as one extra negative per sample (so the online
 * encoder needs no third forward pass). Logits are cosine / T, loss cross-entropy with target 0. After
 * the step the batch's keys enter the queues (oldest out; deferred to {@link #afterOptimizerStep()} because backward
 * still needs the queues) and the key encoder moves by EMA
 * {@code k = m k + (1 - m) q} after each optimiser step. Without shuffle-BN (single device), which MoCo
 * uses against BN leakage across a batch; the intra-negative makes that shortcut less useful anyway.
 */
public final class MocoObjective implements ContrastiveObjective {

    private final NDManager manager;
    private final Block online;
    private final Block keyEncoder;
    private final ParameterStore keyStore;
    private final int queueSize;
    private final float temperature;
    private final float momentum;
    private final NDArray queue1;
    private final NDArray queue2;
    private int pointer;
    private NDArray[] pendingKeys;

    /**
     * @param online         the trained encoder (initialised)
     * @param encoderFactory makes an encoder of the same architecture for the keys
     * @param inputShape     shape to initialise the key encoder with
     */
    public MocoObjective(
            NDManager parent,
            Device device,
            Block online,
            Supplier<Block> encoderFactory,
            Shape inputShape,
            int dim,
            int queueSize,
            double temperature,
            double momentum,
            long seed) {
        this.manager = parent.newSubManager(device);
        this.online = online;
        this.keyEncoder = encoderFactory.get();
        this.keyEncoder.initialize(manager, DataType.FLOAT32, inputShape);
        this.keyStore = new ParameterStore(manager, false);
        this.queueSize = queueSize;
        this.temperature = (float) temperature;
        this.momentum = (float) momentum;
        copyParameters(online, keyEncoder, 0f);
        StatefulRandom rng = new StatefulRandom(seed);
        this.queue1 = randomUnitRows(rng, queueSize, dim);
        this.queue2 = randomUnitRows(rng, queueSize, dim);
    }

    private NDArray randomUnitRows(StatefulRandom rng, int rows, int dim) {
        float[] v = new float[rows * dim];
        for (int r = 0; r < rows; r++) {
            double norm = 0;
            for (int c = 0; c < dim; c++) {
                float x = rng.nextFloat() * 2 - 1;
                v[r * dim + c] = x;
                norm += x * x;
            }
            for (int c = 0; c < dim; c++) {
                v[r * dim + c] /= (float) Math.sqrt(norm);
            }
        }
        return manager.create(v, new Shape(rows, dim));
    }

    @Override
    public boolean needsNegativeFeatures() {
        return false;
    }

    @Override
    public Output compute(Step step) {
        NDArray q1 = Features.l2Normalize(step.feat1());
        NDArray q2 = Features.l2Normalize(step.feat2());
        NDArray k1 = key(step.view1());
        NDArray k2 = key(step.view2());
        NDArray kNeg = step.negative() == null ? null : key(step.negative());
        NDArray logits1 = logits(q1, k2, queue2, kNeg);
        NDArray logits2 = logits(q2, k1, queue1, kNeg);
        Output out = new Output(
                Features.crossEntropyTarget0(logits1),
                Features.crossEntropyTarget0(logits2),
                Features.meanProbabilityTarget0(logits1),
                Features.meanProbabilityTarget0(logits2));
        // the queues are saved for backward, so they change only after the optimiser step
        pendingKeys = new NDArray[] {k1, k2};
        return out;
    }

    private NDArray key(NDArray input) {
        NDArray feature = keyEncoder.forward(keyStore, new NDList(input), true).singletonOrThrow();
        return Features.l2Normalize(feature.stopGradient());
    }

    /** [q.k_pos, q.queue^T, q.k_neg] / T, positive in column 0. */
    private NDArray logits(NDArray q, NDArray kPos, NDArray queue, NDArray kNeg) {
        NDList parts = new NDList(q.mul(kPos).sum(new int[] {1}, true), q.matMul(queue.transpose()));
        if (kNeg != null) {
            parts.add(q.mul(kNeg).sum(new int[] {1}, true));
        }
        return NDArrays.concat(parts, 1).div(Scalars.like(q, temperature));
    }

    private void enqueue(NDArray k1, NDArray k2) {
        int n = (int) k1.getShape().get(0);
        long[] rows = new long[n];
        for (int i = 0; i < n; i++) {
            rows[i] = (pointer + i) % queueSize;
        }
        NDArray at = manager.create(rows).toDevice(queue1.getDevice(), false);
        int take = Math.min(n, queueSize);
        NDIndex index = new NDIndex("{}", at.get(":" + take));
        queue1.set(index, k1.get(":" + take));
        queue2.set(index, k2.get(":" + take));
        pointer = (pointer + take) % queueSize;
    }

    @Override
    public void afterOptimizerStep() {
        if (pendingKeys != null) {
            enqueue(pendingKeys[0], pendingKeys[1]);
            pendingKeys = null;
        }
        copyParameters(online, keyEncoder, momentum);
    }

    /** target = keep * target + (1 - keep) * source over all parameters, in the same order. */
    private static void copyParameters(Block source, Block target, float keep) {
        List<Pair<String, Parameter>> from = source.getParameters().stream().toList();
        List<Pair<String, Parameter>> to = target.getParameters().stream().toList();
        if (from.size() != to.size()) {
            throw new IllegalStateException("The key encoder has " + to.size() + " parameters, the encoder "
                    + from.size() + ": the encoder factory must build the same architecture every time.");
        }
        for (int i = 0; i < from.size(); i++) {
            NDArray s = from.get(i).getValue().getArray();
            NDArray t = to.get(i).getValue().getArray();
            if (keep == 0f) {
                InPlace.copy(s, t);
            } else {
                try (NDArray scaled = s.mul(1 - keep)) {
                    t.muli(keep).addi(scaled);
                }
            }
        }
    }

    /** The key encoder (tests, checkpoints). */
    public Block keyEncoder() {
        return keyEncoder;
    }

    @Override
    public Map<String, NpyArray> state() {
        Map<String, NpyArray> s = new LinkedHashMap<>();
        s.put("queue_1", HostArrays.of(queue1));
        s.put("queue_2", HostArrays.of(queue2));
        s.put("queue_pointer", new NpyArray(new long[] {1}, new float[] {pointer}));
        int i = 0;
        for (Pair<String, Parameter> p : keyEncoder.getParameters()) {
            s.put(
                    "key_encoder/" + (i++) + "/" + p.getKey(),
                    HostArrays.of(p.getValue().getArray()));
        }
        return s;
    }

    @Override
    public void loadState(Map<String, NpyArray> state) {
        HostArrays.copyInto(MemoryBankObjective.require(state, "queue_1"), queue1, "queue_1");
        HostArrays.copyInto(MemoryBankObjective.require(state, "queue_2"), queue2, "queue_2");
        pointer = (int) MemoryBankObjective.require(state, "queue_pointer").data()[0];
        int i = 0;
        for (Pair<String, Parameter> p : keyEncoder.getParameters()) {
            String name = "key_encoder/" + (i++) + "/" + p.getKey();
            HostArrays.copyInto(
                    MemoryBankObjective.require(state, name), p.getValue().getArray(), name);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
