package org.vidssl.torch.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidssl.core.clip.View;
import org.vidssl.core.settings.Backbone;
import org.vidssl.torch.model.EncoderFile;
import org.vidssl.torch.model.EncoderHeader;
import org.vidssl.torch.model.InputSpec;
import org.vidssl.torch.model.VideoEncoder;
import org.vidssl.torch.testing.ModelFileHeaders;

class ClassifierFileTest {

    @TempDir
    Path dir;

    @Test
    void roundTripKeepsHeaderAndPredictions() throws IOException {
        ClassifierHeader header = ClassifierHeader.of(
                        Backbone.R3D, DriftingDots.CLASSES, new InputSpec(4, 16, 16), View.RES)
                .withTraining(Map.of("learningRate", "0.001"), 12, 9, 0.625)
                .withProvenance(Map.of("tool", "test"));
        DriftingDots data = new DriftingDots(6, 4, 16, 31);
        Path file = dir.resolve("sub/action.vidssl");
        try (ActionClassifier a = ActionClassifier.create(header, Device.cpu(), 5)) {
            ClassifierFile.save(file, a);
            assertEquals(header, ClassifierFile.readHeader(file));
            Predictions before = ActionPredictor.predict(a, data, 2, 8, null);
            try (ActionClassifier b = ClassifierFile.load(file, Device.cpu())) {
                assertEquals(header, b.header());
                Predictions after = ActionPredictor.predict(b, data, 2, 8, null);
                for (int v = 0; v < data.videos().size(); v++) {
                    assertArrayEquals(
                            before.videos().get(v).logits(),
                            after.videos().get(v).logits(),
                            0f);
                }
            }
        }
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void untrainedNarrowClassifierWithNaNLossRoundTrips() throws IOException {
        ClassifierHeader header =
                ClassifierHeader.of(Backbone.R21D, List.of("x", "y"), new InputSpec(4, 16, 16), View.U, 8);
        Path file = dir.resolve("untrained.vidssl");
        try (ActionClassifier a = ActionClassifier.create(header, Device.cpu(), 1)) {
            ClassifierFile.save(file, a);
        }
        ClassifierHeader read = ClassifierFile.readHeader(file);
        assertTrue(Double.isNaN(read.bestValidationLoss()));
        assertEquals(header, read);
        try (ActionClassifier b = ClassifierFile.load(file, Device.cpu())) {
            assertEquals(8, b.backbone().width());
        }
    }

    @Test
    void versionOneFilesLoadWithTheResizeTheyAlwaysHad() throws IOException {
        ClassifierHeader header =
                ClassifierHeader.of(Backbone.R3D, DriftingDots.CLASSES, new InputSpec(4, 16, 16, 20, 24), View.RES, 16);
        Path current = dir.resolve("current.vidssl");
        try (ActionClassifier a = ActionClassifier.create(header, Device.cpu(), 2)) {
            ClassifierFile.save(current, a);
        }
        assertEquals(header, ClassifierFile.readHeader(current), "version 2 keeps the resize");
        String versionOne = """
            {
              "format": "vidssl-classifier",
              "formatVersion": 1,
              "architecture": "r3d",
              "width": 16,
              "classes": ["up", "down", "left", "right"],
              "input": {"channels": 3, "frames": 4, "height": 16, "width": 16},
              "modality": "res",
              "training": {},
              "epoch": 3,
              "bestEpoch": 2,
              "bestValidationLoss": 0.5,
              "provenance": {"tool": "vidssl 0.1.0"},
              "created": "2026-11-20T10:00:00Z"
            }""";
        Path old = dir.resolve("old.vidssl");
        ModelFileHeaders.withHeader(current, versionOne, old);
        try (ActionClassifier loaded = ClassifierFile.load(old, Device.cpu())) {
            assertEquals(
                    new InputSpec(4, 16, 16, 128, 171),
                    loaded.header().input(),
                    "the paper's resize, as before version 2");
            assertEquals(DriftingDots.CLASSES, loaded.classNames());
            assertEquals(2, loaded.header().bestEpoch());
        }
    }

    @Test
    void wrongFilesAreRejectedNamingTheFile() throws IOException {
        Path future = dir.resolve("future.vidssl");
        try (OutputStream out = Files.newOutputStream(future);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("header.json"));
            zip.write("{\"format\": \"vidssl-classifier\", \"formatVersion\": 99}".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        IOException e = assertThrows(IOException.class, () -> ClassifierFile.load(future, Device.cpu()));
        assertTrue(e.getMessage().contains("future.vidssl") && e.getMessage().contains("version 99"), e.getMessage());

        Path encoderFile = dir.resolve("encoder.vidssl");
        try (VideoEncoder enc =
                VideoEncoder.create(EncoderHeader.of(Backbone.R3D, new InputSpec(4, 16, 16), "res"), Device.cpu(), 1)) {
            EncoderFile.save(encoderFile, enc);
        }
        IOException e2 = assertThrows(IOException.class, () -> ClassifierFile.readHeader(encoderFile));
        assertTrue(
                e2.getMessage().contains("encoder.vidssl") && e2.getMessage().contains("not a classifier file"),
                e2.getMessage());

        Path text = dir.resolve("notes.vidssl");
        Files.writeString(text, "hello");
        IOException e3 = assertThrows(IOException.class, () -> ClassifierFile.load(text, Device.cpu()));
        assertTrue(e3.getMessage().contains("notes.vidssl"), e3.getMessage());

        IOException e4 =
                assertThrows(IOException.class, () -> ClassifierFile.load(dir.resolve("gone.vidssl"), Device.cpu()));
        assertTrue(e4.getMessage().contains("gone.vidssl"), e4.getMessage());
    }
}
