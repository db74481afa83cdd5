package org.vidssl.knime.node.pretrain;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.choices.ValueSwitchWidget;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveDoubleValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsNonNegativeValidation;
import org.vidssl.knime.util.ArchitectureChoice;
import org.vidssl.knime.util.Devices;

/**
 * Dialog of the IIC Pretrainer.
 * ENGINE-PENDING: defaults and validation move to org.vidssl.core.pretrain.PretrainSettings once merged; the values
 * below are the paper's recipe (PAPER.md, "Training recipes").
 */
public final class IicPretrainerSettings implements NodeParameters {

    /** Where the negatives come from. */
    enum ObjectiveChoice {
        @Label(value = "Memory bank", description = "The paper's CMC memory bank: K random entries of a bank of all "
            + "videos, updated with momentum. Needs many epochs.")
        MEMORY_BANK,
        @Label(value = "MoCo", description = "A queue of recent features from a momentum encoder.")
        MOCO,
        @Label(value = "SimCLR", description = "The other clips of the batch; learns within few epochs, good for "
            + "small datasets and demos.")
        SIMCLR
    }

    @Widget(title = "Backbone", description = "The 3D CNN trained.")
    ArchitectureChoice m_architecture = ArchitectureChoice.R3D;

    @Widget(title = "Negatives from", description = "The contrastive objective; intra-negatives are added to "
        + "every variant.")
    @ValueSwitchWidget
    ObjectiveChoice m_objective = ObjectiveChoice.MEMORY_BANK;

    @Widget(title = "Epochs", description = "Passes over the training videos, one random clip per video each "
        + "(the paper: 240).")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_epochs = 240;

    @Widget(title = "Batch size", description = "Videos per training step (the paper: 16).")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_batchSize = 16;

    @Widget(title = "Learning rate", description = "Initial SGD learning rate (the paper: 0.01).")
    @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
    double m_learningRate = 0.01;

    @Widget(title = "Learning rate steps", description = "Comma-separated epochs at which the learning rate is "
        + "multiplied by the decay factor (the paper: 45, 90, 125, 160). Empty: constant.", advanced = true)
    String m_lrSteps = "45,90,125,160";

    @Widget(title = "Learning rate decay", description = "Factor applied at each step (the paper: 0.2).",
        advanced = true)
    @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
    double m_lrDecay = 0.2;

    @Widget(title = "Momentum", description = "SGD momentum (the paper: 0.9).", advanced = true)
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    double m_momentum = 0.9;

    @Widget(title = "Weight decay", description = "L2 weight decay (the paper: 1e-4).", advanced = true)
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    double m_weightDecay = 1e-4;

    @Widget(title = "Negatives (K)", description = "Memory bank / queue entries drawn per sample (the paper: 1024).",
        advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_negatives = 1024;

    @Widget(title = "Temperature", description = "Softmax temperature of the contrastive loss (the paper: 0.07).",
        advanced = true)
    @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
    double m_temperature = 0.07;

    @Widget(title = "Memory momentum", description = "Momentum of the memory bank update (the paper: 0.5).",
        advanced = true)
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    double m_memoryMomentum = 0.5;

    @Widget(title = "Training videos only", description = "Use only rows whose Split is <tt>train</tt>, as the "
        + "paper does; off: every row.")
    boolean m_trainSplitOnly = true;

    @Widget(title = "Seed", description = "Seed of clip positions, crops, flips, intra-negatives and initial "
        + "weights (the paper: 632).")
    long m_seed = 632;

    @Widget(title = "Device", description = Devices.DESCRIPTION)
    String m_device = Devices.DEFAULT;

    @Widget(title = "Loader threads", description = "Threads decoding clips ahead of the training step.",
        advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_loaderThreads = 2;

    @Override
    public void validate() throws InvalidSettingsException {
        if (m_epochs < 1 || m_batchSize < 2) {
            throw new InvalidSettingsException("Use at least 1 epoch and a batch size of at least 2 "
                + "(contrastive learning needs more than one clip per step).");
        }
        if (!(m_learningRate > 0) || !(m_temperature > 0) || !(m_lrDecay > 0)) {
            throw new InvalidSettingsException("Learning rate, decay and temperature must be greater than 0.");
        }
        if (m_momentum < 0 || m_momentum >= 1 || m_memoryMomentum < 0 || m_memoryMomentum >= 1) {
            throw new InvalidSettingsException("Momentum and memory momentum must be in [0, 1).");
        }
        if (m_weightDecay < 0 || m_negatives < 1 || m_loaderThreads < 1) {
            throw new InvalidSettingsException("Weight decay must be at least 0; negatives and loader threads at "
                + "least 1.");
        }
        lrSteps();
        Devices.check(m_device);
    }

    /** The learning-rate step epochs, ascending. */
    int[] lrSteps() throws InvalidSettingsException {
        if (m_lrSteps == null || m_lrSteps.isBlank()) {
            return new int[0];
        }
        try {
            int[] steps = java.util.Arrays.stream(m_lrSteps.split(",")).map(String::trim)
                .mapToInt(Integer::parseInt).toArray();
            for (int i = 0; i < steps.length; i++) {
                if (steps[i] < 1 || (i > 0 && steps[i] <= steps[i - 1])) {
                    throw new NumberFormatException();
                }
            }
            return steps;
        } catch (NumberFormatException e) {
            throw new InvalidSettingsException("Learning rate steps '" + m_lrSteps + "' must be ascending epoch "
                + "numbers separated by commas, e.g. 45,90,125,160.", e);
        }
    }
}
