package org.knime.core.webui.node.dialog.defaultdialog.util.updates;

public final class StateComputationFailureException extends Exception {
    private static final long serialVersionUID = 1L;

    public StateComputationFailureException(final String message) {
        throw new UnsupportedOperationException();
    }
}
