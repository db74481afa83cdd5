package org.vidssl.torch.finetune;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.vidssl.core.finetune.FinetuneEpoch;
import org.vidssl.core.io.AtomicFiles;
import org.vidssl.core.io.NpyArray;
import org.vidssl.core.io.Npy;
import org.vidssl.core.io.ReadLimits;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.reflect.TypeToken;

/**
 * A resumable fine-tuning checkpoint, one zip written atomically: {@code checkpoint.json} (format, epoch, the
 * settings that must match on resume, best epoch and loss, both plateau schedulers' state, history) and the
 * arrays as uncompressed {@code .npy} entries (weights barely compress, and a full R3D is 3 x 133 MB here):
 * {@code model/<name>.npy} (current weights), {@code best/<name>.npy} (the kept best weights) and
 * {@code optimizer/<name>.npy} (SGD momentum buffers).
 *
 * @param schedulers ReduceLROnPlateau state per parameter group, as {@code ReduceLrOnPlateau.state()} gives it
 */
public record FinetuneCheckpoint(int epoch, String settings, int bestEpoch, double bestValidationLoss,
        List<double[]> schedulers, List<FinetuneEpoch> history, Map<String, NpyArray> model,
        Map<String, NpyArray> best, Map<String, NpyArray> optimizer) {

    public static final String FILE_NAME = "finetune-checkpoint.zip";
    private static final String FORMAT = "vidssl-finetune-checkpoint";
    private static final int VERSION = 1;
    private static final String MODEL = "model";
    private static final String BEST = "best";
    private static final String OPTIMIZER = "optimizer";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .create();

    /** The checkpoint file inside a checkpoint folder. */
    public static Path file(Path folder) {
        return folder.resolve(FILE_NAME);
    }

    public void write(Path folder) throws IOException {
        JsonObject json = new JsonObject();
        json.addProperty("format", FORMAT);
        json.addProperty("formatVersion", VERSION);
        json.addProperty("epoch", epoch);
        json.addProperty("settings", settings);
        json.addProperty("bestEpoch", bestEpoch);
        json.addProperty("bestValidationLoss", bestValidationLoss);
        json.add("schedulers", GSON.toJsonTree(schedulers));
        json.add("history", GSON.toJsonTree(history));
        byte[] header = GSON.toJson(json).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file(folder), out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry("checkpoint.json"));
            zip.write(header);
            zip.closeEntry();
            zip.setLevel(Deflater.NO_COMPRESSION); // weights barely compress
            for (var group : Map.of(MODEL, model, BEST, best, OPTIMIZER, optimizer).entrySet()) {
                for (var e : group.getValue().entrySet()) {
                    zip.putNextEntry(new ZipEntry(group.getKey() + "/" + e.getKey() + ".npy"));
                    Npy.write(zip, e.getValue());
                    zip.closeEntry();
                }
            }
            zip.finish();
        });
    }

    public static FinetuneCheckpoint read(Path file) throws IOException {
        JsonObject json = null;
        Map<String, Map<String, NpyArray>> archives = new LinkedHashMap<>();
        ReadLimits.Budget budget = ReadLimits.Budget.ofZipFile(file);
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                // bounded while inflating: a damaged entry cannot fill the memory
                byte[] bytes = e.getName().equals("checkpoint.json")
                        ? ReadLimits.readAtMost(zip, ReadLimits.MAX_JSON_BYTES, file + "!" + e.getName())
                        : budget.readRest(zip, file + "!" + e.getName());
                if (e.getName().equals("checkpoint.json")) {
                    json = GSON.fromJson(new String(bytes, StandardCharsets.UTF_8), JsonObject.class);
                } else {
                    String name = e.getName();
                    int slash = name.indexOf('/');
                    if (slash < 0 || !name.endsWith(".npy")) {
                        throw new IOException("unexpected entry " + name);
                    }
                    archives.computeIfAbsent(name.substring(0, slash), k -> new LinkedHashMap<>()).put(
                            name.substring(slash + 1, name.length() - 4),
                            Npy.read(new ByteArrayInputStream(bytes), file + "!" + name));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException("Fine-tuning checkpoint " + file + " cannot be read (" + e.getMessage()
                    + "): delete it to start over.", e);
        }
        if (json == null || !json.has("format") || !FORMAT.equals(json.get("format").getAsString())
                || json.get("formatVersion").getAsInt() != VERSION) {
            throw new IOException("Fine-tuning checkpoint " + file + " is not of format " + FORMAT + " version "
                    + VERSION + ": delete it to start over.");
        }
        for (String name : List.of(MODEL, BEST)) {
            if (!archives.containsKey(name)) {
                throw new IOException("Fine-tuning checkpoint " + file + " lacks the " + name
                        + " weights: delete it to start over.");
            }
        }
        List<double[]> schedulers = GSON.fromJson(json.get("schedulers"), new TypeToken<ArrayList<double[]>>() {
        }.getType());
        List<FinetuneEpoch> history = GSON.fromJson(json.get("history"), new TypeToken<ArrayList<FinetuneEpoch>>() {
        }.getType());
        return new FinetuneCheckpoint(json.get("epoch").getAsInt(), json.get("settings").getAsString(),
                json.get("bestEpoch").getAsInt(), json.get("bestValidationLoss").getAsDouble(), schedulers, history,
                archives.get(MODEL), archives.get(BEST), archives.getOrDefault(OPTIMIZER, Map.of()));
    }
}
