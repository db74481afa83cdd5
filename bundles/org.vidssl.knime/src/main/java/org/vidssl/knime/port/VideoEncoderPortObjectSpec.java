package org.vidssl.knime.port;

import org.vidssl.torch.model.EncoderHeader;
import org.vidssl.torch.model.InputSpec;

/** Spec of the video encoder port: backbone, modality and input geometry (clip length, crop, resize). */
public final class VideoEncoderPortObjectSpec extends VideoModelPortObjectSpec {

    /** Serializer registered in plugin.xml. */
    public static final class Serializer extends AbstractSimplePortObjectSpecSerializer<VideoEncoderPortObjectSpec> {}

    /** For the framework's loader only. */
    public VideoEncoderPortObjectSpec() {}

    public VideoEncoderPortObjectSpec(final String architecture, final String modality, final InputSpec input) {
        super(architecture, modality, input);
    }

    /** The spec of an encoder file with this header. */
    public static VideoEncoderPortObjectSpec of(final EncoderHeader header) {
        return new VideoEncoderPortObjectSpec(header.architecture().id(), header.modality(), header.input());
    }

    @Override
    public String summary() {
        return "Video encoder: " + super.summary();
    }
}
