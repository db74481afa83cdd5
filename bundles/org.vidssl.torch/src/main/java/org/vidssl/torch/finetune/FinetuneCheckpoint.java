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
import org.vidssl.core.io.Npz;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.reflect.TypeToken;

/**
 * A resumable fine-tuning checkpoint, one zip written atomically: {@code checkpoint.json} (format, epoch, the
 * settings that must match on resume, best epoch and loss, both plateau schedulers' state, history) and three
 * numpy archives: {@code model.npz} (current weights), {@code best.npz} (the kept best weights) and
 * {@code optimizer.npz} (SGD momentum buffers).
 *
 * @param schedulers ReduceLROnPlateau state per parameter group, as {@code ReduceLrOnPlateau.state()} gives it
 */
public record FinetuneCheckpoint(int epoch, String settings, int bestEpoch, double bestValidationLoss,
        List<double[]> schedulers, List<FinetuneEpoch> history, Map<String, NpyArray> model,
        Map<String, NpyArray> best, Map<String, NpyArray> optimizer) {

    public static final String FILE_NAME = "finetune-checkpoint.zip";
    private static final String FORMAT = "vidssl-finetune-checkpoint";
    private static final int VERSION = 1;
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
            zip.setLevel(Deflater.NO_COMPRESSION);
            for (var e : Map.of("model.npz", model, "best.npz", best, "optimizer.npz", optimizer).entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                Npz.write(zip, e.getValue());
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    public static FinetuneCheckpoint read(Path file) throws IOException {
        JsonObject json = null;
        Map<String, Map<String, NpyArray>> archives = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                byte[] bytes = zip.readAllBytes();
                if (e.getName().equals("checkpoint.json")) {
                    json = GSON.fromJson(new String(bytes, StandardCharsets.UTF_8), JsonObject.class);
                } else {
                    archives.put(e.getName(), Npz.read(new ByteArrayInputStream(bytes), file + "!" + e.getName()));
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
        for (String name : List.of("model.npz", "best.npz", "optimizer.npz")) {
            if (!archives.containsKey(name)) {
                throw new IOException("Fine-tuning checkpoint " + file + " lacks " + name + ": delete it to start over.");
            }
        }
        List<double[]> schedulers = GSON.fromJson(json.get("schedulers"), new TypeToken<ArrayList<double[]>>() {
        }.getType());
        List<FinetuneEpoch> history = GSON.fromJson(json.get("history"), new TypeToken<ArrayList<FinetuneEpoch>>() {
        }.getType());
        return new FinetuneCheckpoint(json.get("epoch").getAsInt(), json.get("settings").getAsString(),
                json.get("bestEpoch").getAsInt(), json.get("bestValidationLoss").getAsDouble(), schedulers, history,
                archives.get("model.npz"), archives.get("best.npz"), archives.get("optimizer.npz"));
    }
}
