package org.vidssl.torch.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.vidssl.core.io.AtomicFiles;
import org.vidssl.core.io.Npy;
import org.vidssl.core.io.NpyArray;
import org.vidssl.core.io.ReadLimits;

/**
 * The resumable checkpoint of a training run, one format for pretraining and fine-tuning: a zip written atomically
 * (through {@link AtomicFiles}: a killed run leaves the previous checkpoint, never a partial one) that holds
 * {@code checkpoint.json} (format, last finished epoch, the settings a resuming run must share, the history, the
 * trainer's exact numbers) and every array as an uncompressed {@code .npy} entry ({@code <group>/<name>.npy}; weights
 * barely compress). Reads are bounded by the file's size ({@link ReadLimits}), and every error names the file.
 *
 * @param <H>      the history record of one epoch
 * @param epoch    the last finished epoch
 * @param settings what a resuming run must share (see {@link #settingsKey})
 * @param history  one record per finished epoch
 * @param numbers  exact (double) state such as scheduler states or the best loss, by name
 * @param arrays   tensors by {@code group/name}: weights, optimiser buffers, objective state
 */
public record TrainingCheckpoint<H>(
        int epoch, String settings, List<H> history, Map<String, double[]> numbers, Map<String, NpyArray> arrays) {

    /** The format name in {@code checkpoint.json}; other vidssl versions wrote other formats (refused). */
    public static final String FORMAT = "vidssl-training-checkpoint";

    public static final int VERSION = 1;
    private static final String JSON_ENTRY = "checkpoint.json";
    private static final String NPY = ".npy";
    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .create();

    public TrainingCheckpoint {
        history = List.copyOf(history);
        numbers = Map.copyOf(numbers);
        arrays = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
    }

    /** The settings a resumed run may change (components of the settings records of both trainers). */
    public static final Set<String> RESUMABLE_SETTINGS =
            Set.of("epochs", "device", "threads", "checkpointDir", "checkpointInterval");

    /**
     * The settings a resuming run must share, one {@code name=value} line each: every component of the settings
     * record but the {@link #RESUMABLE_SETTINGS}, then {@code extra} (e.g. the classes) as {@code run=extra}. Record
     * components, not {@code toString}, so no hand-kept list can drift from the record.
     */
    public static String settingsKey(Record settings, String extra) {
        StringJoiner key = new StringJoiner("\n");
        for (RecordComponent c : settings.getClass().getRecordComponents()) {
            if (!RESUMABLE_SETTINGS.contains(c.getName())) {
                key.add(c.getName() + "=" + text(value(settings, c)));
            }
        }
        if (extra != null && !extra.isEmpty()) {
            key.add("run=" + extra);
        }
        return key.toString();
    }

    /** The settings that differ between two {@link #settingsKey}s, e.g. "learningRate 0.03 there, 0.01 now". */
    public static String differences(String there, String now) {
        Map<String, String> a = lines(there);
        Map<String, String> b = lines(now);
        Set<String> names = new java.util.LinkedHashSet<>(a.keySet());
        names.addAll(b.keySet());
        StringJoiner d = new StringJoiner("; ");
        for (String name : names) {
            if (!java.util.Objects.equals(a.get(name), b.get(name))) {
                d.add(name + " " + a.getOrDefault(name, "(none)") + " there, " + b.getOrDefault(name, "(none)")
                        + " now");
            }
        }
        return d.toString();
    }

    private static Map<String, String> lines(String key) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : key.split("\n")) {
            int eq = line.indexOf('=');
            m.put(eq < 0 ? line : line.substring(0, eq), eq < 0 ? "" : line.substring(eq + 1));
        }
        return m;
    }

    private static Object value(Record r, RecordComponent c) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read setting " + c.getName() + ": " + e.getMessage(), e);
        }
    }

    private static String text(Object v) {
        if (v != null && v.getClass().isArray()) {
            StringJoiner j = new StringJoiner(", ", "[", "]");
            for (int i = 0; i < Array.getLength(v); i++) {
                j.add(String.valueOf(Array.get(v, i)));
            }
            return j.toString();
        }
        return String.valueOf(v);
    }

    /** The arrays of one group ({@code group/name}), by name. */
    public Map<String, NpyArray> group(String group) {
        Map<String, NpyArray> g = new LinkedHashMap<>();
        arrays.forEach((k, v) -> {
            if (k.startsWith(group + "/")) {
                g.put(k.substring(group.length() + 1), v);
            }
        });
        return g;
    }

    /** A named number array; a missing one is an error naming the file. */
    public double[] number(String name, Path file) {
        double[] v = numbers.get(name);
        if (v == null) {
            throw new IllegalArgumentException("Checkpoint " + file + " lacks '" + name
                    + "': it was written by another trainer; delete it to start the run again.");
        }
        return v.clone();
    }

    /** Writes the checkpoint to {@code file} atomically: the file holds either the previous or this checkpoint. */
    public void write(Path file) throws IOException {
        JsonObject json = new JsonObject();
        json.addProperty("format", FORMAT);
        json.addProperty("formatVersion", VERSION);
        json.addProperty("epoch", epoch);
        json.addProperty("settings", settings);
        json.add("history", GSON.toJsonTree(history));
        json.add("numbers", GSON.toJsonTree(numbers));
        json.add("arrays", GSON.toJsonTree(List.copyOf(arrays.keySet())));
        byte[] header = GSON.toJson(json).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry(JSON_ENTRY));
            zip.write(header);
            zip.closeEntry();
            zip.setLevel(Deflater.NO_COMPRESSION); // weights barely compress
            int i = 0;
            for (NpyArray a : arrays.values()) {
                zip.putNextEntry(new ZipEntry("arrays/" + (i++) + NPY));
                Npy.write(zip, a);
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /**
     * Reads a checkpoint.
     *
     * @param recordType the history record of the trainer that reads it
     * @throws IOException naming the file and what to do, for a damaged file, a file of an earlier format or one
     *                     that is no checkpoint
     */
    public static <H> TrainingCheckpoint<H> read(Path file, Class<H> recordType) throws IOException {
        JsonObject json = null;
        List<NpyArray> data = new ArrayList<>();
        ReadLimits.Budget budget = ReadLimits.Budget.ofZipFile(file);
        try (InputStream in = Files.newInputStream(file);
                ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String entry = file + "!" + e.getName();
                if (e.getName().equals(JSON_ENTRY)) {
                    // bounded while inflating: a damaged entry cannot fill the memory
                    byte[] bytes = ReadLimits.readAtMost(zip, ReadLimits.MAX_JSON_BYTES, entry);
                    json = GSON.fromJson(new String(bytes, StandardCharsets.UTF_8), JsonObject.class);
                    refuseOtherFormats(file, json);
                } else if (e.getName().equals("arrays/" + data.size() + NPY)) {
                    data.add(Npy.read(zip, entry, budget));
                } else {
                    throw new IOException("unexpected entry " + e.getName());
                }
            }
        } catch (java.io.EOFException e) {
            throw new IOException(
                    "Checkpoint " + file + " is truncated: it ends before its data is complete (copied"
                            + " in part, or the disk filled up); delete it to start the run again.",
                    e);
        } catch (IOException | RuntimeException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Checkpoint " + file)) {
                throw e;
            }
            throw new IOException(
                    "Checkpoint " + file + " cannot be read (" + e.getMessage()
                            + "): delete it to start the run again.",
                    e);
        }
        if (json == null) {
            throw new IOException("Checkpoint " + file + " has no " + JSON_ENTRY + ": it is no vidssl checkpoint;"
                    + " delete it to start the run again.");
        }
        try {
            List<String> names = GSON.fromJson(json.get("arrays"), new TypeToken<List<String>>() {}.getType());
            if (names.size() != data.size()) {
                throw new IOException("Checkpoint " + file + " lists " + names.size() + " arrays but holds "
                        + data.size() + ": it is damaged; delete it to start the run again.");
            }
            Map<String, NpyArray> arrays = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                arrays.put(names.get(i), data.get(i));
            }
            List<H> history = GSON.fromJson(
                    json.get("history"),
                    TypeToken.getParameterized(List.class, recordType).getType());
            Map<String, double[]> numbers =
                    GSON.fromJson(json.get("numbers"), new TypeToken<Map<String, double[]>>() {}.getType());
            return new TrainingCheckpoint<>(
                    json.get("epoch").getAsInt(), json.get("settings").getAsString(), history, numbers, arrays);
        } catch (JsonParseException | NullPointerException | IllegalStateException | UnsupportedOperationException e) {
            throw new IOException(
                    "Checkpoint " + file + " has a damaged " + JSON_ENTRY + " (" + e.getMessage()
                            + "): delete it to start the run again.",
                    e);
        }
    }

    /** Checkpoints of other vidssl versions (other formats) are refused with what to do, not misread. */
    private static void refuseOtherFormats(Path file, JsonObject json) throws IOException {
        JsonElement format = json == null ? null : json.get("format");
        JsonElement version = json == null ? null : json.get("formatVersion");
        if (format != null
                && format.isJsonPrimitive()
                && FORMAT.equals(format.getAsString())
                && version != null
                && version.isJsonPrimitive()
                && version.getAsInt() == VERSION) {
            return;
        }
        throw new IOException("Checkpoint " + file + " was written by another vidssl version (format "
                + (format == null ? "unknown" : format) + (version == null ? "" : " version " + version)
                + "), which this version does not resume: delete it to start the run again.");
    }
}
