package org.vidssl.knime.port;

import org.vidssl.torch.model.EncoderHeader;
import org.vidssl.torch.model.InputSpec;

/** Spec of the video encoder port: backbone, modality and input size T x H x W. */
public final class VideoEncoderPortObjectSpec extends VideoModelPortObjectSpec {

    /** Serializer registered in plugin.xml. */
    public static final class Serializer extends AbstractSimplePortObjectSpecSerializer<VideoEncoderPortObjectSpec> {
    }

    /** For the framework's loader only. */
    public VideoEncoderPortObjectSpec() {
    }

    public VideoEncoderPortObjectSpec(final String architecture, final String modality, final int clipLength,
        final int height, final int width) {
        super(architecture, modality, clipLength, height, width);
    }

    /** The spec of an encoder file with this header. */
    public static VideoEncoderPortObjectSpec of(final EncoderHeader header) {
        InputSpec input = header.input();
        return new VideoEncoderPortObjectSpec(header.architecture().id(), header.modality(), input.frames(),
            input.height(), input.width());
    }

    @Override
    public String summary() {
        return "Video encoder: " + super.summary();
    }
}
