package org.vidssl.torch.model;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import java.io.EOFException;
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
import org.vidssl.core.io.ReadLimits;

/**
 * The container shared by model files ({@link EncoderFile}, the fine-tuning classifier file): one zip with a
 * {@code header.json} entry and a {@code weights.npz} entry (a state_dict in PyTorch names), written atomically.
 * What the header holds is the caller's business; this class reads and writes the container, checks the format
 * version and turns bad input into messages that name the file and the kind of model ("encoder", "classifier").
 */
public final class ModelArchive {

    public static final String HEADER_ENTRY = "header.json";
    public static final String WEIGHTS_ENTRY = "weights.npz";

    private static final Gson GSON = new Gson();

    /** Parses a header object; may throw an IOException naming the file for content it rejects. */
    @FunctionalInterface
    public interface HeaderParser<H> {
        H parse(JsonObject header) throws IOException;
    }

    /** Turns header text into the caller's header type; errors name the file. */
    @FunctionalInterface
    public interface HeaderReader<H> {
        H read(String json, Path file) throws IOException;
    }

    /** A model file's parsed header and its state_dict. */
    public record Contents<H>(H header, Map<String, NpyArray> weights) {}

    private record Entries(String header, Map<String, NpyArray> weights) {}

    private final String kind;
    private final String aKind;

    /**
     * @param kind  the model kind in messages, lower case ("encoder")
     * @param aKind the same with its article ("an encoder")
     */
    public ModelArchive(String kind, String aKind) {
        this.kind = kind;
        this.aKind = aKind;
    }

    /** Writes the header and weights atomically (temporary file, then move). */
    public void write(Path file, String headerJson, Map<String, NpyArray> weights) throws IOException {
        byte[] header = headerJson.getBytes(StandardCharsets.UTF_8);
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

    /** Reads only the header (stops before the weights: fast, for specs and dialogs). */
    public <H> H readHeader(Path file, HeaderReader<H> reader) throws IOException {
        return reader.read(read(file, false).header(), file);
    }

    /** Reads header and weights; the header is checked first, then a file without weights is an error. */
    public <H> Contents<H> readAll(Path file, HeaderReader<H> reader) throws IOException {
        Entries entries = read(file, true);
        H header = reader.read(entries.header(), file);
        if (entries.weights() == null) {
            throw new IOException(file + " has no " + WEIGHTS_ENTRY + " entry: the " + kind + " file is incomplete.");
        }
        return new Contents<>(header, entries.weights());
    }

    /** How weights read from {@code file} are named in state_dict errors. */
    public static String weightsSource(Path file) {
        return file + "!" + WEIGHTS_ENTRY;
    }

    private Entries read(Path file, boolean withWeights) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " file " + file
                    + " does not exist or is not a file.");
        }
        String header = null;
        Map<String, NpyArray> weights = null;
        // the file's size bounds the weights (see ReadLimits); entries are read as they inflate, never whole
        ReadLimits.Budget budget = ReadLimits.Budget.ofZipFile(file);
        String entryName = null;
        try (InputStream raw = Files.newInputStream(file);
                ZipInputStream zip = new ZipInputStream(raw)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                entryName = entry.getName();
                if (entryName.equals(HEADER_ENTRY)) {
                    byte[] json = ReadLimits.readAtMost(zip, ReadLimits.MAX_JSON_BYTES, file + "!" + HEADER_ENTRY);
                    header = new String(json, StandardCharsets.UTF_8);
                    if (!withWeights) {
                        break;
                    }
                } else if (entryName.equals(WEIGHTS_ENTRY)) {
                    if (!withWeights) {
                        continue;
                    }
                    weights = Npz.read(zip, weightsSource(file), budget);
                } else {
                    throw new IOException(file + " holds an unknown entry '" + entryName + "': " + aKind
                            + " file holds only " + HEADER_ENTRY + " and " + WEIGHTS_ENTRY
                            + "; write it again with this tool.");
                }
            }
        } catch (EOFException e) {
            throw ReadLimits.truncated(entryName == null ? file.toString() : file + "!" + entryName, e);
        } catch (ZipException e) {
            throw new IOException(
                    file + " is not a valid " + kind + " file (" + e.getMessage() + "): write it again with this tool.",
                    e);
        }
        if (header == null) {
            throw new IOException(file + " is not " + aKind + " file: it has no " + HEADER_ENTRY + " entry.");
        }
        return new Entries(header, weights);
    }

    /**
     * Parses header text with {@code parser}; malformed JSON, missing or mistyped members become an IOException
     * naming the file and the member (read members with {@link #intMember} and its siblings).
     */
    public static <H> H parseHeader(String json, Path file, HeaderParser<H> parser) throws IOException {
        JsonObject object;
        try {
            JsonElement root = JsonParser.parseString(json);
            if (!root.isJsonObject()) {
                throw new IllegalArgumentException("it is not a JSON object");
            }
            object = root.getAsJsonObject();
        } catch (JsonParseException | IllegalArgumentException e) {
            throw invalidHeader(file, "it is not valid JSON (" + rootCause(e) + ")", e);
        }
        try {
            return parser.parse(object);
        } catch (IllegalStateException
                | ClassCastException
                | UnsupportedOperationException
                | IllegalArgumentException e) {
            throw invalidHeader(file, e.getMessage(), e);
        } catch (NullPointerException e) {
            throw invalidHeader(file, "a member is missing", e);
        }
    }

    private static IOException invalidHeader(Path file, String reason, Exception cause) {
        return new IOException(
                file + " has an invalid " + HEADER_ENTRY + ": " + reason
                        + "; the file is damaged or was not written by this tool: write it again.",
                cause);
    }

    private static String rootCause(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    /** A required whole-number member of a header object; missing, mistyped or fractional values name the member. */
    public static int intMember(JsonObject o, String name) {
        JsonElement e = member(o, name);
        try {
            return e.getAsJsonPrimitive().getAsBigDecimal().intValueExact();
        } catch (IllegalStateException
                | NumberFormatException
                | ArithmeticException
                | UnsupportedOperationException ex) {
            throw new IllegalArgumentException("'" + name + "' is " + e + ", not a whole number", ex);
        }
    }

    /** A required number member of a header object; NaN and infinities may be written as text, as Gson does. */
    public static double doubleMember(JsonObject o, String name) {
        JsonElement e = member(o, name);
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            return e.getAsDouble();
        }
        return switch (e.isJsonPrimitive() ? e.getAsString() : "") {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw new IllegalArgumentException("'" + name + "' is " + e + ", not a number");
        };
    }

    /** A required text member of a header object. */
    public static String stringMember(JsonObject o, String name) {
        JsonElement e = member(o, name);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("'" + name + "' is " + e + ", not a text");
        }
        return e.getAsString();
    }

    /** A required object member of a header object. */
    public static JsonObject objectMember(JsonObject o, String name) {
        JsonElement e = member(o, name);
        if (!e.isJsonObject()) {
            throw new IllegalArgumentException("'" + name + "' is " + e + ", not an object");
        }
        return e.getAsJsonObject();
    }

    private static JsonElement member(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException("'" + name + "' is missing");
        }
        return e;
    }

    /**
     * Rejects a format version outside {@code oldest..current}, telling the user to update for newer files.
     *
     * @return the version, for readers that parse older versions differently
     */
    public int checkVersion(Path file, int version, int oldest, int current) throws IOException {
        if (version < oldest || version > current) {
            throw new IOException(file + " has " + kind + " format version " + version
                    + "; this version of the tool reads versions " + oldest + " to " + current
                    + (version > current ? ": update the tool." : "."));
        }
        return version;
    }

    /** The header's {@code input} object (RGB channels, frames, crop height and width, resize height and width). */
    public static JsonObject inputJson(InputSpec input) {
        JsonObject o = new JsonObject();
        o.addProperty("channels", 3);
        o.addProperty("frames", input.frames());
        o.addProperty("height", input.height());
        o.addProperty("width", input.width());
        o.addProperty("resizeHeight", input.resizeHeight());
        o.addProperty("resizeWidth", input.resizeWidth());
        return o;
    }

    /**
     * Reads an {@link #inputJson} object.
     *
     * @param withResize false for headers of format version 1, which did not record the resize: their networks get
     *                   the resize the tool always gave them (see {@link InputSpec#InputSpec(int, int, int)})
     */
    public static InputSpec parseInput(JsonObject input, boolean withResize) {
        int frames = intMember(input, "frames");
        int height = intMember(input, "height");
        int width = intMember(input, "width");
        return withResize
                ? new InputSpec(
                        frames, height, width, intMember(input, "resizeHeight"), intMember(input, "resizeWidth"))
                : new InputSpec(frames, height, width);
    }

    /** A JSON object of strings (training settings, provenance); absent or null is empty. */
    public static Map<String, String> stringMap(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return Map.of();
        }
        if (!e.isJsonObject()) {
            throw new IllegalArgumentException(e + " is not an object of texts");
        }
        Map<String, String> m = GSON.fromJson(e, new TypeToken<LinkedHashMap<String, String>>() {}.getType());
        return m == null ? Map.of() : m;
    }
}
