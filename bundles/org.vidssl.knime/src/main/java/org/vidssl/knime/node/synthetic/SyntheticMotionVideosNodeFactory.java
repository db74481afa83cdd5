package org.vidssl.knime.node.synthetic;

import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeFactory;
import org.vidssl.knime.util.NodeDescriptionTexts;

/** Synthetic Motion Videos: writes the built-in demo dataset. */
@SuppressWarnings("deprecation") // WebUINodeFactory is KNIME 5.6's current node API
public final class SyntheticMotionVideosNodeFactory extends WebUINodeFactory<SyntheticMotionVideosNodeModel> {

    static final NodeDescriptionTexts DESCRIPTION = NodeDescriptionTexts.builder()
            .name("Synthetic Motion Videos")
            .icon("./synthetic-motion-videos.png")
            .shortDescription("Generates a small action dataset whose classes differ only in motion, for demos and "
                    + "tests without downloading UCF101.")
            .fullDescription("""
            <p>Writes a dataset of real video files in the UCF101 layout (class folders, classInd.txt,
            trainlist01.txt, testlist01.txt) and outputs the same table as the Video Dataset Reader.</p>
            <p>Each class is a motion pattern (moving in a direction, circling, zig-zagging, zooming,
            rotating, ...). Shape, colour, size, background and noise are random and shared by all classes,
            so appearance alone cannot tell the class: a network must learn motion, which is what the
            inter-intra contrastive pretraining is for. The same seed always gives the same videos.</p>""")
            .modelSettingsClass(SyntheticMotionVideosSettings.class)
            .addOutputTable(
                    "Videos", "One row per generated video: Video ID, Class, Class index, Split, Path and " + "Frames.")
            .keywords("video", "dataset", "synthetic", "demo", "motion")
            .build();

    private final WebUINodeConfiguration m_configuration;

    public SyntheticMotionVideosNodeFactory() {
        this(DESCRIPTION.configuration());
    }

    private SyntheticMotionVideosNodeFactory(final WebUINodeConfiguration configuration) {
        super(configuration);
        m_configuration = configuration;
    }

    @Override
    public SyntheticMotionVideosNodeModel createNodeModel() {
        return new SyntheticMotionVideosNodeModel(m_configuration);
    }
}
