package org.vidssl.knime.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidssl.core.clip.View;
import org.vidssl.core.io.NpyArray;
import org.vidssl.core.io.Npz;
import org.vidssl.core.settings.Backbone;
import org.vidssl.torch.finetune.ActionClassifier;
import org.vidssl.torch.finetune.ClassifierFile;
import org.vidssl.torch.finetune.ClassifierHeader;
import org.vidssl.torch.model.EncoderFile;
import org.vidssl.torch.model.EncoderHeader;
import org.vidssl.torch.model.InputSpec;
import org.vidssl.torch.model.StateDictException;
import org.vidssl.torch.model.StateDicts;
import org.vidssl.torch.model.VideoEncoder;

class ModelFilesTest {

    private static final InputSpec SMALL = new InputSpec(4, 32, 32);

    private static VideoEncoder encoder(final Backbone architecture, final String modality, final int seed) {
        return VideoEncoder.create(EncoderHeader.of(architecture, SMALL, modality), Device.cpu(), seed);
    }

    private static Map<String, NpyArray> weights(final Path encoderFile) throws IOException {
        try (VideoEncoder encoder = EncoderFile.load(encoderFile, Device.cpu())) {
            return StateDicts.export(encoder.backbone());
        }
    }

    private static void assertSameWeights(final Map<String, NpyArray> expected, final Map<String, NpyArray> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> assertArrayEquals(v.data(), actual.get(k).data(), k));
    }

    @Test
    void importedPyTorchWeightsBecomeAnEncoderWithTheGivenMetadata(@TempDir final Path dir) throws IOException {
        Path npz = dir.resolve("r3d.npz");
        Map<String, NpyArray> original;
        try (VideoEncoder source = encoder(Backbone.R3D, "res", 3)) {
            StateDicts.exportNpz(source.backbone(), npz);
            original = StateDicts.export(source.backbone());
        }
        Path target = dir.resolve("imported.vidssl");
        EncoderHeader header = ModelFiles.importNpz(npz, Backbone.R3D, SMALL, "res", target);
        assertEquals(Backbone.R3D, header.architecture());
        assertEquals(SMALL, header.input());
        assertEquals("res", header.modality());
        assertEquals(header.input(), EncoderFile.readHeader(target).input());
        assertSameWeights(original, weights(target));
    }

    @Test
    void weightsOfAnotherBackboneAreRefusedWithTheKeysNamed(@TempDir final Path dir) throws IOException {
        Path npz = dir.resolve("r3d.npz");
        try (VideoEncoder source = encoder(Backbone.R3D, "rgb", 3)) {
            StateDicts.exportNpz(source.backbone(), npz);
        }
        Path target = dir.resolve("c3d.vidssl");
        StateDictException e = assertThrows(
                StateDictException.class, () -> ModelFiles.importNpz(npz, Backbone.C3D, SMALL, "rgb", target));
        assertTrue(e.getMessage().contains("do not fit the"), e.getMessage());
        assertTrue(!Files.exists(target), "nothing is written when the weights do not fit");
    }

    @Test
    void exportedNpzImportsBackToTheSameWeights(@TempDir final Path dir) throws IOException {
        Path file = dir.resolve("encoder.vidssl");
        try (VideoEncoder encoder = encoder(Backbone.C3D, "rgb", 7)) {
            EncoderFile.save(file, encoder);
        }
        Path npz = dir.resolve("c3d.npz");
        ModelFiles.exportEncoderNpz(file, npz);
        Path back = dir.resolve("back.vidssl");
        ModelFiles.importNpz(npz, Backbone.C3D, SMALL, "rgb", back);
        assertSameWeights(weights(file), weights(back));
    }

    @Test
    void classifierFilesAreCopiedAndExportedWithTheirHead(@TempDir final Path dir) throws IOException {
        Path file = dir.resolve("classifier.vidssl");
        ClassifierHeader header = ClassifierHeader.of(Backbone.R3D, List.of("walk", "run"), SMALL, View.RES);
        Map<String, NpyArray> original;
        try (ActionClassifier classifier = ActionClassifier.create(header, Device.cpu(), 5)) {
            ClassifierFile.save(file, classifier);
            original = StateDicts.export(classifier.backbone());
        }
        Path copy = dir.resolve("copy.vidssl");
        assertEquals(
                List.of("walk", "run"), ModelFiles.copyClassifier(file, copy).classes());
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(copy));
        Path npz = dir.resolve("classifier.npz");
        ModelFiles.exportClassifierNpz(file, npz);
        Map<String, NpyArray> exported = Npz.read(npz);
        assertTrue(
                exported.containsKey(StateDicts.HEAD_PREFIX + "weight"),
                exported.keySet().toString());
        assertSameWeights(original, exported);
    }

    @Test
    void encoderFilesAreCheckedAndCopied(@TempDir final Path dir) throws IOException {
        Path file = dir.resolve("encoder.vidssl");
        try (VideoEncoder encoder = encoder(Backbone.R3D, "res", 5)) {
            EncoderFile.save(file, encoder);
        }
        Path copy = dir.resolve("copy.vidssl");
        assertEquals(SMALL, ModelFiles.copyEncoder(file, copy).input());
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(copy));

        Path broken = dir.resolve("broken.vidssl");
        Files.writeString(broken, "not a zip");
        IOException e = assertThrows(IOException.class, () -> ModelFiles.copyEncoder(broken, dir.resolve("x")));
        assertTrue(e.getMessage().contains(broken.toString()), e.getMessage());
    }
}
