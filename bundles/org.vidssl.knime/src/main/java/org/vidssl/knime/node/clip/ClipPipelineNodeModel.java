package org.vidssl.knime.node.clip;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.StringCell;
import org.knime.core.data.image.png.PNGImageContent;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeModel;
import org.vidssl.core.clip.Clip;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.knime.port.ClipPipelinePortObject;
import org.vidssl.knime.port.ClipPipelinePortObjectSpec;
import org.vidssl.knime.util.ClipImages;
import org.vidssl.knime.util.ClipPreview;
import org.vidssl.knime.util.KnimePaths;
import org.vidssl.knime.util.KnimeProgress;
import org.vidssl.knime.util.VideoTable;
import org.vidssl.video.clips.ClipSources;

/** Turns the dialog into a clip pipeline port and optionally renders example clips. */
@SuppressWarnings("deprecation") // WebUINodeModel is KNIME 5.6's current node API
final class ClipPipelineNodeModel extends WebUINodeModel<ClipPipelineSettings> {

    static final String TRAIN_CLIP = "Training clip";
    static final String VIEW_2 = "View 2";
    static final String INTRA_NEGATIVE = "Intra-negative";
    static final String TEST_CLIP = "Test clip";

    /** Seed of the preview's training clips and intra-negatives: fixed, so the preview is the same on every run. */
    private static final long PREVIEW_SEED = 632;

    private static final String FLOW_FOLDER = "Flow folder";

    ClipPipelineNodeModel(final WebUINodeConfiguration configuration) {
        super(configuration, ClipPipelineSettings.class);
    }

    static DataTableSpec previewSpec() {
        return new DataTableSpec(
                "Clip preview",
                VideoTable.column(VideoTable.VIDEO_ID, StringCell.TYPE),
                VideoTable.column(VideoTable.CLASS, StringCell.TYPE),
                VideoTable.column(TRAIN_CLIP, PNGImageContent.TYPE),
                VideoTable.column(VIEW_2, PNGImageContent.TYPE),
                VideoTable.column(INTRA_NEGATIVE, PNGImageContent.TYPE),
                VideoTable.column(TEST_CLIP, PNGImageContent.TYPE));
    }

    /** The port spec, with the flow folder resolved (workflow-relative, knime:// URLs) to an absolute path. */
    private static ClipPipelinePortObjectSpec portSpec(final ClipPipelineSettings settings, final Path flowFolder) {
        return new ClipPipelinePortObjectSpec(
                settings.toClipSettings().validate(), flowFolder == null ? "" : flowFolder.toString());
    }

    private static Path flowFolder(final ClipPipelineSettings settings) throws InvalidSettingsException {
        return KnimePaths.resolveOptional(settings.flowFolder(), FLOW_FOLDER);
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs, final ClipPipelineSettings settings)
            throws InvalidSettingsException {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        VideoTable.checkSpec((DataTableSpec) inSpecs[0], "preview video table");
        return new PortObjectSpec[] {portSpec(settings, flowFolder(settings)), previewSpec()};
    }

    @Override
    protected PortObject[] execute(
            final PortObject[] inObjects, final ExecutionContext exec, final ClipPipelineSettings settings)
            throws Exception {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        Path flow = flowFolder(settings);
        ClipPipelinePortObjectSpec spec = portSpec(settings, flow);
        ClipSettings clips = spec.settings();
        if (flow != null && !Files.isDirectory(flow)) { // it may be made later; the Pretrainer needs it
            setWarningMessage(FLOW_FOLDER + " '" + settings.flowFolder() + "' (" + flow + ") does not exist yet: "
                    + "extract the optical flow there before the IIC Pretrainer runs.");
        }
        BufferedDataContainer preview = exec.createDataContainer(previewSpec());
        BufferedDataTable videos = (BufferedDataTable) inObjects[0];
        if (videos != null && settings.m_previewVideos > 0) {
            VideoTable.Rows rows = VideoTable.read(videos, exec.createSubProgress(0.1));
            List<VideoEntry> shown = rows.videos()
                    .subList(0, Math.min(settings.m_previewVideos, rows.videos().size()));
            List<RowKey> keys = rows.keys();
            KnimeProgress.run(exec.createSubProgress(0.9), p -> {
                try (ClipSource source = ClipSources.open(shown, clips, spec.flowFolders())) {
                    for (int i = 0; i < shown.size(); i++) {
                        p.checkCancelled();
                        p.report(
                                (double) i / shown.size(),
                                "Rendering clips of video " + (i + 1) + " of " + shown.size() + " ("
                                        + shown.get(i).videoId() + ")");
                        Clip train = source.trainClip(i, PREVIEW_SEED, 1);
                        ClipPreview.Strips strips =
                                ClipPreview.render(train, clips.view2(), clips.intraNegative(), PREVIEW_SEED + i);
                        Clip test = source.testClips(i, 1).get(0);
                        preview.addRowToTable(new DefaultRow(
                                keys.get(i),
                                new StringCell(shown.get(i).videoId()),
                                new StringCell(shown.get(i).className()),
                                image(strips.clip()),
                                image(strips.view2()),
                                image(strips.intraNegative()),
                                image(ClipImages.rgbPng(test))));
                    }
                }
                return shown.size();
            });
            if (rows.warning() != null) {
                setWarningMessage(rows.warning());
            }
        }
        preview.close();
        return new PortObject[] {new ClipPipelinePortObject(spec), preview.getTable()};
    }

    /** A PNG image cell, or a missing cell when there is no image (no intra-negative, no flow). */
    private static DataCell image(final byte[] png) {
        return png == null ? DataType.getMissingCell() : new PNGImageContent(png).toImageCell();
    }
}
