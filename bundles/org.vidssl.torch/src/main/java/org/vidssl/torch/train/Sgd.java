package org.vidssl.torch.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vidssl.core.io.NpyArray;
import org.vidssl.torch.engine.GradMode;

/**
 * SGD with PyTorch's semantics ({@code torch.optim.SGD}, dampening 0, no Nesterov):
 * {@code d = g + wd * w; buf = d on the first step, else m * buf + d; w -= lr * buf}.
 * Parameters come in groups with their own learning rate (fine-tuning trains the backbone and the
 * classifier at different rates). Momentum buffers live in this optimiser's manager and can be saved
 * and restored for checkpoints.
 */
public final class Sgd implements AutoCloseable {

    /** A named group of parameters sharing a learning rate. */
    public static final class Group {
        private final String name;
        private final List<Parameter> parameters;
        private double learningRate;

        public Group(String name, List<Parameter> parameters, double learningRate) {
            this.name = name;
            this.parameters = List.copyOf(parameters);
            this.learningRate = learningRate;
        }

        public String name() {
            return name;
        }

        public List<Parameter> parameters() {
            return parameters;
        }

        public double learningRate() {
            return learningRate;
        }

        public void setLearningRate(double lr) {
            learningRate = lr;
        }
    }

    private final List<Group> groups;
    private final double momentum;
    private final double weightDecay;
    private final NDManager manager;
    /** Momentum buffer per parameter, keyed by "group/index/name". */
    private final Map<String, NDArray> buffers = new LinkedHashMap<>();

    public Sgd(NDManager parent, List<Group> groups, double momentum, double weightDecay) {
        this.groups = List.copyOf(groups);
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.manager = parent.newSubManager();
    }

    /** Only the parameters that are trained (BatchNorm running statistics are parameters without gradient). */
    public static List<Parameter> trainable(ai.djl.nn.Block block) {
        List<Parameter> list = new ArrayList<>();
        for (var p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                list.add(p.getValue());
            }
        }
        return list;
    }

    public List<Group> groups() {
        return groups;
    }

    /** Sets the learning rate of every group (single-group recipes). */
    public void setLearningRate(double lr) {
        groups.forEach(g -> g.setLearningRate(lr));
    }

    /** Sets every gradient to zero (PyTorch accumulates gradients across backward calls). */
    public void zeroGradients() {
        try (GradMode off = GradMode.disabled();
                NDScope scope = new NDScope()) {
            for (Group g : groups) {
                for (Parameter p : g.parameters()) {
                    NDArray w = p.getArray();
                    if (w.hasGradient()) {
                        NDArray grad = w.getGradient();
                        grad.subi(grad);
                    }
                }
            }
        }
    }

    /**
     * One update from the current gradients; call outside the gradient collector. Runs without autograd as
     * torch.optim's step does, on whichever thread calls it.
     */
    public void step() {
        try (GradMode off = GradMode.disabled();
                NDScope scope = new NDScope()) {
            for (Group g : groups) {
                for (int i = 0; i < g.parameters().size(); i++) {
                    Parameter p = g.parameters().get(i);
                    NDArray w = p.getArray();
                    if (!w.hasGradient()) {
                        continue;
                    }
                    NDArray d = w.getGradient().add(w.mul((float) weightDecay));
                    String key = key(g, i, p);
                    NDArray buf = buffers.get(key);
                    if (momentum != 0) {
                        if (buf == null) {
                            buf = d.duplicate();
                            NDScope.unregister(buf);
                            buf.attach(manager);
                            buffers.put(key, buf);
                        } else {
                            buf.muli((float) momentum).addi(d);
                        }
                        d = buf;
                    }
                    w.subi(d.mul((float) g.learningRate()));
                }
            }
        }
    }

    /**
     * Whether every gradient is finite. Checked before {@link #step()}: a finite loss can still have an infinite or
     * NaN gradient, and one step with it makes every weight NaN (and the next checkpoint worthless).
     */
    public boolean gradientsAreFinite() {
        try (NDScope scope = new NDScope()) {
            NDArray largest = null;
            for (Group g : groups) {
                for (Parameter p : g.parameters()) {
                    NDArray w = p.getArray();
                    if (w.hasGradient()) {
                        NDArray m = w.getGradient().abs().max();
                        largest = largest == null ? m : largest.maximum(m);
                    }
                }
            }
            // one read for all parameters; NaN and inf both fail isFinite
            return largest == null || Float.isFinite(largest.getFloat());
        }
    }

    private static String key(Group g, int index, Parameter p) {
        return g.name() + "/" + index + "/" + p.getName();
    }

    /** Momentum buffers, for checkpoints. */
    public Map<String, NpyArray> state() {
        Map<String, NpyArray> s = new LinkedHashMap<>();
        buffers.forEach((k, v) -> s.put(k, HostArrays.of(v)));
        return s;
    }

    /** Restores buffers saved by {@link #state()}; a parameter without an entry starts fresh, as in PyTorch. */
    public void loadState(Map<String, NpyArray> state) {
        buffers.values().forEach(NDArray::close);
        buffers.clear();
        for (Group g : groups) {
            for (int i = 0; i < g.parameters().size(); i++) {
                Parameter p = g.parameters().get(i);
                String key = key(g, i, p);
                NpyArray saved = state.get(key);
                if (saved != null) {
                    NDArray w = p.getArray();
                    NDArray buf = manager.create(saved.data(), w.getShape()).toDevice(w.getDevice(), false);
                    if (!java.util.Arrays.equals(saved.shape(), w.getShape().getShape())) {
                        throw new IllegalArgumentException("Momentum buffer '" + key + "' in the checkpoint has the"
                                + " wrong shape: the checkpoint belongs to another model.");
                    }
                    buffers.put(key, buf);
                }
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
