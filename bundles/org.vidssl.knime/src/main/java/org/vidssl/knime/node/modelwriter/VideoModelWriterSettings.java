package org.vidssl.knime.node.modelwriter;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.choices.ValueSwitchWidget;
import org.vidssl.knime.util.PathSettings;

/** Dialog of the Video Model Writer. */
public final class VideoModelWriterSettings implements NodeParameters {

    @Widget(
            title = "Output file",
            description = "Where the model is written, e.g. <tt>/models/iic-r3d.vidssl</tt>. "
                    + "The file holds the weights and the metadata shown in the port summary; the Video Model Reader"
                    + " and the "
                    + "command-line tool read it." + PathSettings.ACCEPTED)
    String m_file = "";

    /** What is written. */
    enum FormatChoice {
        @Label(
                value = "Model file",
                description = "The weights with their metadata (backbone, input, clip size, "
                        + "classes, training settings), for the Video Model Reader and the command-line tool.")
        MODEL_FILE,
        @Label(
                value = "PyTorch weights (.npz)",
                description = "The network's state dict with PyTorch parameter "
                        + "names as a NumPy .npz archive (classifiers with their linear head), to load into the"
                        + " reference "
                        + "implementation; the metadata is not included.")
        PYTORCH_NPZ
    }

    @Widget(title = "Format", description = "What the file holds.")
    @ValueSwitchWidget
    FormatChoice m_format = FormatChoice.MODEL_FILE;

    @Widget(
            title = "Overwrite existing file",
            description = "Replace the file if it exists; off: the node fails "
                    + "instead, so a trained model is not lost by accident.")
    boolean m_overwrite = false;

    @Override
    public void validate() throws InvalidSettingsException {
        if (m_file == null || m_file.isBlank()) {
            throw new InvalidSettingsException("Output file is not set: choose where the model is written.");
        }
    }
}
