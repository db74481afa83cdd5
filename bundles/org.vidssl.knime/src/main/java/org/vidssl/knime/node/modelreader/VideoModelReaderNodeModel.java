package org.vidssl.knime.node.modelreader;

import java.nio.file.Files;
import java.nio.file.Path;

import org.knime.core.data.filestore.FileStore;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.inactive.InactiveBranchPortObject;
import org.knime.core.node.port.inactive.InactiveBranchPortObjectSpec;
import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeModel;
import org.vidssl.core.progress.Progress;
import org.vidssl.knime.node.modelreader.VideoModelReaderSettings.KindChoice;
import org.vidssl.knime.port.ActionClassifierPortObject;
import org.vidssl.knime.port.ActionClassifierPortObjectSpec;
import org.vidssl.knime.port.VideoEncoderPortObject;
import org.vidssl.knime.port.VideoEncoderPortObjectSpec;
import org.vidssl.knime.util.EnginePending;
import org.vidssl.knime.util.KnimeProgress;

@SuppressWarnings("deprecation") // WebUINodeModel is KNIME 5.6's current node API
final class VideoModelReaderNodeModel extends WebUINodeModel<VideoModelReaderSettings> {

    VideoModelReaderNodeModel(final WebUINodeConfiguration configuration) {
        super(configuration, VideoModelReaderSettings.class);
    }

    private static Path checkFile(final VideoModelReaderSettings settings) throws InvalidSettingsException {
        Path file = Path.of(settings.m_file);
        if (!Files.isRegularFile(file)) {
            throw new InvalidSettingsException("Model file '" + settings.m_file + "' does not exist: choose a file "
                + "written by the Video Model Writer, or a PyTorch .npz.");
        }
        return file;
    }

    static VideoEncoderPortObjectSpec npzSpec(final VideoModelReaderSettings settings) {
        return new VideoEncoderPortObjectSpec(settings.m_architecture.id(),
            settings.m_modality.name().toLowerCase(java.util.Locale.ROOT), settings.m_clipLength,
            settings.m_cropSize, settings.m_cropSize);
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs, final VideoModelReaderSettings settings)
        throws InvalidSettingsException {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        checkFile(settings);
        // a model file's metadata is read at execution; the unused output is inactive
        return switch (settings.m_kind) {
            case ENCODER -> new PortObjectSpec[]{null, InactiveBranchPortObjectSpec.INSTANCE};
            case PYTORCH_NPZ -> new PortObjectSpec[]{npzSpec(settings), InactiveBranchPortObjectSpec.INSTANCE};
            case CLASSIFIER -> new PortObjectSpec[]{InactiveBranchPortObjectSpec.INSTANCE, null};
        };
    }

    @Override
    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec,
        final VideoModelReaderSettings settings) throws Exception {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        Path file = checkFile(settings);
        FileStore store = exec.createFileStore("model");
        Path target = store.getFile().toPath();
        if (settings.m_kind == KindChoice.CLASSIFIER) {
            ActionClassifierPortObjectSpec spec = KnimeProgress.run(exec, p -> readClassifier(file, target, p));
            return new PortObject[]{InactiveBranchPortObject.INSTANCE, new ActionClassifierPortObject(spec, store)};
        }
        VideoEncoderPortObjectSpec spec = settings.m_kind == KindChoice.PYTORCH_NPZ
            ? KnimeProgress.run(exec, p -> importNpz(file, npzSpec(settings), target, p))
            : KnimeProgress.run(exec, p -> readEncoder(file, target, p));
        return new PortObject[]{new VideoEncoderPortObject(spec, store), InactiveBranchPortObject.INSTANCE};
    }

    private static VideoEncoderPortObjectSpec readEncoder(final Path file, final Path target,
        final Progress progress) {
        // ENGINE-PENDING: header = EncoderFile.load(file) (checks format + architecture); copy file to target;
        //     spec from the header's architecture, modality and input size
        throw EnginePending.notYet("the model file format (EncoderFile.load)");
    }

    private static ActionClassifierPortObjectSpec readClassifier(final Path file, final Path target,
        final Progress progress) {
        // ENGINE-PENDING: as readEncoder, plus the class list stored in the classifier file
        throw EnginePending.notYet("the classifier file format");
    }

    private static VideoEncoderPortObjectSpec importNpz(final Path file, final VideoEncoderPortObjectSpec spec,
        final Path target, final Progress progress) {
        // ENGINE-PENDING: StateDicts import of Npz.read(file) into Backbones.create(architecture), then
        //     EncoderFile.save(encoder, target); return spec
        throw EnginePending.notYet("the PyTorch .npz import (StateDicts)");
    }
}
