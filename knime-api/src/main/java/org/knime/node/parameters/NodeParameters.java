package org.knime.node.parameters;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.persistence.Persistable;

public interface NodeParameters extends Persistable, WidgetGroup {
    default void validate() throws InvalidSettingsException {
        // nothing to check by default
    }
}
