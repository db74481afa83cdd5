package org.knime.node.parameters.widget.choices.util;

import java.util.List;
import org.knime.core.data.DataColumnSpec;
import org.knime.node.parameters.NodeParametersInput;
import org.knime.node.parameters.widget.choices.ColumnChoicesProvider;

public interface FilteredInputTableColumnsProvider extends InputTableIndexHolder, ColumnChoicesProvider {
    @Override
    default List<DataColumnSpec> columnChoices(final NodeParametersInput context) {
        throw new UnsupportedOperationException();
    }

    boolean isIncluded(DataColumnSpec col);
}
