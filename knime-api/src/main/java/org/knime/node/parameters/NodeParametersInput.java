package org.knime.node.parameters;

import java.util.Optional;
import org.knime.core.data.DataTableSpec;

public interface NodeParametersInput {
    Optional<DataTableSpec> getInTableSpec(int portIndex);
}
