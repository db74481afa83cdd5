package org.vidssl.knime.port;

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

    @Override
    public String summary() {
        return "Video encoder: " + super.summary();
    }
}
