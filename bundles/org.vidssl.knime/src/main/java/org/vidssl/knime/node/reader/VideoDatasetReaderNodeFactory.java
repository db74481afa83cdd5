package org.vidssl.knime.node.reader;

import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeFactory;
import org.vidssl.knime.util.NodeDescriptionTexts;

/** Video Dataset Reader: lists the videos of a dataset with class and split. */
@SuppressWarnings("deprecation") // WebUINodeFactory is KNIME 5.6's current node API
public final class VideoDatasetReaderNodeFactory extends WebUINodeFactory<VideoDatasetReaderNodeModel> {

    static final NodeDescriptionTexts DESCRIPTION = NodeDescriptionTexts.builder()
            .name("Video Dataset Reader")
            .icon("./video-dataset-reader.png")
            .shortDescription("Lists the videos of a dataset (UCF101/HMDB51 split files or class folders) with class, "
                    + "class index and split.")
            .fullDescription("""
            <p>Reads an action-recognition dataset and outputs one row per video. With <i>split files</i>
            the classes come from <tt>classInd.txt</tt> and the train and test videos from
            <tt>trainlistNN.txt</tt> / <tt>testlistNN.txt</tt> of the chosen split, as for UCF101 and
            HMDB51. With <i>class folders</i> every sub-folder of the root is a class and a seeded random
            share of each class becomes the test split.</p>
            <p>Entries that name missing files are skipped with a warning naming the list file and line.
            Nothing is decoded here: connect the Video Frame Extractor to decode the videos once, or feed
            the table straight to the training nodes, which can read video files directly.</p>""")
            .modelSettingsClass(VideoDatasetReaderSettings.class)
            .addOutputTable(
                    "Videos",
                    "One row per video: Video ID, Class, Class index (0-based), Split (train/test), "
                            + "Path of the video file and Frames (missing until decoded).")
            .keywords("video", "dataset", "UCF101", "HMDB51", "split")
            .build();

    private final WebUINodeConfiguration m_configuration;

    public VideoDatasetReaderNodeFactory() {
        this(DESCRIPTION.configuration());
    }

    private VideoDatasetReaderNodeFactory(final WebUINodeConfiguration configuration) {
        super(configuration);
        m_configuration = configuration;
    }

    @Override
    public VideoDatasetReaderNodeModel createNodeModel() {
        return new VideoDatasetReaderNodeModel(m_configuration);
    }
}
