package org.vidssl.core.settings;

/**
 * A setting has a value the step cannot use (out of range, unknown name): the user's choice to correct, not a fault
 * of the data. The command line answers it as a usage error (exit code 2); the KNIME nodes as a configuration error.
 */
public class InvalidSettingsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidSettingsException(String message) {
        super(message);
    }
}
