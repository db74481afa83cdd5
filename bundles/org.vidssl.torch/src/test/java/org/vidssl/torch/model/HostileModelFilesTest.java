package org.vidssl.torch.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidssl.core.io.NpyArray;
import org.vidssl.core.settings.Backbone;

/**
 * Model files damaged or crafted by the test: zip bombs, truncation, headers with missing or mistyped members, NaN
 * weights. Each is rejected fast, before memory fills, with one message naming the file (and entry or member).
 */
class HostileModelFilesTest {

    private static final ModelArchive ARCHIVE = new ModelArchive("encoder", "an encoder");

    @TempDir
    Path dir;

    Path good;
    String headerJson;
    Map<String, NpyArray> weights;

    @BeforeEach
    void tinyEncoderFile() throws IOException {
        good = dir.resolve("good.vidssl");
        EncoderHeader header =
                EncoderHeader.of(Backbone.R3D, new InputSpec(4, 16, 16), "rgb").withWidth(4);
        try (VideoEncoder encoder = VideoEncoder.create(header, Device.cpu(), 1)) {
            EncoderFile.save(good, encoder);
        }
        ModelArchive.Contents<String> contents = ARCHIVE.readAll(good, (json, file) -> json);
        headerJson = contents.header();
        weights = contents.weights();
    }

    private static IOException loadFails(Path file) {
        return assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> assertThrows(
                        IOException.class,
                        () -> EncoderFile.load(file, Device.cpu()).close()));
    }

    private Path withHeader(String json) throws IOException {
        Path file = dir.resolve("edited.vidssl");
        ARCHIVE.write(file, json, weights);
        return file;
    }

    @Test
    void aHeaderThatInflatesToGigabytesIsRejectedAfterOneMebibyte() throws IOException {
        Path file = dir.resolve("header-bomb.vidssl");
        try (OutputStream raw = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(raw)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putNextEntry(new ZipEntry(ModelArchive.HEADER_ENTRY));
            byte[] blanks = new byte[1 << 20];
            Arrays.fill(blanks, (byte) ' ');
            for (int i = 0; i < 64; i++) {
                zip.write(blanks);
            }
            zip.closeEntry();
        }
        IOException e = loadFails(file);
        assertTrue(e.getMessage().startsWith(file + "!header.json is larger than 1048576 bytes"), e.getMessage());
    }

    /** A few kilobytes: weights.npz deflated around an .npz whose one array is 1.1 GB of zeros. */
    @Test
    void nestedWeightsThatInflateToGigabytesAreRejectedBeforeAllocating() throws IOException {
        long values = 275_000_000L;
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        try (ZipOutputStream npz = new ZipOutputStream(inner)) {
            npz.setLevel(Deflater.BEST_COMPRESSION);
            npz.putNextEntry(new ZipEntry("conv1.weight.npy"));
            String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + values + ",), }";
            String text = dict + " ".repeat(127 - 10 - dict.length()) + "\n";
            npz.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) text.length(), 0});
            npz.write(text.getBytes(StandardCharsets.ISO_8859_1));
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < values * 4; written += zeros.length) {
                npz.write(zeros);
            }
        }
        Path file = dir.resolve("weights-bomb.vidssl");
        try (OutputStream raw = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(raw)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putNextEntry(new ZipEntry(ModelArchive.HEADER_ENTRY));
            zip.write(headerJson.getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry(ModelArchive.WEIGHTS_ENTRY));
            zip.write(inner.toByteArray());
            zip.closeEntry();
        }
        assertTrue(Files.size(file) < 64 << 10, "a bomb of " + Files.size(file) + " bytes");
        IOException e = loadFails(file);
        assertTrue(
                e.getMessage().startsWith(file + "!weights.npz!conv1.weight.npy declares 1100000000 bytes"),
                e.getMessage());
    }

    @Test
    void aTruncatedFileIsNamedNotAZlibError() throws IOException {
        byte[] bytes = Files.readAllBytes(good);
        Path file = dir.resolve("cut.vidssl");
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = loadFails(file);
        assertTrue(
                e.getMessage().startsWith(file + "!weights.npz")
                        && e.getMessage().contains("truncated"),
                e.getMessage());
        assertFalse(e.getMessage().contains("ZLIB"), e.getMessage());
    }

    @Test
    void aMissingHeaderMemberIsNamed() throws IOException {
        Path file = withHeader(headerJson.replaceAll("\"numClasses\": \\d+,", ""));
        IOException e = loadFails(file);
        assertTrue(
                e.getMessage().startsWith(file + " has an invalid header.json: 'numClasses' is missing"),
                e.getMessage());
        assertFalse(e.getMessage().contains("Cannot invoke"), e.getMessage());
    }

    @Test
    void aMistypedHeaderMemberIsNamed() throws IOException {
        Path file = withHeader(headerJson.replaceAll("\"epoch\": \\d+", "\"epoch\": \"ten\""));
        IOException e = loadFails(file);
        assertTrue(
                e.getMessage()
                        .startsWith(file + " has an invalid header.json: 'epoch' is \"ten\", not a whole" + " number"),
                e.getMessage());
        assertFalse(e.getMessage().contains("For input string"), e.getMessage());
        Path notJson = withHeader("{\"formatVersion\": 1,");
        assertTrue(loadFails(notJson)
                .getMessage()
                .startsWith(notJson + " has an invalid header.json: it is not valid" + " JSON"));
    }

    @Test
    void nonFiniteWeightsAreRejectedAtLoadNamingTheTensor() throws IOException {
        Map<String, NpyArray> broken = new LinkedHashMap<>(weights);
        String key = broken.keySet().iterator().next();
        float[] data = broken.get(key).data();
        data[0] = Float.NaN;
        broken.put(key, new NpyArray(broken.get(key).shape(), data));
        Path file = dir.resolve("nan.vidssl");
        ARCHIVE.write(file, headerJson, broken);
        IOException e = loadFails(file);
        assertTrue(
                e.getMessage().startsWith("The weights in " + file + "!weights.npz hold NaN or infinite values.")
                        && e.getMessage().contains(key),
                e.getMessage());
    }
}
