package org.knime.node.parameters.updates;

import org.knime.core.webui.node.dialog.defaultdialog.util.updates.StateComputationFailureException;
import org.knime.node.parameters.NodeParametersInput;

public interface StateProvider<S> {
    interface StateProviderInitializer {
        void computeBeforeOpenDialog();
    }

    void init(StateProviderInitializer initializer);

    S computeState(NodeParametersInput parametersInput) throws StateComputationFailureException;
}
