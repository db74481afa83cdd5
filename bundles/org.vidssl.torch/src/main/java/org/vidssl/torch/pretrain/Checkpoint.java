package org.vidssl.torch.pretrain;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.vidssl.core.io.ReadLimits;
import org.vidssl.core.pretrain.EpochRecord;
import org.vidssl.torch.train.HostArray;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.reflect.TypeToken;

/**
 * A pretraining checkpoint: one zip with {@code checkpoint.json} (format, epoch, settings, history, the
 * list of arrays with their shapes) and every array as raw little-endian float32 under {@code arrays/}.
 * Arrays are named {@code encoder/...}, {@code optimizer/...}, {@code objective/...}. Written to a temp
 * file and moved into place, so a crash never leaves a half-written checkpoint.
 */
public record Checkpoint(int epoch, String settings, List<EpochRecord> history, Map<String, HostArray> arrays) {

    public static final String FILE_NAME = "checkpoint.zip";
    private static final int FORMAT = 1;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .create();

    /** The checkpoint file inside a checkpoint folder. */
    public static Path file(Path folder) {
        return folder.resolve(FILE_NAME);
    }

    public void write(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path target = file(folder);
        Path temp = Files.createTempFile(folder, ".checkpoint-", ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp));
                    ZipOutputStream zip = new ZipOutputStream(out)) {
                JsonObject json = new JsonObject();
                json.addProperty("format", FORMAT);
                json.addProperty("epoch", epoch);
                json.addProperty("settings", settings);
                json.add("history", GSON.toJsonTree(history));
                Map<String, long[]> shapes = new LinkedHashMap<>();
                arrays.forEach((k, v) -> shapes.put(k, v.shape()));
                json.add("arrays", GSON.toJsonTree(shapes));
                zip.putNextEntry(new ZipEntry("checkpoint.json"));
                zip.write(GSON.toJson(json).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                int i = 0;
                for (Map.Entry<String, HostArray> e : arrays.entrySet()) {
                    zip.putNextEntry(new ZipEntry("arrays/" + (i++) + ".f32"));
                    float[] data = e.getValue().data();
                    ByteBuffer bytes = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                    bytes.asFloatBuffer().put(data);
                    zip.write(bytes.array());
                    zip.closeEntry();
                }
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public static Checkpoint read(Path file) throws IOException {
        JsonObject json = null;
        Map<String, byte[]> raw = new LinkedHashMap<>();
        ReadLimits.Budget budget = ReadLimits.Budget.ofZipFile(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
                ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                // bounded while inflating: a damaged entry cannot fill the memory
                byte[] bytes = e.getName().equals("checkpoint.json")
                        ? ReadLimits.readAtMost(zip, ReadLimits.MAX_JSON_BYTES, file + "!" + e.getName())
                        : budget.readRest(zip, file + "!" + e.getName());
                if (e.getName().equals("checkpoint.json")) {
                    json = GSON.fromJson(new String(bytes, StandardCharsets.UTF_8), JsonObject.class);
                } else {
                    raw.put(e.getName(), bytes);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException("Checkpoint " + file + " cannot be read (" + e.getMessage()
                    + "): delete it to start over.", e);
        }
        if (json == null || !json.has("format") || json.get("format").getAsInt() != FORMAT) {
            throw new IOException("Checkpoint " + file + " has no checkpoint.json of format " + FORMAT
                    + ": delete it to start over.");
        }
        Map<String, long[]> shapes = GSON.fromJson(json.get("arrays"), new TypeToken<LinkedHashMap<String, long[]>>() {
        }.getType());
        Map<String, HostArray> arrays = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            byte[] bytes = raw.get("arrays/" + (i++) + ".f32");
            if (bytes == null) {
                throw new IOException("Checkpoint " + file + " lacks the data of '" + e.getKey() + "'.");
            }
            float[] data = new float[bytes.length / 4];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
            arrays.put(e.getKey(), new HostArray(e.getValue(), data));
        }
        List<EpochRecord> history = GSON.fromJson(json.get("history"), new TypeToken<ArrayList<EpochRecord>>() {
        }.getType());
        return new Checkpoint(json.get("epoch").getAsInt(), json.get("settings").getAsString(), history, arrays);
    }

    /** The arrays whose names start with {@code prefix + "/"}, prefix removed. */
    public Map<String, HostArray> group(String prefix) {
        Map<String, HostArray> g = new LinkedHashMap<>();
        arrays.forEach((k, v) -> {
            if (k.startsWith(prefix + "/")) {
                g.put(k.substring(prefix.length() + 1), v);
            }
        });
        return g;
    }

}
