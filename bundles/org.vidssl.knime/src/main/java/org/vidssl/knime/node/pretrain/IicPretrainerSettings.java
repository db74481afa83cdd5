package org.vidssl.knime.node.pretrain;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.pretrain.Objective;
import org.vidssl.core.pretrain.PretrainSettings;
import org.vidssl.core.settings.Records;
import org.vidssl.knime.util.ArchitectureChoice;
import org.vidssl.knime.util.Devices;
import org.vidssl.knime.util.PathSettings;
import org.vidssl.knime.util.Problems;

/**
 * Dialog of the IIC Pretrainer; defaults and validation come from {@link PretrainSettings}. The second view,
 * intra-negative, clip length and crop size come from the Clip Pipeline port instead.
 */
public final class IicPretrainerSettings implements NodeParameters {

    private static final PretrainSettings DEFAULTS = PretrainSettings.DEFAULTS;

    /**
     * Where the negatives come from: {@link Objective}'s entries, with its labels and descriptions repeated in
     * {@code @Label} (compile-time constants); {@code ChoiceMirrorsTest} fails when they differ.
     */
    enum ObjectiveChoice {
        @Label(
                value = "Memory bank",
                description = "The paper's CMC memory bank with a softmax (InfoNCE) loss: K "
                        + "random entries of a bank of all videos, updated with momentum. Needs many epochs.")
        MEMORY_BANK,
        @Label(
                value = "Memory bank (NCE)",
                description = "The same memory bank scored as noise-contrastive "
                        + "estimation (the reference's --softmax False).")
        MEMORY_BANK_NCE,
        @Label(value = "MoCo", description = "A queue of recent features from a momentum encoder.")
        MOCO,
        @Label(
                value = "SimCLR",
                description = "The other clips of the batch; learns within few epochs, good for "
                        + "small datasets and demos.")
        SIMCLR,
        @Label(
                value = "In-batch",
                description = "The paper's cross-view scoring with the batch in place of the "
                        + "memory bank: each view against the other view's clips of the batch plus the"
                        + " intra-negatives.")
        IN_BATCH
    }

    @Section(title = "Data")
    interface DataSection {}

    @Section(title = "Model")
    @After(DataSection.class)
    interface ModelSection {}

    @Section(
            title = "Objective",
            description = "Where the negatives of the contrastive loss come from; the "
                    + "settings of the other objectives are hidden.")
    @After(ModelSection.class)
    interface ObjectiveSection {}

    @Section(title = "Optimisation")
    @After(ObjectiveSection.class)
    interface OptimisationSection {}

    @Section(title = "Compute")
    @After(OptimisationSection.class)
    interface ComputeSection {}

    interface ObjectiveRef extends ParameterReference<ObjectiveChoice> {}

    interface CheckpointFolderRef extends ParameterReference<String> {}

    /** The memory bank and MoCo draw K negatives scored at the NCE temperature. */
    static final class UsesNceNegatives implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(ObjectiveRef.class)
                    .isOneOf(ObjectiveChoice.MEMORY_BANK, ObjectiveChoice.MEMORY_BANK_NCE, ObjectiveChoice.MOCO);
        }
    }

    static final class IsMemoryBank implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(ObjectiveRef.class).isOneOf(ObjectiveChoice.MEMORY_BANK, ObjectiveChoice.MEMORY_BANK_NCE);
        }
    }

    /** SimCLR and the in-batch objective both score with the SimCLR temperature. */
    static final class IsSimclrOrInBatch implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(ObjectiveRef.class).isOneOf(ObjectiveChoice.SIMCLR, ObjectiveChoice.IN_BATCH);
        }
    }

    static final class IsMoco implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(ObjectiveRef.class).isOneOf(ObjectiveChoice.MOCO);
        }
    }

    static final class HasCheckpointFolder implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getString(CheckpointFolderRef.class).isEqualTo("").negate();
        }
    }

    @Widget(title = "Backbone", description = "The 3D CNN trained.")
    @Layout(ModelSection.class)
    ArchitectureChoice m_architecture = ArchitectureChoice.of(DEFAULTS.model());

    @Widget(
            title = "Negatives from",
            description = "The contrastive objective; intra-negatives (chosen in the "
                    + "Clip Pipeline) are added to every variant.")
    @ValueSwitchWidget
    @Layout(ObjectiveSection.class)
    @ValueReference(ObjectiveRef.class)
    ObjectiveChoice m_objective = ObjectiveChoice.valueOf(DEFAULTS.objective().name());

    @Widget(
            title = "Epochs",
            description = "Passes over the training videos, one random clip per video each " + "(the paper: 240).")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Layout(OptimisationSection.class)
    int m_epochs = DEFAULTS.epochs();

    @Widget(
            title = "Batch size",
            description = "Videos per training step, 2 or more (the paper: 16). The last "
                    + "partial batch of an epoch is dropped.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Layout(OptimisationSection.class)
    int m_batchSize = DEFAULTS.batchSize();

    @Widget(title = "Learning rate", description = "Initial SGD learning rate (the paper: 0.01).")
    @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
    @Layout(OptimisationSection.class)
    double m_learningRate = DEFAULTS.learningRate();

    @Widget(
            title = "Learning rate steps",
            description = "Comma-separated epochs after which the learning rate is "
                    + "multiplied by the decay factor, increasing (the paper: 45, 90, 125, 160). Empty: constant.",
            advanced = true)
    @Layout(OptimisationSection.class)
    String m_lrSteps =
            Arrays.stream(DEFAULTS.lrMilestones()).mapToObj(Integer::toString).collect(Collectors.joining(","));

    @Widget(
            title = "Learning rate decay",
            description = "Factor applied at each step, in (0, 1] (the paper: 0.2).",
            advanced = true)
    @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
    @Layout(OptimisationSection.class)
    double m_lrDecay = DEFAULTS.lrDecay();

    @Widget(title = "Momentum", description = "SGD momentum, in [0, 1) (the paper: 0.9).", advanced = true)
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    @Layout(OptimisationSection.class)
    double m_momentum = DEFAULTS.momentum();

    @Widget(title = "Weight decay", description = "L2 weight decay, in [0, 1) (the paper: 1e-4).", advanced = true)
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    @Layout(OptimisationSection.class)
    double m_weightDecay = DEFAULTS.weightDecay();

    @Widget(
            title = "Backbone width",
            description = "Base channels of the backbone, 4 to 256 (the paper: 64; 16 "
                    + "gives a quarter-width network that learns the synthetic demo set within minutes on a CPU). The"
                    + " feature "
                    + "contrasted has 8 x width values.",
            advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Layout(ModelSection.class)
    int m_width = DEFAULTS.width();

    @Widget(
            title = "Negatives (K)",
            description =
                    "Negatives drawn per sample from the memory bank, or the MoCo " + "queue length (the paper: 1024).",
            advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Layout(ObjectiveSection.class)
    @Effect(predicate = UsesNceNegatives.class, type = EffectType.SHOW)
    int m_negatives = DEFAULTS.nceK();

    @Widget(
            title = "Temperature",
            description = "Softmax temperature of the memory bank or MoCo loss (the " + "paper: 0.07).",
            advanced = true)
    @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
    @Layout(ObjectiveSection.class)
    @Effect(predicate = UsesNceNegatives.class, type = EffectType.SHOW)
    double m_temperature = DEFAULTS.nceT();

    @Widget(
            title = "Memory momentum",
            description = "Momentum of the memory bank update, in [0, 1) (the paper: " + "0.5).",
            advanced = true)
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    @Layout(ObjectiveSection.class)
    @Effect(predicate = IsMemoryBank.class, type = EffectType.SHOW)
    double m_memoryMomentum = DEFAULTS.nceM();

    @Widget(
            title = "SimCLR temperature",
            description = "Softmax temperature of SimCLR and the in-batch " + "objective (usually 0.1).",
            advanced = true)
    @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
    @Layout(ObjectiveSection.class)
    @Effect(predicate = IsSimclrOrInBatch.class, type = EffectType.SHOW)
    double m_simclrTemperature = DEFAULTS.simclrT();

    @Widget(
            title = "MoCo momentum",
            description = "Momentum of the MoCo key encoder's moving average, in [0, 1) " + "(usually 0.999).",
            advanced = true)
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    @Layout(ObjectiveSection.class)
    @Effect(predicate = IsMoco.class, type = EffectType.SHOW)
    double m_mocoMomentum = DEFAULTS.mocoM();

    @Widget(
            title = "Normalise features",
            description = "L2-normalise the features before scoring. The reference "
                    + "does not; without it the paper's recipe can diverge on small datasets.",
            advanced = true)
    @Layout(ObjectiveSection.class)
    boolean m_normalizeFeatures = DEFAULTS.normalizeFeatures();

    @Widget(
            title = "Training videos only",
            description = "Use only rows whose Split is <tt>train</tt>, as the " + "paper does; off: every row.")
    @Layout(DataSection.class)
    boolean m_trainSplitOnly = true;

    @Widget(
            title = "Seed",
            description =
                    "Seed of clip positions, crops, flips, intra-negatives and initial " + "weights (the paper: 632).")
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
            description = "Folder where the training state (weights, optimiser, memory "
                    + "bank, history) is saved every few epochs and at the end, so a cancelled or failed run can"
                    + " resume. "
                    + "Empty: no checkpoints." + PathSettings.ACCEPTED,
            advanced = true)
    @Layout(ComputeSection.class)
    @ValueReference(CheckpointFolderRef.class)
    String m_checkpointFolder = "";

    @Widget(
            title = "Checkpoint interval",
            description = "Epochs between checkpoints (the last epoch is always " + "saved).",
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
     * The engine's settings for these dialog values and the clip pipeline's (not validated).
     *
     * @throws IllegalArgumentException when the learning rate steps are not whole numbers
     */
    PretrainSettings toPretrainSettings(final ClipSettings clips) {
        return Records.builder(DEFAULTS)
                .set("model", m_architecture.id())
                .set("modality", clips.view2())
                .set("intraNegative", clips.intraNegative())
                .set("objective", Objective.valueOf(m_objective.name()))
                .set("epochs", m_epochs)
                .set("batchSize", m_batchSize)
                .set("learningRate", m_learningRate)
                .set("momentum", m_momentum)
                .set("weightDecay", m_weightDecay)
                .set("lrMilestones", lrSteps())
                .set("lrDecay", m_lrDecay)
                .set("nceK", m_negatives)
                .set("nceT", m_temperature)
                .set("nceM", m_memoryMomentum)
                .set("simclrT", m_simclrTemperature)
                .set("mocoM", m_mocoMomentum)
                .set("normalizeFeatures", m_normalizeFeatures)
                .set("seed", m_seed)
                .set("clipLength", clips.clipLength())
                .set("cropSize", clips.cropSize())
                .set("device", m_device)
                .set("threads", m_loaderThreads)
                .set("checkpointDir", checkpointFolder())
                .set("checkpointInterval", m_checkpointInterval)
                .set("width", m_width)
                .build();
    }

    private int[] lrSteps() {
        if (m_lrSteps == null || m_lrSteps.isBlank()) {
            return new int[0];
        }
        try {
            return Arrays.stream(m_lrSteps.split(","))
                    .map(String::trim)
                    .mapToInt(Integer::parseInt)
                    .toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Learning rate steps '" + m_lrSteps + "' must be epoch numbers "
                            + "separated by commas, e.g. 45,90,125,160.",
                    e);
        }
    }

    /** The engine's names of settings whose dialog title differs. */
    static final Map<String, String> TITLES = Map.of(
            "Model",
            "Backbone",
            "Objective",
            "Negatives from",
            "Width",
            "Backbone width",
            "LR milestones",
            "Learning rate steps",
            "LR decay",
            "Learning rate decay",
            "NCE K",
            "Negatives (K)",
            "NCE temperature",
            "Temperature",
            "NCE memory momentum",
            "Memory momentum",
            "Threads",
            "Loader threads");

    /**
     * Problems of these settings with the clip pipeline they will run with, named by dialog title.
     *
     * @throws IllegalArgumentException when the learning rate steps are not whole numbers
     */
    List<String> problems(final ClipSettings clips) {
        return Problems.withTitles(toPretrainSettings(clips).problems(), TITLES);
    }

    /** Checks the settings with the clip pipeline they will run with. */
    void validate(final ClipSettings clips) throws InvalidSettingsException {
        Devices.check(m_device);
        try {
            Problems.check(problems(clips));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    /** Checks the settings with the default clip pipeline (the port's is checked in configure). */
    @Override
    public void validate() throws InvalidSettingsException {
        validate(ClipSettings.DEFAULTS);
    }
}
