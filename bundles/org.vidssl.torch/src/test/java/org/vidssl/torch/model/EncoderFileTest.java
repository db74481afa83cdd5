package org.vidssl.torch.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.core.settings.Backbone;
import org.vidssl.torch.backbone.FeatureKind;
import org.vidssl.torch.engine.TorchRuntime;
import org.vidssl.torch.testing.ModelFileHeaders;

class EncoderFileTest {

    @TempDir
    Path dir;

    @Test
    void saveAndLoadGiveTheSameOutputsAndHeader() throws IOException {
        EncoderHeader header = new EncoderHeader(
                Backbone.R21D,
                0,
                new InputSpec(4, 16, 16),
                "res",
                Map.of("lr", "0.01", "objective", "memory-bank"),
                3,
                Map.of("tool", "test"),
                null);
        Path file = dir.resolve("sub/enc.vidssl");
        try (VideoEncoder a = VideoEncoder.create(header, Device.cpu(), 11);
                NDManager m = TorchRuntime.engine().newBaseManager()) {
            EncoderFile.save(file, a);
            EncoderHeader onlyHeader = EncoderFile.readHeader(file);
            assertEquals(header, onlyHeader);
            try (VideoEncoder b = EncoderFile.load(file, Device.cpu())) {
                assertEquals(header, b.header());
                NDArray x = m.randomUniform(0, 1, new Shape(2, 3, 4, 16, 16));
                for (FeatureKind kind : FeatureKind.values()) {
                    assertArrayEquals(
                            a.features(x, kind, false).toFloatArray(),
                            b.features(x, kind, false).toFloatArray(),
                            0f);
                }
            }
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertEquals(2, zip.size());
            String json =
                    new String(zip.getInputStream(zip.getEntry("header.json")).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(json.contains("\"formatVersion\": 2") && json.contains("\"architecture\": \"r21d\""), json);
        }
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void theInputGeometryTravelsWithTheFile() throws IOException {
        // the Quick workflow's clips: 8 frames, resized to 64x86, cropped to 56
        InputSpec quick = new InputSpec(8, 56, 56, 64, 86);
        Path file = dir.resolve("quick.vidssl");
        try (VideoEncoder encoder =
                VideoEncoder.create(EncoderHeader.of(Backbone.R3D, quick, "res").withWidth(16), Device.cpu(), 3)) {
            EncoderFile.save(file, encoder);
        }
        EncoderHeader read = EncoderFile.readHeader(file);
        assertEquals(quick, read.input());
        ClipSettings extraction = read.input().clipSettings(View.RES, 2);
        assertEquals(
                List.of(8, 64, 86, 56),
                List.of(
                        extraction.clipLength(),
                        extraction.resizeHeight(),
                        extraction.resizeWidth(),
                        extraction.cropSize()));
        assertEquals(IntraNegative.NONE, extraction.intraNegative());
        assertEquals(2, extraction.testClips());
    }

    /** The header version 1 wrote: no resize. */
    static String versionOneHeader(int crop) {
        return """
            {
              "format": "vidssl-encoder",
              "formatVersion": 1,
              "architecture": "r3d",
              "numClasses": 0,
              "width": 16,
              "input": {
                "channels": 3,
                "frames": 4,
                "height": %d,
                "width": %d
              },
              "modality": "res",
              "training": {
                "lr": "0.01"
              },
              "epoch": 2,
              "provenance": {
                "tool": "vidssl 0.1.0"
              },
              "created": "2026-11-20T10:00:00Z"
            }""".formatted(crop, crop);
    }

    @Test
    void versionOneFilesLoadWithTheResizeTheyAlwaysHad() throws IOException {
        Path current = dir.resolve("current.vidssl");
        try (VideoEncoder encoder = VideoEncoder.create(
                EncoderHeader.of(Backbone.R3D, new InputSpec(4, 16, 16), "res").withWidth(16), Device.cpu(), 5)) {
            EncoderFile.save(current, encoder);
        }
        Path old = dir.resolve("old.vidssl");
        ModelFileHeaders.withHeader(current, versionOneHeader(16), old);
        try (VideoEncoder loaded = EncoderFile.load(old, Device.cpu())) {
            EncoderHeader h = loaded.header();
            assertEquals(new InputSpec(4, 16, 16, 128, 171), h.input(), "the paper's resize, as before version 2");
            assertEquals(2, h.epoch());
            assertEquals("2026-11-20T10:00:00Z", h.created());
            assertEquals(16, loaded.backbone().width());
        }
        // a crop larger than the paper's resize got frames resized to at least the crop
        ModelFileHeaders.withHeader(current, versionOneHeader(160), old);
        InputSpec large = EncoderFile.readHeader(old).input();
        assertEquals(List.of(160, 171), List.of(large.resizeHeight(), large.resizeWidth()));

        // version 2 must record the resize
        Path broken = dir.resolve("broken.vidssl");
        ModelFileHeaders.withHeader(
                current, versionOneHeader(16).replace("\"formatVersion\": 1", "\"formatVersion\": 2"), broken);
        IOException e = assertThrows(IOException.class, () -> EncoderFile.readHeader(broken));
        assertTrue(e.getMessage().contains("broken.vidssl"), e.getMessage());
    }

    @Test
    void loadRejectsOtherVersionsAndNonEncoderFilesNamingTheFile() throws IOException {
        Path future = dir.resolve("future.vidssl");
        try (OutputStream out = Files.newOutputStream(future);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("header.json"));
            zip.write("{\"formatVersion\": 99, \"architecture\": \"r3d\"}".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        IOException e = assertThrows(IOException.class, () -> EncoderFile.load(future, Device.cpu()));
        assertTrue(e.getMessage().contains("future.vidssl") && e.getMessage().contains("version 99"), e.getMessage());

        Path text = dir.resolve("notes.vidssl");
        Files.writeString(text, "hello");
        IOException e2 = assertThrows(IOException.class, () -> EncoderFile.load(text, Device.cpu()));
        assertTrue(e2.getMessage().contains("notes.vidssl"), e2.getMessage());

        IOException e3 =
                assertThrows(IOException.class, () -> EncoderFile.load(dir.resolve("missing.vidssl"), Device.cpu()));
        assertTrue(e3.getMessage().contains("missing.vidssl"), e3.getMessage());
    }
}
