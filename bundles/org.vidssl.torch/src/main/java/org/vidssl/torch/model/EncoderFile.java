package org.vidssl.torch.model;

import ai.djl.Device;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import org.vidssl.core.settings.Backbone;
import org.vidssl.torch.backbone.VideoBackbone;

/**
 * An encoder as one zip file: {@code header.json} (format version, architecture, input geometry, modality,
 * training settings, epoch, provenance, creation time) and {@code weights.npz} (the state_dict in PyTorch
 * names). Only data: no Java or Python serialisation, nothing executable.
 * <p>
 * Versions: 1 recorded the clip length and crop; 2 adds the resize the frames were scaled to before cropping.
 * Version 1 files still load, with the resize the tool always used for them (the paper's, see {@link InputSpec}).
 */
public final class EncoderFile {

    /** Version written by this code; readers accept it and every older one down to {@link #OLDEST_VERSION}. */
    public static final int FORMAT_VERSION = 2;
    /** Oldest version this code reads. */
    public static final int OLDEST_VERSION = 1;

    public static final String FORMAT_NAME = "vidssl-encoder";
    static final String HEADER_ENTRY = ModelArchive.HEADER_ENTRY;
    static final String WEIGHTS_ENTRY = ModelArchive.WEIGHTS_ENTRY;

    private static final ModelArchive ARCHIVE = new ModelArchive("encoder", "an encoder");

    private static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private EncoderFile() {}

    /** Writes the encoder atomically (temporary file, then move). */
    public static void save(Path file, VideoEncoder encoder) throws IOException {
        ARCHIVE.write(file, headerJson(encoder.header()), StateDicts.export(encoder.backbone()));
    }

    /** Reads only the header (fast: for specs and dialogs). */
    public static EncoderHeader readHeader(Path file) throws IOException {
        return ARCHIVE.readHeader(file, EncoderFile::parseHeader);
    }

    /** Loads an encoder onto a device; errors name the file. */
    public static VideoEncoder load(Path file, Device device) throws IOException {
        ModelArchive.Contents<EncoderHeader> contents = ARCHIVE.readAll(file, EncoderFile::parseHeader);
        return VideoEncoder.fromStateDict(
                contents.header(), contents.weights(), ModelArchive.weightsSource(file), device);
    }

    static String headerJson(EncoderHeader h) {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT_NAME);
        o.addProperty("formatVersion", FORMAT_VERSION);
        o.addProperty("architecture", h.architecture().id());
        o.addProperty("numClasses", h.numClasses());
        o.addProperty("width", h.width());
        o.add("input", ModelArchive.inputJson(h.input()));
        o.addProperty("modality", h.modality());
        o.add("training", GSON.toJsonTree(h.training()));
        o.addProperty("epoch", h.epoch());
        o.add("provenance", GSON.toJsonTree(h.provenance()));
        o.addProperty("created", h.created());
        return GSON.toJson(o);
    }

    static EncoderHeader parseHeader(String json, Path file) throws IOException {
        return ModelArchive.parseHeader(json, file, o -> {
            if (!o.has("formatVersion")) {
                throw new IOException(
                        file + " has no format version in " + HEADER_ENTRY + ": not an encoder file of this tool.");
            }
            int version = ARCHIVE.checkVersion(
                    file, ModelArchive.intMember(o, "formatVersion"), OLDEST_VERSION, FORMAT_VERSION);
            Backbone architecture = Backbone.parse(ModelArchive.stringMember(o, "architecture"));
            return new EncoderHeader(
                    architecture,
                    ModelArchive.intMember(o, "numClasses"),
                    ModelArchive.parseInput(ModelArchive.objectMember(o, "input"), version >= 2),
                    ModelArchive.stringMember(o, "modality"),
                    ModelArchive.stringMap(o.get("training")),
                    ModelArchive.intMember(o, "epoch"),
                    ModelArchive.stringMap(o.get("provenance")),
                    ModelArchive.stringMember(o, "created"),
                    // files written before the width option are the paper's width
                    o.has("width") ? ModelArchive.intMember(o, "width") : VideoBackbone.PAPER_WIDTH);
        });
    }
}
