package org.vidssl.knime.node.learn;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.layout.After;
import org.knime.node.parameters.layout.Layout;
import org.knime.node.parameters.layout.Section;
import org.knime.node.parameters.updates.Effect;
import org.knime.node.parameters.updates.Effect.EffectType;
import org.knime.node.parameters.updates.EffectPredicate;
import org.knime.node.parameters.updates.EffectPredicateProvider;
import org.knime.node.parameters.updates.ParameterReference;
import org.knime.node.parameters.updates.ValueReference;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.choices.ValueSwitchWidget;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsNonNegativeValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveDoubleValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;
import org.vidssl.core.clip.View;
import org.vidssl.core.finetune.FinetuneSettings;
import org.vidssl.core.settings.Records;
import org.vidssl.knime.util.ArchitectureChoice;
import org.vidssl.knime.util.Devices;
import org.vidssl.knime.util.PathSettings;
import org.vidssl.knime.util.Problems;

/**
 * Dialog of the Action Recognition Learner; defaults and validation come from {@link FinetuneSettings} (the paper's
 * fine-tuning recipe).
 */
public final class ActionRecognitionLearnerSettings implements NodeParameters {

    private static final FinetuneSettings DEFAULTS = FinetuneSettings.DEFAULTS;

    /** The input the classifier is trained on; the names are those of {@link View}. */
    enum InputChoice {
        @Label(value = "RGB", description = "The RGB clips.")
        RGB,
        @Label(
                value = "Residual",
                description = "Frame differences x - roll(x, 1) (the paper fine-tunes "
                        + "residual-pretrained encoders on residuals).")
        RES
    }

    @Section(title = "Data")
    interface DataSection {}

    @Section(
            title = "Model",
            description = "The backbone settings apply only when no encoder is connected; a "
                    + "connected encoder brings its own.")
    @After(DataSection.class)
    interface ModelSection {}

    @Section(title = "Optimisation")
    @After(ModelSection.class)
    interface OptimisationSection {}

    @Section(title = "Compute")
    @After(OptimisationSection.class)
    interface ComputeSection {}

    interface CheckpointFolderRef extends ParameterReference<String> {}

    static final class HasCheckpointFolder implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getString(CheckpointFolderRef.class).isEqualTo("").negate();
        }
    }

    @Widget(title = "Input", description = "What the network is fed.")
    @ValueSwitchWidget
    @Layout(ModelSection.class)
    InputChoice m_input = InputChoice.valueOf(DEFAULTS.modality().name());

    @Widget(
            title = "Backbone without encoder",
            description = "The backbone trained from random weights when no "
                    + "encoder is connected (the paper's 'random init' baseline). Ignored with an encoder, whose"
                    + " backbone is "
                    + "used.")
    @Layout(ModelSection.class)
    ArchitectureChoice m_architecture = ArchitectureChoice.of(DEFAULTS.model());

    @Widget(
            title = "Backbone width without encoder",
            description = "Base channels of the backbone trained from "
                    + "random weights, 4 to 256 (the paper: 64); with an encoder its own width is used.",
            advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Layout(ModelSection.class)
    int m_width = DEFAULTS.width();

    @Widget(
            title = "Clip length without encoder",
            description =
                    "Frames per clip when no encoder is connected; " + "with an encoder its own clip length is used.",
            advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Layout(ModelSection.class)
    int m_clipLength = DEFAULTS.clipLength();

    @Widget(
            title = "Crop size without encoder",
            description = "Crop side when no encoder is connected; with an " + "encoder its own input size is used.",
            advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Layout(ModelSection.class)
    int m_cropSize = DEFAULTS.cropSize();

    @Widget(title = "Epochs", description = "Passes over the training videos (the paper: 150).")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Layout(OptimisationSection.class)
    int m_epochs = DEFAULTS.epochs();

    @Widget(title = "Batch size", description = "Clips per step (the paper: 16).")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Layout(OptimisationSection.class)
    int m_batchSize = DEFAULTS.batchSize();

    @Widget(
            title = "Learning rate",
            description = "SGD learning rate of the early layers: stem, conv2 and conv3 " + "(the paper: 0.001).")
    @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
    @Layout(OptimisationSection.class)
    double m_learningRate = DEFAULTS.learningRate();

    @Widget(
            title = "Fine-tune learning rate",
            description = "SGD learning rate of conv4, conv5 and the linear " + "head (the paper: 0.001).",
            advanced = true)
    @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
    @Layout(OptimisationSection.class)
    double m_finetuneLearningRate = DEFAULTS.finetuneLearningRate();

    @Widget(title = "Momentum", description = "SGD momentum, in [0, 1) (the paper: 0.9).", advanced = true)
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    @Layout(OptimisationSection.class)
    double m_momentum = DEFAULTS.momentum();

    @Widget(title = "Weight decay", description = "L2 weight decay, in [0, 1) (the paper: 5e-4).", advanced = true)
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    @Layout(OptimisationSection.class)
    double m_weightDecay = DEFAULTS.weightDecay();

    @Widget(
            title = "Validation videos",
            description = "Training videos held out to pick the epoch with the lowest "
                    + "validation loss; -1 = automatic (8.4 % of the videos, at most 800, as the paper holds out 800"
                    + " of "
                    + "UCF101's 9,537).")
    @Layout(DataSection.class)
    int m_validationVideos = DEFAULTS.validationVideos();

    @Widget(
            title = "Plateau patience",
            description = "Epochs without a lower validation loss before the learning "
                    + "rates are multiplied by the plateau factor (the paper: 50).",
            advanced = true)
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    @Layout(OptimisationSection.class)
    int m_plateauPatience = DEFAULTS.plateauPatience();

    @Widget(
            title = "Plateau factor",
            description = "Factor applied to the learning rates on a plateau, in (0, 1) " + "(the paper: 0.1).",
            advanced = true)
    @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
    @Layout(OptimisationSection.class)
    double m_plateauFactor = DEFAULTS.plateauFactor();

    @Widget(
            title = "Minimum learning rate",
            description = "The learning rates are not reduced below this (the " + "paper: 1e-5).",
            advanced = true)
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    @Layout(OptimisationSection.class)
    double m_minLearningRate = DEFAULTS.minLearningRate();

    @Widget(
            title = "Training videos only",
            description = "Use only rows whose Split is <tt>train</tt>; off: every " + "row.")
    @Layout(DataSection.class)
    boolean m_trainSplitOnly = true;

    @Widget(
            title = "Seed",
            description =
                    "Seed of the validation hold-out, clip positions, crops and head weights " + "(the paper: 632).")
    @Layout(OptimisationSection.class)
    long m_seed = DEFAULTS.seed();

    @Widget(title = "Device", description = Devices.DESCRIPTION)
    @Layout(ComputeSection.class)
    String m_device = DEFAULTS.device();

    @Widget(
            title = "Loader threads",
            description = "Threads decoding clips ahead of the training step, up to "
                    + "256; 0 = one per processor core of the machine that runs the workflow.",
            advanced = true)
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    @Layout(ComputeSection.class)
    int m_loaderThreads = DEFAULTS.threads();

    @Widget(
            title = "Checkpoint folder",
            description = "Folder where the training state is saved every few epochs "
                    + "and at the end, so a cancelled or failed run can resume. Empty: no checkpoints."
                    + PathSettings.ACCEPTED,
            advanced = true)
    @Layout(ComputeSection.class)
    @ValueReference(CheckpointFolderRef.class)
    String m_checkpointFolder = "";

    @Widget(
            title = "Checkpoint interval",
            description = "Epochs between checkpoints (the last epoch is always "
                    + "saved; default 1, so a cancelled or killed run loses at most one epoch; the paper: 20).",
            advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Layout(ComputeSection.class)
    @Effect(predicate = HasCheckpointFolder.class, type = EffectType.SHOW)
    int m_checkpointInterval = DEFAULTS.checkpointInterval();

    @Widget(
            title = "Resume from checkpoint",
            description = "When the checkpoint folder holds a checkpoint, "
                    + "continue from it (exactly as an uninterrupted run); an empty folder starts a new run. The"
                    + " checkpoint "
                    + "must be of the same settings (only epochs, device, threads and the interval may change): other"
                    + " settings "
                    + "stop the node. Off: a checkpoint in the folder stops the node, so a finished run is not"
                    + " overwritten by "
                    + "accident. The command line's --resume means the same.",
            advanced = true)
    @Layout(ComputeSection.class)
    @Effect(predicate = HasCheckpointFolder.class, type = EffectType.SHOW)
    boolean m_resume = true;

    /** The checkpoint folder, or null for none. */
    Path checkpointFolder() {
        return m_checkpointFolder == null || m_checkpointFolder.isBlank() ? null : Path.of(m_checkpointFolder.trim());
    }

    /**
     * The engine's settings for these dialog values (not validated).
     *
     * @param clipLength frames per clip: the encoder's, or {@link #m_clipLength} without an encoder
     * @param cropSize   crop side: the encoder's, or {@link #m_cropSize} without an encoder
     */
    FinetuneSettings toFinetuneSettings(final int clipLength, final int cropSize) {
        return Records.builder(DEFAULTS)
                .set("model", m_architecture.id())
                .set("modality", View.valueOf(m_input.name()))
                .set("epochs", m_epochs)
                .set("batchSize", m_batchSize)
                .set("learningRate", m_learningRate)
                .set("finetuneLearningRate", m_finetuneLearningRate)
                .set("momentum", m_momentum)
                .set("weightDecay", m_weightDecay)
                .set("validationVideos", m_validationVideos)
                .set("plateauPatience", m_plateauPatience)
                .set("plateauFactor", m_plateauFactor)
                .set("minLearningRate", m_minLearningRate)
                .set("seed", m_seed)
                .set("clipLength", clipLength)
                .set("cropSize", cropSize)
                .set("device", m_device)
                .set("threads", m_loaderThreads)
                .set("checkpointDir", checkpointFolder())
                .set("checkpointInterval", m_checkpointInterval)
                .set("width", m_width)
                .build();
    }

    /** The engine's settings without an encoder: this dialog's clip length and crop size. */
    FinetuneSettings toFinetuneSettings() {
        return toFinetuneSettings(m_clipLength, m_cropSize);
    }

    /** The engine's names of settings whose dialog title differs. */
    static final Map<String, String> TITLES = Map.of(
            "Model",
            "Backbone without encoder",
            "Width",
            "Backbone width without encoder",
            "Clip length",
            "Clip length without encoder",
            "Crop size",
            "Crop size without encoder",
            "Modality",
            "Input",
            "Fine-tune learning rate (conv4, conv5, head)",
            "Fine-tune learning rate",
            "Threads",
            "Loader threads");

    /** Problems of the dialog's values, named by dialog title. */
    List<String> problems() {
        return Problems.withTitles(toFinetuneSettings().problems(), TITLES);
    }

    @Override
    public void validate() throws InvalidSettingsException {
        Devices.check(m_device);
        Problems.check(problems());
    }
}
