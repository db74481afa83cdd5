package org.vidssl.knime.node.learn;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.choices.ValueSwitchWidget;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsNonNegativeValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveDoubleValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.knime.util.ArchitectureChoice;
import org.vidssl.knime.util.Devices;

/**
 * Dialog of the Action Recognition Learner.
 * ENGINE-PENDING: defaults move to the core fine-tuning settings record once merged; the values below are the
 * paper's fine-tuning recipe (PAPER.md, "Training recipes").
 */
public final class ActionRecognitionLearnerSettings implements NodeParameters {

    /** The input the classifier is trained on. */
    enum InputChoice {
        @Label(value = "RGB", description = "The RGB clips.")
        RGB,
        @Label(value = "Residual", description = "Frame residuals (the paper fine-tunes residual-pretrained "
            + "encoders on residuals).")
        RES
    }

    @Widget(title = "Input", description = "What the network is fed.")
    @ValueSwitchWidget
    InputChoice m_input = InputChoice.RES;

    @Widget(title = "Backbone without encoder", description = "The backbone trained from random weights when no "
        + "encoder is connected (the paper's 'random init' baseline). Ignored with an encoder.")
    ArchitectureChoice m_architecture = ArchitectureChoice.R3D;

    @Widget(title = "Clip length without encoder", description = "Frames per clip when no encoder is connected; "
        + "with an encoder its own clip length is used.", advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_clipLength = ClipSettings.DEFAULTS.clipLength();

    @Widget(title = "Crop size without encoder", description = "Crop side when no encoder is connected; with an "
        + "encoder its own input size is used.", advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_cropSize = ClipSettings.DEFAULTS.cropSize();

    @Widget(title = "Epochs", description = "Passes over the training videos (the paper: 150).")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_epochs = 150;

    @Widget(title = "Batch size", description = "Videos per step (the paper: 16).")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_batchSize = 16;

    @Widget(title = "Learning rate", description = "Initial SGD learning rate (the paper: 0.001); reduced "
        + "tenfold when the validation loss stops improving.")
    @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
    double m_learningRate = 1e-3;

    @Widget(title = "Momentum", description = "SGD momentum (the paper: 0.9).", advanced = true)
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    double m_momentum = 0.9;

    @Widget(title = "Weight decay", description = "L2 weight decay (the paper: 5e-4).", advanced = true)
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    double m_weightDecay = 5e-4;

    @Widget(title = "Validation fraction", description = "Share of the training videos held out to pick the best "
        + "epoch by validation loss (the paper holds out 800 of 9,537 UCF101 videos).")
    double m_validationFraction = 0.1;

    @Widget(title = "Training videos only", description = "Use only rows whose Split is <tt>train</tt>; off: every "
        + "row.")
    boolean m_trainSplitOnly = true;

    @Widget(title = "Seed", description = "Seed of the validation hold-out, clip positions and head weights.")
    long m_seed = 632;

    @Widget(title = "Device", description = Devices.DESCRIPTION)
    String m_device = Devices.DEFAULT;

    @Override
    public void validate() throws InvalidSettingsException {
        if (m_epochs < 1 || m_batchSize < 1) {
            throw new InvalidSettingsException("Use at least 1 epoch and a batch size of at least 1.");
        }
        if (!(m_learningRate > 0) || m_momentum < 0 || m_momentum >= 1 || m_weightDecay < 0) {
            throw new InvalidSettingsException("Learning rate must be greater than 0, momentum in [0, 1) and "
                + "weight decay at least 0.");
        }
        if (!(m_validationFraction >= 0 && m_validationFraction < 1)) {
            throw new InvalidSettingsException("Validation fraction is " + m_validationFraction
                + ": use a value in [0, 1).");
        }
        if (m_cropSize < 8 || m_clipLength < 1) {
            throw new InvalidSettingsException("Use a clip length of at least 1 and a crop size of at least 8.");
        }
        Devices.check(m_device);
    }
}
