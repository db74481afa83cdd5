package org.vidssl.knime.util;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.vidssl.core.io.Npz;
import org.vidssl.core.settings.Backbone;
import org.vidssl.torch.finetune.ActionClassifier;
import org.vidssl.torch.finetune.ClassifierFile;
import org.vidssl.torch.finetune.ClassifierHeader;
import org.vidssl.torch.model.EncoderFile;
import org.vidssl.torch.model.EncoderHeader;
import org.vidssl.torch.model.InputSpec;
import org.vidssl.torch.model.StateDicts;
import org.vidssl.torch.model.VideoEncoder;

/** Model files for the reader node: checked copies of encoder files and imports of PyTorch weights. */
public final class ModelFiles {

    private ModelFiles() {}

    /**
     * Copies an encoder file after loading it once, so a file whose weights do not fit its header fails here, in
     * the reader, rather than in the node that uses it.
     *
     * @return the file's header
     */
    public static EncoderHeader copyEncoder(final Path file, final Path target) throws IOException {
        EncoderHeader header;
        try (VideoEncoder encoder = EncoderFile.load(file, Device.cpu())) {
            header = encoder.header();
        }
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        return header;
    }

    /** As {@link #copyEncoder} for a classifier file. */
    public static ClassifierHeader copyClassifier(final Path file, final Path target) throws IOException {
        ClassifierHeader header;
        try (ActionClassifier classifier = ClassifierFile.load(file, Device.cpu())) {
            header = classifier.header();
        }
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        return header;
    }

    /**
     * As {@link #exportEncoderNpz} for a classifier file: backbone and head ({@code linear.*}), as the reference's
     * fine-tuning saves them.
     */
    public static void exportClassifierNpz(final Path classifierFile, final Path target) throws IOException {
        try (ActionClassifier classifier = ClassifierFile.load(classifierFile, Device.cpu())) {
            StateDicts.exportNpz(classifier.backbone(), target);
        }
    }

    /**
     * Writes the weights of an encoder file as a PyTorch-style state dict (.npz, the reference's parameter names),
     * atomically, for use outside this extension.
     */
    public static void exportEncoderNpz(final Path encoderFile, final Path target) throws IOException {
        try (VideoEncoder encoder = EncoderFile.load(encoderFile, Device.cpu())) {
            StateDicts.exportNpz(encoder.backbone(), target);
        }
    }

    /**
     * Imports the backbone weights of a PyTorch state dict saved as .npz (parameter names of the reference
     * implementation) as an encoder file. A classifier head in the file ({@code linear.*}) is ignored.
     *
     * @throws org.vidssl.torch.model.StateDictException when the weights do not fit the architecture (lists the
     *             missing, unexpected and mis-shaped keys)
     */
    public static EncoderHeader importNpz(
            final Path npz,
            final Backbone architecture,
            final InputSpec input,
            final String modality,
            final Path target)
            throws IOException {
        EncoderHeader header = EncoderHeader.of(architecture, input, modality)
                .withProvenance(Map.of("importedFrom", npz.toAbsolutePath().toString()));
        try (VideoEncoder encoder = VideoEncoder.create(header, Device.cpu(), 0)) {
            StateDicts.load(encoder.backbone(), Npz.read(npz), npz.toString(), false);
            EncoderFile.save(target, encoder);
        }
        return header;
    }
}
