package org.knime.node.parameters.widget.choices.util;

import java.util.Collection;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataValue;

public class CompatibleColumnsProvider implements FilteredInputTableColumnsProvider {
    protected CompatibleColumnsProvider(final Class<? extends DataValue> valueClass) {
        throw new UnsupportedOperationException();
    }

    protected CompatibleColumnsProvider(final Collection<Class<? extends DataValue>> valueClasses) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isIncluded(final DataColumnSpec col) {
        throw new UnsupportedOperationException();
    }

    public static class StringColumnsProvider extends CompatibleColumnsProvider {
        protected StringColumnsProvider() {
            super((Class<? extends DataValue>) null);
            throw new UnsupportedOperationException();
        }
    }
}
