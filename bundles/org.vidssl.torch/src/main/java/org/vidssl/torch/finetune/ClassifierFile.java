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
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.vidssl.core.clip.View;
import org.vidssl.core.io.AtomicFiles;
import org.vidssl.core.io.NpyArray;
import org.vidssl.core.io.Npz;
import org.vidssl.torch.backbone.Architecture;
import org.vidssl.torch.backbone.VideoBackbone;
import org.vidssl.torch.model.InputSpec;
import org.vidssl.torch.model.StateDicts;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;

import ai.djl.Device;

/**
 * An action classifier as one zip file: {@code header.json} (format and version, architecture, width, class names, input
 * size, modality, fine-tuning settings, epochs, best epoch and its validation loss, provenance, creation time) and
 * {@code weights.npz} (the state_dict in the reference's PyTorch names, head {@code linear.*} included). Only data:
 * no Java or Python serialisation.
 */
public final class ClassifierFile {

    /** Version written by this code; readers accept this version only. */
    public static final int FORMAT_VERSION = 1;
    public static final String FORMAT_NAME = "vidssl-classifier";
    static final String HEADER_ENTRY = "header.json";
    static final String WEIGHTS_ENTRY = "weights.npz";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues().create();

    private ClassifierFile() {
    }

    /** Writes the classifier atomically (temporary file, then move). */
    public static void save(Path file, ActionClassifier classifier) throws IOException {
        byte[] header = headerJson(classifier.header()).getBytes(StandardCharsets.UTF_8);
        Map<String, NpyArray> weights = StateDicts.export(classifier.backbone());
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

    /** Reads only the header (fast: for port specs and dialogs). */
    public static ClassifierHeader readHeader(Path file) throws IOException {
        return parseHeader(readEntries(file, false).header(), file);
    }

    /** Loads a classifier onto a device; errors name the file. */
    public static ActionClassifier load(Path file, Device device) throws IOException {
        Entries entries = readEntries(file, true);
        ClassifierHeader header = parseHeader(entries.header(), file);
        if (entries.weights() == null) {
            throw new IOException(file + " has no " + WEIGHTS_ENTRY + " entry: the classifier file is incomplete.");
        }
        return ActionClassifier.fromStateDict(header, entries.weights(), file + "!" + WEIGHTS_ENTRY, device);
    }

    private record Entries(String header, Map<String, NpyArray> weights) {
    }

    private static Entries readEntries(Path file, boolean withWeights) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("Classifier file " + file + " does not exist or is not a file.");
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
                    weights = Npz.read(new ByteArrayInputStream(zip.readAllBytes()), file + "!" + WEIGHTS_ENTRY);
                }
            }
        } catch (ZipException e) {
            throw new IOException(file + " is not a valid classifier file (not a zip): " + e.getMessage(), e);
        }
        if (header == null) {
            throw new IOException(file + " is not a classifier file: it has no " + HEADER_ENTRY + " entry.");
        }
        return new Entries(header, weights);
    }

    static String headerJson(ClassifierHeader h) {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT_NAME);
        o.addProperty("formatVersion", FORMAT_VERSION);
        o.addProperty("architecture", h.architecture().id());
        o.addProperty("width", h.width());
        JsonArray classes = new JsonArray();
        h.classes().forEach(classes::add);
        o.add("classes", classes);
        JsonObject input = new JsonObject();
        input.addProperty("channels", 3);
        input.addProperty("frames", h.input().frames());
        input.addProperty("height", h.input().height());
        input.addProperty("width", h.input().width());
        o.add("input", input);
        o.addProperty("modality", h.modality().id());
        o.add("training", GSON.toJsonTree(h.training()));
        o.addProperty("epoch", h.epoch());
        o.addProperty("bestEpoch", h.bestEpoch());
        o.addProperty("bestValidationLoss", h.bestValidationLoss());
        o.add("provenance", GSON.toJsonTree(h.provenance()));
        o.addProperty("created", h.created());
        return GSON.toJson(o);
    }

    static ClassifierHeader parseHeader(String json, Path file) throws IOException {
        try {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            if (!o.has("format") || !FORMAT_NAME.equals(o.get("format").getAsString())) {
                throw new IOException(file + " is not a classifier file of this tool (format "
                        + (o.has("format") ? "'" + o.get("format").getAsString() + "'" : "missing")
                        + " in " + HEADER_ENTRY + "; an encoder file? Use the encoder readers for those).");
            }
            int version = o.get("formatVersion").getAsInt();
            if (version != FORMAT_VERSION) {
                throw new IOException(file + " has classifier format version " + version + "; this version of the tool"
                        + " reads version " + FORMAT_VERSION + (version > FORMAT_VERSION ? ": update the tool." : "."));
            }
            List<String> classes = new ArrayList<>();
            o.getAsJsonArray("classes").forEach(c -> classes.add(c.getAsString()));
            JsonObject input = o.getAsJsonObject("input");
            return new ClassifierHeader(Architecture.fromId(o.get("architecture").getAsString()), classes,
                    new InputSpec(input.get("frames").getAsInt(), input.get("height").getAsInt(),
                            input.get("width").getAsInt()),
                    View.parse(o.get("modality").getAsString()), stringMap(o.get("training")),
                    o.get("epoch").getAsInt(), o.get("bestEpoch").getAsInt(),
                    o.get("bestValidationLoss").getAsDouble(), stringMap(o.get("provenance")),
                    o.get("created").getAsString(),
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
