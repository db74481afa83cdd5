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
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidssl.torch.backbone.Architecture;
import org.vidssl.torch.backbone.FeatureKind;
import org.vidssl.torch.engine.TorchRuntime;

class EncoderFileTest {

    @TempDir
    Path dir;

    @Test
    void saveAndLoadGiveTheSameOutputsAndHeader() throws IOException {
        EncoderHeader header = new EncoderHeader(Architecture.R21D, 0, new InputSpec(4, 16, 16), "res",
                Map.of("lr", "0.01", "objective", "memory-bank"), 3, Map.of("tool", "test"), null);
        Path file = dir.resolve("sub/enc.vidssl");
        try (VideoEncoder a = VideoEncoder.create(header, Device.cpu(), 11); NDManager m = TorchRuntime.engine().newBaseManager()) {
            EncoderFile.save(file, a);
            EncoderHeader onlyHeader = EncoderFile.readHeader(file);
            assertEquals(header, onlyHeader);
            try (VideoEncoder b = EncoderFile.load(file, Device.cpu())) {
                assertEquals(header, b.header());
                NDArray x = m.randomUniform(0, 1, new Shape(2, 3, 4, 16, 16));
                for (FeatureKind kind : FeatureKind.values()) {
                    assertArrayEquals(a.features(x, kind, false).toFloatArray(), b.features(x, kind, false).toFloatArray(), 0f);
                }
            }
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertEquals(2, zip.size());
            String json = new String(zip.getInputStream(zip.getEntry("header.json")).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(json.contains("\"formatVersion\": 1") && json.contains("\"architecture\": \"r21d\""), json);
        }
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void loadRejectsOtherVersionsAndNonEncoderFilesNamingTheFile() throws IOException {
        Path future = dir.resolve("future.vidssl");
        try (OutputStream out = Files.newOutputStream(future); ZipOutputStream zip = new ZipOutputStream(out)) {
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

        IOException e3 = assertThrows(IOException.class, () -> EncoderFile.load(dir.resolve("missing.vidssl"), Device.cpu()));
        assertTrue(e3.getMessage().contains("missing.vidssl"), e3.getMessage());
    }
}
