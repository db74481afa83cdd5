package org.vidssl.knime.node.modelreader;

import java.io.IOException;
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
import org.vidssl.knime.node.modelreader.VideoModelReaderSettings.KindChoice;
import org.vidssl.knime.port.ActionClassifierPortObject;
import org.vidssl.knime.port.ActionClassifierPortObjectSpec;
import org.vidssl.knime.port.VideoEncoderPortObject;
import org.vidssl.knime.port.VideoEncoderPortObjectSpec;
import org.vidssl.knime.util.KnimePaths;
import org.vidssl.knime.util.KnimeProgress;
import org.vidssl.knime.util.ModelFiles;
import org.vidssl.torch.finetune.ClassifierFile;
import org.vidssl.torch.finetune.ClassifierHeader;
import org.vidssl.torch.model.EncoderFile;
import org.vidssl.torch.model.EncoderHeader;

@SuppressWarnings("deprecation") // WebUINodeModel is KNIME 5.6's current node API
final class VideoModelReaderNodeModel extends WebUINodeModel<VideoModelReaderSettings> {

    VideoModelReaderNodeModel(final WebUINodeConfiguration configuration) {
        super(configuration, VideoModelReaderSettings.class);
    }

    private static Path checkFile(final VideoModelReaderSettings settings) throws InvalidSettingsException {
        Path file = KnimePaths.resolve(settings.m_file, "Model file");
        if (!Files.isRegularFile(file)) {
            throw new InvalidSettingsException("Model file '" + settings.m_file.trim() + "' (" + file + ") does not "
                    + "exist: choose a file written by the Video Model Writer or the command-line tool, or a PyTorch "
                    + ".npz.");
        }
        return file;
    }

    static VideoEncoderPortObjectSpec npzSpec(final VideoModelReaderSettings settings) {
        return VideoEncoderPortObjectSpec.of(
                EncoderHeader.of(settings.m_architecture.backbone(), settings.npzInput(), settings.npzModality()));
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs, final VideoModelReaderSettings settings)
            throws InvalidSettingsException {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        Path file = checkFile(settings);
        // the unused output is inactive, so the nodes behind it are skipped
        return switch (settings.m_kind) {
            case ENCODER -> new PortObjectSpec[] {encoderSpec(file), InactiveBranchPortObjectSpec.INSTANCE};
            case PYTORCH_NPZ -> new PortObjectSpec[] {npzSpec(settings), InactiveBranchPortObjectSpec.INSTANCE};
            case CLASSIFIER -> new PortObjectSpec[] {InactiveBranchPortObjectSpec.INSTANCE, classifierSpec(file)};
        };
    }

    /** The spec from the file's header (only the header is read, so configure stays fast). */
    private static VideoEncoderPortObjectSpec encoderSpec(final Path file) throws InvalidSettingsException {
        try {
            return VideoEncoderPortObjectSpec.of(EncoderFile.readHeader(file));
        } catch (IOException e) {
            throw new InvalidSettingsException(
                    e.getMessage() + " Choose 'Classifier file' or 'PyTorch weights' if "
                            + "the file holds one of those.",
                    e);
        }
    }

    private static ActionClassifierPortObjectSpec classifierSpec(final Path file) throws InvalidSettingsException {
        try {
            return ActionClassifierPortObjectSpec.of(ClassifierFile.readHeader(file));
        } catch (IOException e) {
            throw new InvalidSettingsException(
                    e.getMessage() + " Choose 'Encoder file' or 'PyTorch weights' if the " + "file holds one of those.",
                    e);
        }
    }

    @Override
    protected PortObject[] execute(
            final PortObject[] inObjects, final ExecutionContext exec, final VideoModelReaderSettings settings)
            throws Exception {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        Path file = checkFile(settings);
        exec.checkCanceled();
        FileStore store = exec.createFileStore("model");
        Path target = store.getFile().toPath();
        exec.setMessage("Reading " + file);
        if (settings.m_kind == KindChoice.CLASSIFIER) {
            ClassifierHeader header = KnimeProgress.run(exec, p -> ModelFiles.copyClassifier(file, target));
            ActionClassifierPortObjectSpec spec = ActionClassifierPortObjectSpec.of(header);
            return new PortObject[] {InactiveBranchPortObject.INSTANCE, new ActionClassifierPortObject(spec, store)};
        }
        EncoderHeader header = KnimeProgress.run(
                exec,
                p -> settings.m_kind == KindChoice.PYTORCH_NPZ
                        ? ModelFiles.importNpz(
                                file,
                                settings.m_architecture.backbone(),
                                settings.npzInput(),
                                settings.npzModality(),
                                target)
                        : ModelFiles.copyEncoder(file, target));
        return new PortObject[] {
            new VideoEncoderPortObject(VideoEncoderPortObjectSpec.of(header), store), InactiveBranchPortObject.INSTANCE
        };
    }
}
