package org.vidssl.knime.node.frames;

import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeFactory;
import org.vidssl.knime.util.NodeDescriptionTexts;

/** Video Frame Extractor: decodes videos once into JPEG frame folders. */
@SuppressWarnings("deprecation") // WebUINodeFactory is KNIME 5.6's current node API
public final class VideoFrameExtractorNodeFactory extends WebUINodeFactory<VideoFrameExtractorNodeModel> {

    static final NodeDescriptionTexts DESCRIPTION = NodeDescriptionTexts.builder()
            .name("Video Frame Extractor")
            .icon("./video-frame-extractor.png")
            .shortDescription("Decodes each video into a folder of resized JPEG frames, so training reads frames "
                    + "instead of decoding video again every epoch.")
            .fullDescription("""
            <p>Decodes the videos of the input table with FFmpeg, resizes every frame (128x171 in the paper)
            and writes them as <tt>frame000001.jpg, frame000002.jpg, ...</tt> into one folder per video,
            as the reference implementation expects.</p>
            <p>The run is resumable: a video whose folder is already complete is skipped, and each folder is
            written under a temporary name and renamed when done, so a cancelled run leaves no half-written
            folder. Videos that cannot be decoded do not stop the node; they go to the second output with
            the reason.</p>
            <p>With <i>Optical flow</i> set to TV-L1 or Farneback, the flow between each frame and the next is
            computed from the same decoded frames (grey, at the frame size) and written as grey JPEGs
            <tt>u/&lt;video ID&gt;/frame000001.jpg ...</tt> and <tt>v/&lt;video ID&gt;/...</tt> inside the output
            folder, in the layout and 8-bit quantisation of the paper's TV-L1 data (flow clipped to 20 pixels either
            way, zero motion is grey 128). These folders are resumable and atomic like the frame folders; frames
            decoded earlier without flow are kept and only the flow is added. Point the Clip Pipeline's flow folder
            at the output folder to train or embed with the flow views u and v.</p>""")
            .modelSettingsClass(VideoFrameExtractorSettings.class)
            .addInputTable("Videos", "Video table from the Video Dataset Reader or Synthetic Motion Videos.")
            .addOutputTable(
                    "Decoded videos",
                    "The input rows of the decoded videos with Frames (decoded frame count) "
                            + "and Frame folder added; training and embedding nodes read the frame folder.")
            .addOutputTable("Failed videos", "Video ID, Path and the Reason for every row that could not be decoded.")
            .keywords("video", "decode", "frames", "FFmpeg", "JPEG", "optical flow", "TV-L1")
            .build();

    private final WebUINodeConfiguration m_configuration;

    public VideoFrameExtractorNodeFactory() {
        this(DESCRIPTION.configuration());
    }

    private VideoFrameExtractorNodeFactory(final WebUINodeConfiguration configuration) {
        super(configuration);
        m_configuration = configuration;
    }

    @Override
    public VideoFrameExtractorNodeModel createNodeModel() {
        return new VideoFrameExtractorNodeModel(m_configuration);
    }
}
