package org.vidssl.torch.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vidssl.core.io.NpyArray;
import org.vidssl.core.io.Npz;
import org.vidssl.core.settings.Backbone;
import org.vidssl.core.settings.Choices;
import org.vidssl.torch.backbone.VideoBackbone;
import org.vidssl.torch.engine.InPlace;

/**
 * Moves weights between a backbone and a PyTorch state_dict in numpy form (name -> array, as
 * {@code numpy.savez(path, **{k: v.numpy() for k, v in state_dict.items()})} writes it; see tools/pth_to_npz.py).
 */
public final class StateDicts {

    /** Key prefix of the classifier head in the reference models. */
    public static final String HEAD_PREFIX = "linear.";

    private static final String BATCH_COUNTER_SUFFIX = "num_batches_tracked";

    private StateDicts() {}

    /** Every parameter and running statistic of an initialized backbone, by reference name, in state_dict order. */
    public static Map<String, NpyArray> export(VideoBackbone backbone) {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : backbone.torchParameters().entrySet()) {
            NDArray a = array(e.getValue(), e.getKey());
            out.put(
                    e.getKey(),
                    new NpyArray(
                            a.getShape().getShape(),
                            a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                                    .toFloatArray()));
        }
        return out;
    }

    /** Writes {@link #export} to an .npz file (atomically). */
    public static void exportNpz(VideoBackbone backbone, Path file) throws IOException {
        Npz.write(file, export(backbone));
    }

    /** Loads every key of an .npz into the backbone, head included; see {@link #load}. */
    public static void loadNpz(VideoBackbone backbone, Path file) throws IOException {
        load(backbone, Npz.read(file), file.toString(), true);
    }

    /**
     * Copies a state_dict into an initialized backbone. {@code num_batches_tracked} entries are accepted and
     * ignored. Nothing is copied unless every key fits.
     *
     * @param source      named in error messages (the file)
     * @param includeHead when false, {@code linear.*} keys are ignored on both sides (backbone weights into a
     *                    model that gets a fresh head, or a classifier checkpoint into a plain backbone)
     * @throws StateDictException listing all missing, unexpected and mis-shaped keys
     */
    public static void load(VideoBackbone backbone, Map<String, NpyArray> stateDict, String source, boolean includeHead)
            throws StateDictException {
        Map<String, Parameter> params = backbone.torchParameters();
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> misShaped = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            String key = e.getKey();
            if (!includeHead && key.startsWith(HEAD_PREFIX)) {
                continue;
            }
            NpyArray value = stateDict.get(key);
            if (value == null) {
                missing.add(key);
                continue;
            }
            Shape expected = array(e.getValue(), key).getShape();
            if (!Arrays.equals(expected.getShape(), value.shape())) {
                misShaped.add(key + ": file " + Arrays.toString(value.shape()) + " vs model "
                        + Arrays.toString(expected.getShape()));
            }
        }
        for (String key : stateDict.keySet()) {
            boolean ignored = key.endsWith(BATCH_COUNTER_SUFFIX) || (!includeHead && key.startsWith(HEAD_PREFIX));
            if (!ignored && !params.containsKey(key)) {
                unexpected.add(key);
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !misShaped.isEmpty()) {
            StringBuilder m = new StringBuilder("The weights in " + source + " do not fit the "
                    + backbone.architecture() + " backbone"
                    + (backbone.numClasses() > 0 ? " with a " + backbone.numClasses() + "-class head" : "") + ".");
            appendList(m, "missing", missing);
            appendList(m, "unexpected", unexpected);
            appendList(m, "mis-shaped", misShaped);
            m.append(" Check the backbone (" + Choices.idText(Backbone.class)
                    + ") and that the file is a state_dict saved with tools/pth_to_npz.py.");
            throw new StateDictException(m.toString(), missing, unexpected, misShaped);
        }
        List<String> nonFinite = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NpyArray value = stateDict.get(e.getKey());
            if (value != null && (includeHead || !e.getKey().startsWith(HEAD_PREFIX)) && !allFinite(value.data())) {
                nonFinite.add(e.getKey());
            }
        }
        if (!nonFinite.isEmpty()) {
            // such weights turn every output into NaN: stop here instead of writing NaN results
            StringBuilder m = new StringBuilder("The weights in " + source + " hold NaN or infinite values.");
            appendList(m, "tensors", nonFinite);
            m.append(" The model was saved after training diverged, or the file is damaged: use an earlier checkpoint"
                    + " or train again (e.g. with a lower learning rate).");
            throw new StateDictException(m.toString(), List.of(), List.of(), List.of());
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NpyArray value = stateDict.get(e.getKey());
            if (value != null && (includeHead || !e.getKey().startsWith(HEAD_PREFIX))) {
                copyInto(array(e.getValue(), e.getKey()), value.data());
            }
        }
    }

    /** Copies values into a parameter in place (see {@link InPlace}). */
    private static void copyInto(NDArray target, float[] values) {
        try (NDManager scope = target.getManager().newSubManager()) {
            InPlace.copy(scope.create(values, target.getShape()), target);
        }
    }

    private static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static void appendList(StringBuilder m, String what, List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        int shown = Math.min(keys.size(), 20);
        m.append(' ')
                .append(keys.size())
                .append(' ')
                .append(what)
                .append(": ")
                .append(String.join(", ", keys.subList(0, shown)));
        if (shown < keys.size()) {
            m.append(", ... (").append(keys.size() - shown).append(" more)");
        }
        m.append('.');
    }

    private static NDArray array(Parameter p, String key) {
        if (!p.isInitialized()) {
            throw new IllegalStateException("Parameter " + key + " is not initialized: initialize the backbone first.");
        }
        return p.getArray();
    }
}
