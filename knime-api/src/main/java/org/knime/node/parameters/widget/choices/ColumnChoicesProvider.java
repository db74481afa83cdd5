package org.knime.node.parameters.widget.choices;

import java.util.List;
import org.knime.core.data.DataColumnSpec;
import org.knime.node.parameters.NodeParametersInput;

public interface ColumnChoicesProvider extends TypedStringChoicesProvider {
    @Override
    default void init(final StateProviderInitializer initializer) {
        throw new UnsupportedOperationException();
    }

    default List<DataColumnSpec> columnChoices(final NodeParametersInput context) {
        throw new UnsupportedOperationException();
    }

    @Override
    default List<TypedStringChoice> computeState(final NodeParametersInput context) {
        throw new UnsupportedOperationException();
    }
}
