package org.knime.core.node;

import java.util.ArrayList;
import java.util.List;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTable;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.container.DataContainer;

public class BufferedDataContainer extends DataContainer {
    private BufferedDataTable m_table;

    BufferedDataContainer(final DataTableSpec spec) {
        super(spec);
    }

    @Override
    public BufferedDataTable getTable() {
        if (m_table == null) {
            DataTable table = super.getTable();
            List<DataRow> rows = new ArrayList<>();
            table.forEach(rows::add);
            m_table = new BufferedDataTable(table.getDataTableSpec(), rows);
        }
        return m_table;
    }
}
