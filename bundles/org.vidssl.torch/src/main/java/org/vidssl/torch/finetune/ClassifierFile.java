package org.vidssl.torch.finetune;

import ai.djl.Device;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vidssl.core.clip.View;
import org.vidssl.core.settings.Backbone;
import org.vidssl.torch.backbone.VideoBackbone;
import org.vidssl.torch.model.InputSpec;
import org.vidssl.torch.model.ModelArchive;
import org.vidssl.torch.model.StateDicts;

/**
 * An action classifier as one zip file: {@code header.json} (format and version, architecture, width, class names,
 * input
 * size, modality, fine-tuning settings, epochs, best epoch and its validation loss, provenance, creation time) and
 * {@code weights.npz} (the state_dict in the reference's PyTorch names, head {@code linear.*} included). Only data:
 * no Java or Python serialisation.
 * <p>
 * Versions: 1 recorded the clip length and crop; 2 adds the resize the frames were scaled to before cropping.
 * Version 1 files still load, with the resize the tool always used for them (the paper's, see {@link InputSpec}).
 */
public final class ClassifierFile {

    /** Version written by this code; readers accept it and every older one down to {@link #OLDEST_VERSION}. */
    public static final int FORMAT_VERSION = 2;
    /** Oldest version this code reads. */
    public static final int OLDEST_VERSION = 1;

    public static final String FORMAT_NAME = "vidssl-classifier";
    static final String HEADER_ENTRY = ModelArchive.HEADER_ENTRY;
    static final String WEIGHTS_ENTRY = ModelArchive.WEIGHTS_ENTRY;

    private static final ModelArchive ARCHIVE = new ModelArchive("classifier", "a classifier");

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .disableHtmlEscaping()
            .serializeSpecialFloatingPointValues()
            .create();

    private ClassifierFile() {}

    /** Writes the classifier atomically (temporary file, then move). */
    public static void save(Path file, ActionClassifier classifier) throws IOException {
        ARCHIVE.write(file, headerJson(classifier.header()), StateDicts.export(classifier.backbone()));
    }

    /** Reads only the header (fast: for port specs and dialogs). */
    public static ClassifierHeader readHeader(Path file) throws IOException {
        return ARCHIVE.readHeader(file, ClassifierFile::parseHeader);
    }

    /** Loads a classifier onto a device; errors name the file. */
    public static ActionClassifier load(Path file, Device device) throws IOException {
        ModelArchive.Contents<ClassifierHeader> contents = ARCHIVE.readAll(file, ClassifierFile::parseHeader);
        return ActionClassifier.fromStateDict(
                contents.header(), contents.weights(), ModelArchive.weightsSource(file), device);
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
        o.add("input", ModelArchive.inputJson(h.input()));
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
        return ModelArchive.parseHeader(json, file, o -> {
            if (!o.has("format") || !FORMAT_NAME.equals(ModelArchive.stringMember(o, "format"))) {
                throw new IOException(file + " is not a classifier file of this tool (format "
                        + (o.has("format") ? "'" + ModelArchive.stringMember(o, "format") + "'" : "missing")
                        + " in " + HEADER_ENTRY + "; an encoder file? Use the encoder readers for those).");
            }
            int version = ARCHIVE.checkVersion(
                    file, ModelArchive.intMember(o, "formatVersion"), OLDEST_VERSION, FORMAT_VERSION);
            List<String> classes = new ArrayList<>();
            if (!o.has("classes") || !o.get("classes").isJsonArray()) {
                throw new IllegalArgumentException("'classes' is " + o.get("classes") + ", not a list of class names");
            }
            o.getAsJsonArray("classes").forEach(c -> {
                if (!c.isJsonPrimitive() || !c.getAsJsonPrimitive().isString()) {
                    throw new IllegalArgumentException("'classes' holds " + c + ", not a class name");
                }
                classes.add(c.getAsString());
            });
            return new ClassifierHeader(
                    Backbone.parse(ModelArchive.stringMember(o, "architecture")),
                    classes,
                    ModelArchive.parseInput(ModelArchive.objectMember(o, "input"), version >= 2),
                    View.parse(ModelArchive.stringMember(o, "modality")),
                    ModelArchive.stringMap(o.get("training")),
                    ModelArchive.intMember(o, "epoch"),
                    ModelArchive.intMember(o, "bestEpoch"),
                    ModelArchive.doubleMember(o, "bestValidationLoss"),
                    ModelArchive.stringMap(o.get("provenance")),
                    ModelArchive.stringMember(o, "created"),
                    o.has("width") ? ModelArchive.intMember(o, "width") : VideoBackbone.PAPER_WIDTH);
        });
    }
}
