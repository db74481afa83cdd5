package org.knime.core.webui.node.impl;

import java.util.stream.Stream;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.node.parameters.NodeParameters;

/**
 * In memory: the port-object variants hand tables to the table variants, as KNIME's do; loading settings is not
 * modelled, so a caller passes the settings instance.
 */
@Deprecated(since = "5.6")
public abstract class WebUINodeModel<S extends NodeParameters> extends NodeModel {
    protected WebUINodeModel(final WebUINodeConfiguration configuration, final Class<S> modelSettingsClass) {
        super(configuration.getInputPortTypes(), configuration.getOutputPortTypes());
    }

    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs, final S modelSettings)
            throws InvalidSettingsException {
        return configure(
                Stream.of(inSpecs).map(DataTableSpec.class::cast).toArray(DataTableSpec[]::new), modelSettings);
    }

    protected DataTableSpec[] configure(final DataTableSpec[] inSpecs, final S modelSettings)
            throws InvalidSettingsException {
        throw new UnsupportedOperationException("configure() implementation missing");
    }

    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec, final S modelSettings)
            throws Exception {
        return execute(
                Stream.of(inObjects).map(BufferedDataTable.class::cast).toArray(BufferedDataTable[]::new),
                exec,
                modelSettings);
    }

    protected BufferedDataTable[] execute(
            final BufferedDataTable[] inData, final ExecutionContext exec, final S modelSettings) throws Exception {
        throw new UnsupportedOperationException("execute() implementation missing");
    }
}
