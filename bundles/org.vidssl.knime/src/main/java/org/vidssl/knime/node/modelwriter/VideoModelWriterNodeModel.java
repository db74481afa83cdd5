package org.vidssl.knime.node.modelwriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeModel;
import org.vidssl.knime.port.VideoEncoderPortObject;
import org.vidssl.knime.port.VideoModelPortObject;
import org.vidssl.knime.util.KnimeProgress;
import org.vidssl.knime.util.ModelFiles;

@SuppressWarnings("deprecation") // WebUINodeModel is KNIME 5.6's current node API
final class VideoModelWriterNodeModel extends WebUINodeModel<VideoModelWriterSettings> {

    VideoModelWriterNodeModel(final WebUINodeConfiguration configuration) {
        super(configuration, VideoModelWriterSettings.class);
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs, final VideoModelWriterSettings settings)
        throws InvalidSettingsException {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        if ((inSpecs[0] == null) == (inSpecs[1] == null)) {
            throw new InvalidSettingsException("Connect exactly one input: a video encoder or an action classifier.");
        }
        checkTarget(settings);
        return new PortObjectSpec[0];
    }

    static Path checkTarget(final VideoModelWriterSettings settings) throws InvalidSettingsException {
        Path target = Path.of(settings.m_file).toAbsolutePath();
        if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
            throw new InvalidSettingsException("The folder of output file '" + settings.m_file
                + "' does not exist: create it or choose another file.");
        }
        if (Files.isDirectory(target)) {
            throw new InvalidSettingsException("Output file '" + settings.m_file + "' is a folder: add a file name.");
        }
        if (Files.exists(target) && !settings.m_overwrite) {
            throw new InvalidSettingsException("Output file '" + settings.m_file
                + "' exists: choose another name or tick 'Overwrite existing file'.");
        }
        return target;
    }

    @Override
    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec,
        final VideoModelWriterSettings settings) throws Exception {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        VideoModelPortObject model =
            (VideoModelPortObject)(inObjects[0] != null ? inObjects[0] : inObjects[1]);
        Path target = checkTarget(settings);
        exec.setMessage("Writing " + model.getSummary() + " to " + target);
        if (settings.m_format == VideoModelWriterSettings.FormatChoice.PYTORCH_NPZ) {
            KnimeProgress.run(exec, p -> { // written atomically
                if (model instanceof VideoEncoderPortObject) {
                    ModelFiles.exportEncoderNpz(model.modelFile(), target);
                } else {
                    ModelFiles.exportClassifierNpz(model.modelFile(), target);
                }
                return target;
            });
            return new PortObject[0];
        }
        // copy next to the target, then rename: readers never see a half-written model
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
        try {
            Files.copy(model.modelFile(), temp, StandardCopyOption.REPLACE_EXISTING);
            exec.checkCanceled();
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return new PortObject[0];
    }
}
