package org.knime.core.webui.node.impl;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.knime.core.node.DefaultNodeProgressMonitor;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeProgressMonitor;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.workflow.NodeContext;
import org.knime.node.parameters.NodeParameters;

/**
 * Test support (not KNIME API): runs node models on the in-memory KNIME declarations as KNIME's framework does,
 * with the workflow folder as node context (so workflow-relative paths and {@code knime://knime.workflow} URLs
 * resolve), the settings instance the dialog would hold, and a fresh execution context per execution. It lives
 * in this package because the configure/execute methods taking settings are protected here.
 */
public final class NodeRunner {

    /** A node model with the settings it runs with. */
    public record Node<S extends NodeParameters>(WebUINodeModel<S> model, S settings) {}

    private final Path m_workflow;

    /** @param workflowFolder the folder of the "workflow" the nodes run in */
    public NodeRunner(final Path workflowFolder) {
        m_workflow = workflowFolder;
    }

    public Path workflow() {
        return m_workflow;
    }

    /** An execution context whose monitor the caller may cancel. */
    public static ExecutionContext newExec(final NodeProgressMonitor monitor) {
        return new ExecutionContext(monitor, null);
    }

    public <S extends NodeParameters> PortObjectSpec[] configure(final Node<S> node, final PortObjectSpec... inSpecs)
            throws InvalidSettingsException {
        NodeContext.pushContext(m_workflow);
        try {
            return node.model().configure(inSpecs, node.settings());
        } finally {
            NodeContext.removeLastContext();
        }
    }

    public <S extends NodeParameters> PortObject[] execute(
            final Node<S> node, final ExecutionContext exec, final PortObject... inObjects) throws Exception {
        NodeContext.pushContext(m_workflow);
        try {
            return node.model().execute(inObjects, exec, node.settings());
        } finally {
            NodeContext.removeLastContext();
        }
    }

    /**
     * Configures with the inputs' specs, executes, and checks, as KNIME does, that every output spec configure
     * already knew is the spec of the output execute made.
     */
    public <S extends NodeParameters> PortObject[] run(final Node<S> node, final PortObject... inObjects)
            throws Exception {
        PortObjectSpec[] inSpecs = Arrays.stream(inObjects)
                .map(o -> o == null ? null : o.getSpec())
                .toArray(PortObjectSpec[]::new);
        PortObjectSpec[] specs = configure(node, inSpecs);
        PortObject[] out = execute(node, newExec(new DefaultNodeProgressMonitor()), inObjects);
        if (specs.length != out.length) {
            throw new AssertionError("configure gave " + specs.length + " specs, execute " + out.length + " outputs");
        }
        for (int i = 0; i < out.length; i++) {
            if (specs[i] != null && !Objects.equals(specs[i], out[i].getSpec())) {
                throw new AssertionError(
                        "Output " + i + ": configure said " + specs[i] + ", execute made " + out[i].getSpec());
            }
        }
        return out;
    }
}
