package org.vidssl.knime.node.modelwriter;

import java.nio.file.Files;
import java.nio.file.Path;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeModel;
import org.vidssl.core.io.AtomicFiles;
import org.vidssl.knime.port.VideoEncoderPortObject;
import org.vidssl.knime.port.VideoModelPortObject;
import org.vidssl.knime.util.KnimePaths;
import org.vidssl.knime.util.KnimeProgress;
import org.vidssl.knime.util.ModelFiles;

@SuppressWarnings("deprecation") // WebUINodeModel is KNIME 5.6's current node API
final class VideoModelWriterNodeModel extends WebUINodeModel<VideoModelWriterSettings> {

    private static final String OUTPUT_FILE = "Output file";

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
        // as KNIME's writers: the target is checked when writing, so a second run after a reset stays possible
        Path target = KnimePaths.resolve(settings.m_file, OUTPUT_FILE);
        if (Files.exists(target) && !settings.m_overwrite) {
            setWarningMessage(OUTPUT_FILE + " '" + settings.m_file.trim() + "' exists: executing fails unless "
                    + "'Overwrite existing file' is ticked.");
        }
        return new PortObjectSpec[0];
    }

    /** The resolved target, checked just before writing; missing folders are created. */
    static Path checkTarget(final VideoModelWriterSettings settings) throws InvalidSettingsException {
        Path target = KnimePaths.resolve(settings.m_file, OUTPUT_FILE).toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new InvalidSettingsException(
                    OUTPUT_FILE + " '" + settings.m_file.trim() + "' is a folder: add a " + "file name.");
        }
        if (Files.exists(target) && !settings.m_overwrite) {
            throw new InvalidSettingsException(OUTPUT_FILE + " '" + settings.m_file.trim() + "' exists: choose "
                    + "another name or tick 'Overwrite existing file'.");
        }
        return target;
    }

    @Override
    protected PortObject[] execute(
            final PortObject[] inObjects, final ExecutionContext exec, final VideoModelWriterSettings settings)
            throws Exception {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        VideoModelPortObject model = (VideoModelPortObject) (inObjects[0] != null ? inObjects[0] : inObjects[1]);
        Path target = checkTarget(settings);
        exec.setMessage("Writing " + model.getSummary() + " to " + target);
        exec.checkCanceled();
        Files.createDirectories(target.getParent()); // as KNIME's writers do by default
        // both written next to the target, then moved: readers never see a half-written model
        if (settings.m_format == VideoModelWriterSettings.FormatChoice.PYTORCH_NPZ) {
            KnimeProgress.run(exec, p -> {
                if (model instanceof VideoEncoderPortObject) {
                    ModelFiles.exportEncoderNpz(model.modelFile(), target);
                } else {
                    ModelFiles.exportClassifierNpz(model.modelFile(), target);
                }
                return target;
            });
        } else {
            AtomicFiles.write(target, out -> Files.copy(model.modelFile(), out));
        }
        return new PortObject[0];
    }
}
