package org.vidssl.torch.model;

import ai.djl.Device;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.vidssl.core.io.AtomicFiles;
import org.vidssl.core.io.NpyArray;
import org.vidssl.core.io.Npz;
import org.vidssl.torch.backbone.Architecture;
import org.vidssl.torch.backbone.VideoBackbone;

/**
 * An encoder as one zip file: {@code header.json} (format version, architecture, input size, modality,
 * training settings, epoch, provenance, creation time) and {@code weights.npz} (the state_dict in PyTorch
 * names). Only data: no Java or Python serialisation, nothing executable.
 */
public final class EncoderFile {

    /** Version written by this code; readers accept this version only. */
    public static final int FORMAT_VERSION = 1;
    public static final String FORMAT_NAME = "vidssl-encoder";
    static final String HEADER_ENTRY = "header.json";
    static final String WEIGHTS_ENTRY = "weights.npz";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private EncoderFile() {
    }

    /** Writes the encoder atomically (temporary file, then move). */
    public static void save(Path file, VideoEncoder encoder) throws IOException {
        byte[] header = headerJson(encoder.header()).getBytes(StandardCharsets.UTF_8);
        Map<String, NpyArray> weights = StateDicts.export(encoder.backbone());
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry(HEADER_ENTRY));
            zip.write(header);
            zip.closeEntry();
            zip.setLevel(Deflater.NO_COMPRESSION); // the npz inside is compressed already
            zip.putNextEntry(new ZipEntry(WEIGHTS_ENTRY));
            Npz.write(zip, weights);
            zip.closeEntry();
            zip.finish();
        });
    }

    /** Reads only the header (fast: for specs and dialogs). */
    public static EncoderHeader readHeader(Path file) throws IOException {
        return parseHeader(readEntries(file, false).header(), file);
    }

    /** Loads an encoder onto a device; errors name the file. */
    public static VideoEncoder load(Path file, Device device) throws IOException {
        Entries entries = readEntries(file, true);
        EncoderHeader header = parseHeader(entries.header(), file);
        if (entries.weights() == null) {
            throw new IOException(file + " has no " + WEIGHTS_ENTRY + " entry: the encoder file is incomplete.");
        }
        Map<String, NpyArray> weights = entries.weights();
        return VideoEncoder.fromStateDict(header, weights, file + "!" + WEIGHTS_ENTRY, device);
    }

    private record Entries(String header, Map<String, NpyArray> weights) {
    }

    private static Entries readEntries(Path file, boolean withWeights) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("Encoder file " + file + " does not exist or is not a file.");
        }
        String header = null;
        Map<String, NpyArray> weights = null;
        try (InputStream raw = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(raw)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.getName().equals(HEADER_ENTRY)) {
                    header = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                    if (!withWeights) {
                        break;
                    }
                } else if (withWeights && entry.getName().equals(WEIGHTS_ENTRY)) {
                    weights = readNpz(zip.readAllBytes(), file);
                }
            }
        } catch (ZipException e) {
            throw new IOException(file + " is not a valid encoder file (not a zip): " + e.getMessage(), e);
        }
        if (header == null) {
            throw new IOException(file + " is not an encoder file: it has no " + HEADER_ENTRY + " entry.");
        }
        return new Entries(header, weights);
    }

    private static Map<String, NpyArray> readNpz(byte[] bytes, Path file) throws IOException {
        return Npz.read(new ByteArrayInputStream(bytes), file + "!" + WEIGHTS_ENTRY);
    }

    static String headerJson(EncoderHeader h) {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT_NAME);
        o.addProperty("formatVersion", FORMAT_VERSION);
        o.addProperty("architecture", h.architecture().id());
        o.addProperty("numClasses", h.numClasses());
        o.addProperty("width", h.width());
        JsonObject input = new JsonObject();
        input.addProperty("channels", 3);
        input.addProperty("frames", h.input().frames());
        input.addProperty("height", h.input().height());
        input.addProperty("width", h.input().width());
        o.add("input", input);
        o.addProperty("modality", h.modality());
        o.add("training", GSON.toJsonTree(h.training()));
        o.addProperty("epoch", h.epoch());
        o.add("provenance", GSON.toJsonTree(h.provenance()));
        o.addProperty("created", h.created());
        return GSON.toJson(o);
    }

    static EncoderHeader parseHeader(String json, Path file) throws IOException {
        try {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            if (!o.has("formatVersion")) {
                throw new IOException(file + " has no format version in " + HEADER_ENTRY + ": not an encoder file of this tool.");
            }
            int version = o.get("formatVersion").getAsInt();
            if (version != FORMAT_VERSION) {
                throw new IOException(file + " has encoder format version " + version + "; this version of the tool reads version "
                        + FORMAT_VERSION + (version > FORMAT_VERSION ? ": update the tool." : "."));
            }
            JsonObject input = o.getAsJsonObject("input");
            Architecture architecture = Architecture.fromId(o.get("architecture").getAsString());
            return new EncoderHeader(architecture, o.get("numClasses").getAsInt(),
                    new InputSpec(input.get("frames").getAsInt(), input.get("height").getAsInt(), input.get("width").getAsInt()),
                    o.get("modality").getAsString(), stringMap(o.get("training")), o.get("epoch").getAsInt(),
                    stringMap(o.get("provenance")), o.get("created").getAsString(),
                    // files written before the width option are the paper's width
                    o.has("width") ? o.get("width").getAsInt() : VideoBackbone.PAPER_WIDTH);
        } catch (JsonParseException | IllegalStateException | NullPointerException | ClassCastException
                | UnsupportedOperationException | IllegalArgumentException e) {
            throw new IOException(file + " has an invalid " + HEADER_ENTRY + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> stringMap(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return Map.of();
        }
        Map<String, String> m = GSON.fromJson(e, new TypeToken<LinkedHashMap<String, String>>() { }.getType());
        return m == null ? Map.of() : m;
    }
}
