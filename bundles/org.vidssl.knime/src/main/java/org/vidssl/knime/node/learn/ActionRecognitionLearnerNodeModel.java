package org.vidssl.knime.node.learn;

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
import org.vidssl.core.finetune.FinetuneEpoch;
import org.vidssl.core.finetune.FinetuneSettings;
import org.vidssl.core.settings.Records;
import org.vidssl.knime.port.ActionClassifierPortObject;
import org.vidssl.knime.port.ActionClassifierPortObjectSpec;
import org.vidssl.knime.port.VideoEncoderPortObject;
import org.vidssl.knime.port.VideoEncoderPortObjectSpec;
import org.vidssl.knime.util.Histories;
import org.vidssl.knime.util.KnimePaths;
import org.vidssl.knime.util.KnimeProgress;
import org.vidssl.knime.util.ModelClips;
import org.vidssl.knime.util.TrainingInputs;
import org.vidssl.knime.util.VideoTable;
import org.vidssl.torch.engine.Devices;
import org.vidssl.torch.finetune.ClassifierFile;
import org.vidssl.torch.finetune.FineTuner;
import org.vidssl.torch.finetune.FinetuneOutcome;
import org.vidssl.torch.model.EncoderFile;
import org.vidssl.torch.model.InputSpec;
import org.vidssl.torch.model.VideoEncoder;
import org.vidssl.video.clips.ClipSources;

@SuppressWarnings("deprecation") // WebUINodeModel is KNIME 5.6's current node API
final class ActionRecognitionLearnerNodeModel extends WebUINodeModel<ActionRecognitionLearnerSettings> {

    private static final String CHECKPOINT_FOLDER = "Checkpoint folder";

    ActionRecognitionLearnerNodeModel(final WebUINodeConfiguration configuration) {
        super(configuration, ActionRecognitionLearnerSettings.class);
    }

    static DataTableSpec historySpec() {
        return VideoTable.spec("Training history", Histories.FINETUNE);
    }

    /** The engine settings: the clip size is the encoder's when one is connected. */
    private static FinetuneSettings finetuneSettings(
            final ActionRecognitionLearnerSettings settings, final VideoEncoderPortObjectSpec encoder) {
        return encoder == null
                ? settings.toFinetuneSettings()
                : settings.toFinetuneSettings(encoder.clipLength(), encoder.height());
    }

    @Override
    protected PortObjectSpec[] configure(
            final PortObjectSpec[] inSpecs, final ActionRecognitionLearnerSettings settings)
            throws InvalidSettingsException {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        VideoTable.checkSpec((DataTableSpec) inSpecs[1], "video table");
        checkEncoder((VideoEncoderPortObjectSpec) inSpecs[0]);
        KnimePaths.resolveOptional(settings.m_checkpointFolder, CHECKPOINT_FOLDER); // a bad path fails here already
        // the class list is only known once the table's rows are read
        return new PortObjectSpec[] {null, historySpec()};
    }

    private static void checkEncoder(final VideoEncoderPortObjectSpec encoder) throws InvalidSettingsException {
        if (encoder != null && encoder.height() != encoder.width()) {
            throw new InvalidSettingsException("The encoder expects " + encoder.height() + "x" + encoder.width()
                    + " inputs; fine-tuning uses square crops. Use an encoder trained on square crops.");
        }
    }

    @Override
    protected PortObject[] execute(
            final PortObject[] inObjects, final ExecutionContext exec, final ActionRecognitionLearnerSettings settings)
            throws Exception {
        settings.validate(); // KNIME 5.6.0 does not validate NodeParameters itself
        VideoEncoderPortObject encoder = (VideoEncoderPortObject) inObjects[0];
        checkEncoder(encoder == null ? null : encoder.getSpec());
        Path checkpoints = KnimePaths.resolveOptional(settings.m_checkpointFolder, CHECKPOINT_FOLDER);
        FinetuneSettings finetune = Records.with(
                finetuneSettings(settings, encoder == null ? null : encoder.getSpec()), "checkpointDir", checkpoints);
        if (checkpoints != null) {
            TrainingInputs.checkResume(FineTuner.checkpointFile(checkpoints), settings.m_resume);
        }
        VideoTable.Rows rows = VideoTable.read((BufferedDataTable) inObjects[1], exec.createSubProgress(0.01));
        List<VideoEntry> videos = TrainingInputs.select(rows.videos(), settings.m_trainSplitOnly);
        List<String> classes = TrainingInputs.classes(videos);
        FileStore store = exec.createFileStore("action-classifier");
        Path classifierFile = store.getFile().toPath();
        // the engine queues this training behind any other one (TrainingLock) and reports the wait
        List<FinetuneEpoch> history = KnimeProgress.run(exec.createSubProgress(0.98), p -> {
            // a pretrained encoder's clips are cut as it was trained; the random-init baseline gets the paper's resize
            ClipSettings clips = encoder == null
                    ? new InputSpec(finetune.clipLength(), finetune.cropSize(), finetune.cropSize())
                            .clipSettings(finetune.modality(), finetune.testClips())
                    : ModelClips.forModel(encoder.getSpec(), finetune.testClips());
            try (ClipSource source = ClipSources.open(videos, clips, null);
                    VideoEncoder pretrained = encoder == null
                            ? null
                            : EncoderFile.load(encoder.modelFile(), Devices.parse(finetune.device()));
                    FinetuneOutcome outcome = FineTuner.run(source, pretrained, classes, finetune, p)) {
                ClassifierFile.save(classifierFile, outcome.classifier());
                return outcome.history();
            }
        });
        ActionClassifierPortObjectSpec spec =
                ActionClassifierPortObjectSpec.of(ClassifierFile.readHeader(classifierFile));
        if (rows.warning() != null) {
            setWarningMessage(rows.warning());
        }
        return new PortObject[] {
            new ActionClassifierPortObject(spec, store),
            VideoTable.write("Training history", Histories.FINETUNE, history, exec)
        };
    }
}
