package org.vidssl.knime.node.modelwriter;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;

/** Dialog of the Video Model Writer. */
public final class VideoModelWriterSettings implements NodeParameters {

    @Widget(title = "Output file", description = "Where the model is written, e.g. <tt>/models/iic-r3d.vidssl</tt>. "
        + "The file holds the weights and the metadata shown in the port summary; the Video Model Reader and the "
        + "command-line tool read it.")
    String m_file = "";

    @Widget(title = "Overwrite existing file", description = "Replace the file if it exists; off: the node fails "
        + "instead, so a trained model is not lost by accident.")
    boolean m_overwrite = false;

    @Override
    public void validate() throws InvalidSettingsException {
        if (m_file == null || m_file.isBlank()) {
            throw new InvalidSettingsException("Choose the output file.");
        }
    }
}
