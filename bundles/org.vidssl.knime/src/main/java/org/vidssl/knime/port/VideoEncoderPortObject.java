package org.vidssl.knime.port;

import java.io.IOException;
import org.knime.core.data.filestore.FileStore;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectZipInputStream;
import org.knime.core.node.port.PortObjectZipOutputStream;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;

/** A pretrained video backbone (no classification head), stored in a file store. */
public final class VideoEncoderPortObject extends VideoModelPortObject {

    /** Serializer registered in plugin.xml. */
    public static final class Serializer extends PortObjectSerializer<VideoEncoderPortObject> {

        @Override
        public void savePortObject(
                final VideoEncoderPortObject portObject,
                final PortObjectZipOutputStream out,
                final ExecutionMonitor exec)
                throws IOException {
            writeMarker(out);
        }

        @Override
        public VideoEncoderPortObject loadPortObject(
                final PortObjectZipInputStream in, final PortObjectSpec spec, final ExecutionMonitor exec)
                throws IOException {
            checkMarker(in);
            return new VideoEncoderPortObject((VideoEncoderPortObjectSpec) spec);
        }
    }

    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(VideoEncoderPortObject.class);

    public static final PortType TYPE_OPTIONAL =
            PortTypeRegistry.getInstance().getPortType(VideoEncoderPortObject.class, true);

    private VideoEncoderPortObject(final VideoEncoderPortObjectSpec spec) {
        super(spec);
    }

    /** @param fileStore holds the model file, already written by the engine */
    public VideoEncoderPortObject(final VideoEncoderPortObjectSpec spec, final FileStore fileStore) {
        super(spec, fileStore);
    }

    @Override
    public VideoEncoderPortObjectSpec getSpec() {
        return (VideoEncoderPortObjectSpec) super.getSpec();
    }
}
