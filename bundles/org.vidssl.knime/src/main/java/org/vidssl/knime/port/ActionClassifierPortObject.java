package org.vidssl.knime.port;

import java.io.IOException;
import org.knime.core.data.filestore.FileStore;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectZipInputStream;
import org.knime.core.node.port.PortObjectZipOutputStream;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;

/** A video backbone with a linear classification head, stored in a file store. */
public final class ActionClassifierPortObject extends VideoModelPortObject {

    /** Serializer registered in plugin.xml. */
    public static final class Serializer extends PortObjectSerializer<ActionClassifierPortObject> {

        @Override
        public void savePortObject(
                final ActionClassifierPortObject portObject,
                final PortObjectZipOutputStream out,
                final ExecutionMonitor exec)
                throws IOException {
            writeMarker(out);
        }

        @Override
        public ActionClassifierPortObject loadPortObject(
                final PortObjectZipInputStream in, final PortObjectSpec spec, final ExecutionMonitor exec)
                throws IOException {
            checkMarker(in);
            return new ActionClassifierPortObject((ActionClassifierPortObjectSpec) spec);
        }
    }

    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(ActionClassifierPortObject.class);

    public static final PortType TYPE_OPTIONAL =
            PortTypeRegistry.getInstance().getPortType(ActionClassifierPortObject.class, true);

    private ActionClassifierPortObject(final ActionClassifierPortObjectSpec spec) {
        super(spec);
    }

    /** @param fileStore holds the model file, already written by the engine */
    public ActionClassifierPortObject(final ActionClassifierPortObjectSpec spec, final FileStore fileStore) {
        super(spec, fileStore);
    }

    @Override
    public ActionClassifierPortObjectSpec getSpec() {
        return (ActionClassifierPortObjectSpec) super.getSpec();
    }
}
