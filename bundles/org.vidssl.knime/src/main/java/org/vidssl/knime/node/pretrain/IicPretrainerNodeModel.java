package org.vidssl.knime.node.pretrain;

import java.nio.file.Path;
import java.util.List;

import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.filestore.FileStore;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeModel;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.progress.Progress;
import org.vidssl.knime.port.ClipPipelinePortObject;
import org.vidssl.knime.port.ClipPipelinePortObjectSpec;
import org.vidssl.knime.port.VideoEncoderPortObject;
import org.vidssl.knime.port.VideoEncoderPortObjectSpec;
import org.vidssl.knime.util.EnginePending;
import org.vidssl.knime.util.KnimeProgress;
import org.vidssl.knime.util.VideoTable;

@SuppressWarnings("deprecation") // WebUINodeModel is KNIME 5.6's current node API
final class IicPretrainerNodeModel extends WebUINodeModel<IicPretrainerSettings> {

    /** One row of the training history (mirrors the engine's EpochRecord). */
    record Epoch(int epoch, double loss, double learningRate, double seconds) {
    }

    IicPretrainerNodeModel(final WebUINodeConfiguration configuration) {
        super(configuration, IicPretrainerSettings.class);
    }

    static DataTableSpec historySpec() {
        return new DataTableSpec("Training history", VideoTable.column("Epoch", IntCell.TYPE),
            VideoTable.column("Loss", DoubleCell.TYPE), VideoTable.column("Learning rate", DoubleCell.TYPE),
            VideoTable.column("Seconds", DoubleCell.TYPE));
    }

    static VideoEncoderPortObjectSpec encoderSpec(final IicPretrainerSettings settings, final ClipSettings clips) {
        return new VideoEncoderPortObjectSpec(settings.m_architecture.id(), clips.view2().id(), clips.clipLength(),
            clips.cropSize(), clips.cropSize());
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs, final IicPretrainerSettings settings)
        throws InvalidSettingsException {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        VideoTable.checkSpec((DataTableSpec)inSpecs[0], "video table");
        ClipPipelinePortObjectSpec clips = (ClipPipelinePortObjectSpec)inSpecs[1];
        if (clips != null && clips.settings().view2().needsFlow()) {
            setWarningMessage("View 2 '" + clips.settings().view2().id() + "' reads optical flow folders u/ and v/ "
                + "next to the frame folders; videos without them will fail.");
        }
        return new PortObjectSpec[]{clips == null ? null : encoderSpec(settings, clips.settings()), historySpec()};
    }

    @Override
    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec,
        final IicPretrainerSettings settings) throws Exception {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        ClipSettings clips = ((ClipPipelinePortObject)inObjects[1]).settings();
        VideoTable.Rows rows = VideoTable.read((BufferedDataTable)inObjects[0], exec.createSubProgress(0.01));
        List<VideoEntry> videos = rows.videos().stream()
            .filter(v -> !settings.m_trainSplitOnly || v.split() == Split.TRAIN).toList();
        if (videos.size() < settings.m_batchSize) {
            throw new InvalidSettingsException("Only " + videos.size() + " usable training video(s) but the batch "
                + "size is " + settings.m_batchSize + ": lower the batch size or connect more videos"
                + (settings.m_trainSplitOnly ? " (only rows with Split = train are used)." : "."));
        }
        FileStore store = exec.createFileStore("iic-encoder");
        List<Epoch> history = KnimeProgress.run(exec.createSubProgress(0.98),
            p -> pretrain(videos, clips, settings, store.getFile().toPath(), p));
        BufferedDataContainer out = exec.createDataContainer(historySpec());
        for (Epoch e : history) {
            out.addRowToTable(new DefaultRow(RowKey.createRowKey((long)e.epoch()), new IntCell(e.epoch()),
                new DoubleCell(e.loss()), new DoubleCell(e.learningRate()), new DoubleCell(e.seconds())));
        }
        out.close();
        if (rows.warning() != null) {
            setWarningMessage(rows.warning());
        }
        return new PortObject[]{new VideoEncoderPortObject(encoderSpec(settings, clips), store), out.getTable()};
    }

    private static List<Epoch> pretrain(final List<VideoEntry> videos, final ClipSettings clips,
        final IicPretrainerSettings settings, final Path encoderFile, final Progress progress) {
        // ENGINE-PENDING: try (ClipSource source = ClipSources.open(videos, clips, flow)) {
        //     PretrainResult r = Pretrainer.run(source, pretrainSettings, progress);
        //     EncoderFile.save(r.encoder(), encoderFile); map r.history() (EpochRecord) to Epoch }
        throw EnginePending.notYet("the IIC pretraining loop (Pretrainer.run)");
    }
}
