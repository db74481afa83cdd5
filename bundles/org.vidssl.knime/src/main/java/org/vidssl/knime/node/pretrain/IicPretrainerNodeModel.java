package org.vidssl.knime.node.pretrain;

import java.nio.file.Path;
import java.util.List;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.filestore.FileStore;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.webui.node.impl.WebUINodeConfiguration;
import org.knime.core.webui.node.impl.WebUINodeModel;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.pretrain.EpochRecord;
import org.vidssl.core.pretrain.PretrainSettings;
import org.vidssl.core.settings.Backbone;
import org.vidssl.core.settings.Records;
import org.vidssl.knime.port.ClipPipelinePortObject;
import org.vidssl.knime.port.ClipPipelinePortObjectSpec;
import org.vidssl.knime.port.VideoEncoderPortObject;
import org.vidssl.knime.port.VideoEncoderPortObjectSpec;
import org.vidssl.knime.util.Histories;
import org.vidssl.knime.util.KnimePaths;
import org.vidssl.knime.util.KnimeProgress;
import org.vidssl.knime.util.TrainingInputs;
import org.vidssl.knime.util.VideoTable;
import org.vidssl.torch.model.EncoderFile;
import org.vidssl.torch.model.EncoderHeader;
import org.vidssl.torch.model.InputSpec;
import org.vidssl.torch.pretrain.IicPretraining;
import org.vidssl.torch.pretrain.PretrainOutcome;
import org.vidssl.torch.pretrain.Pretrainer;
import org.vidssl.video.clips.ClipSources;

@SuppressWarnings("deprecation") // WebUINodeModel is KNIME 5.6's current node API
final class IicPretrainerNodeModel extends WebUINodeModel<IicPretrainerSettings> {

    private static final String CHECKPOINT_FOLDER = "Checkpoint folder";

    IicPretrainerNodeModel(final WebUINodeConfiguration configuration) {
        super(configuration, IicPretrainerSettings.class);
    }

    static DataTableSpec historySpec() {
        return VideoTable.spec("Training history", Histories.PRETRAIN);
    }

    /** What the encoder port will hold: known before training from the settings and the clip pipeline. */
    static VideoEncoderPortObjectSpec encoderSpec(final PretrainSettings s, final ClipSettings clips) {
        return VideoEncoderPortObjectSpec.of(EncoderHeader.of(
                Backbone.parse(s.model()), InputSpec.of(clips), s.modality().id()));
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs, final IicPretrainerSettings settings)
            throws InvalidSettingsException {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        VideoTable.checkSpec((DataTableSpec) inSpecs[0], "video table");
        ClipPipelinePortObjectSpec clips = (ClipPipelinePortObjectSpec) inSpecs[1];
        if (clips == null) {
            return new PortObjectSpec[] {null, historySpec()};
        }
        settings.validate(clips.settings());
        KnimePaths.resolveOptional(settings.m_checkpointFolder, CHECKPOINT_FOLDER); // a bad path fails here already
        return new PortObjectSpec[] {
            encoderSpec(settings.toPretrainSettings(clips.settings()), clips.settings()), historySpec()
        };
    }

    @Override
    protected PortObject[] execute(
            final PortObject[] inObjects, final ExecutionContext exec, final IicPretrainerSettings settings)
            throws Exception {
        ClipPipelinePortObjectSpec pipeline = ((ClipPipelinePortObject) inObjects[1]).getSpec();
        ClipSettings clips = pipeline.settings();
        settings.validate(clips); // KNIME 5.6.0 does not validate NodeParameters itself
        Path checkpoints = KnimePaths.resolveOptional(settings.m_checkpointFolder, CHECKPOINT_FOLDER);
        PretrainSettings pretrain = Records.builder(settings.toPretrainSettings(clips))
                .set("checkpointDir", checkpoints)
                .build();
        if (checkpoints != null) {
            TrainingInputs.checkResume(Pretrainer.checkpointFile(checkpoints), settings.m_resume);
        }
        VideoTable.Rows rows = VideoTable.read((BufferedDataTable) inObjects[0], exec.createSubProgress(0.01));
        List<VideoEntry> videos = TrainingInputs.select(rows.videos(), settings.m_trainSplitOnly);
        TrainingInputs.requireBatch(videos, pretrain.batchSize(), settings.m_trainSplitOnly);
        FileStore store = exec.createFileStore("iic-encoder");
        Path encoderFile = store.getFile().toPath();
        // the engine queues this training behind any other one (TrainingLock) and reports the wait
        VideoEncoderPortObjectSpec spec;
        List<EpochRecord> history;
        try (ClipSource source = ClipSources.open(videos, clips, pipeline.flowFolders());
                PretrainOutcome outcome = KnimeProgress.run(
                        exec.createSubProgress(0.98), p -> IicPretraining.run(source, pretrain, p, step -> {}))) {
            EncoderFile.save(encoderFile, outcome.encoder());
            spec = VideoEncoderPortObjectSpec.of(outcome.encoder().header());
            history = outcome.history();
        }
        if (rows.warning() != null) {
            setWarningMessage(rows.warning());
        }
        return new PortObject[] {
            new VideoEncoderPortObject(spec, store),
            VideoTable.write("Training history", Histories.PRETRAIN, history, exec)
        };
    }
}
