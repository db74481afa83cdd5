package org.vidssl.knime.node.modelreader;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.updates.Effect;
import org.knime.node.parameters.updates.Effect.EffectType;
import org.knime.node.parameters.updates.EffectPredicate;
import org.knime.node.parameters.updates.EffectPredicateProvider;
import org.knime.node.parameters.updates.ParameterReference;
import org.knime.node.parameters.updates.ValueReference;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.choices.ValueSwitchWidget;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.View;
import org.vidssl.knime.util.ArchitectureChoice;
import org.vidssl.knime.util.PathSettings;
import org.vidssl.torch.model.InputSpec;

/** Dialog of the Video Model Reader. */
public final class VideoModelReaderSettings implements NodeParameters {

    /** What the file holds. */
    enum KindChoice {
        @Label(
                value = "Encoder file",
                description = "A video encoder written by the Video Model Writer or the " + "command-line tool.")
        ENCODER,
        @Label(value = "Classifier file", description = "An action classifier written by the Video Model Writer.")
        CLASSIFIER,
        @Label(
                value = "PyTorch weights (.npz)",
                description = "Backbone weights of the reference implementation "
                        + "(a PyTorch state dict saved as .npz with PyTorch parameter names), imported as an encoder.")
        PYTORCH_NPZ
    }

    /** The input the imported PyTorch weights were trained on: views of {@link View} without optical flow. */
    enum ModalityChoice {
        @Label("RGB")
        RGB,
        @Label("Residual")
        RES
    }

    interface KindRef extends ParameterReference<KindChoice> {}

    /** The backbone, input and size settings describe imported PyTorch weights only. */
    static final class IsPytorchNpz implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(KindRef.class).isOneOf(KindChoice.PYTORCH_NPZ);
        }
    }

    @Widget(title = "Model file", description = "The file to read." + PathSettings.ACCEPTED)
    String m_file = "";

    @Widget(
            title = "File type",
            description = "What the file holds; encoders go to the first output, classifiers "
                    + "to the second (the other output is inactive).")
    @ValueSwitchWidget
    @ValueReference(KindRef.class)
    KindChoice m_kind = KindChoice.ENCODER;

    @Widget(title = "Backbone of the .npz", description = "The network the PyTorch weights belong to.")
    @Effect(predicate = IsPytorchNpz.class, type = EffectType.SHOW)
    ArchitectureChoice m_architecture = ArchitectureChoice.R3D;

    @Widget(title = "Input of the .npz", description = "What the network of the PyTorch weights was trained " + "on.")
    @ValueSwitchWidget
    @Effect(predicate = IsPytorchNpz.class, type = EffectType.SHOW)
    ModalityChoice m_modality = ModalityChoice.RES;

    @Widget(
            title = "Clip length of the .npz",
            description = "Frames per clip the network of the PyTorch weights " + "expects (the reference: 16).",
            advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Effect(predicate = IsPytorchNpz.class, type = EffectType.SHOW)
    int m_clipLength = ClipSettings.DEFAULTS.clipLength();

    @Widget(
            title = "Crop size of the .npz",
            description = "Side of the square input of the PyTorch weights " + "(the reference: 112).",
            advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Effect(predicate = IsPytorchNpz.class, type = EffectType.SHOW)
    int m_cropSize = ClipSettings.DEFAULTS.cropSize();

    /** The input size the imported weights expect. */
    InputSpec npzInput() {
        return new InputSpec(m_clipLength, m_cropSize, m_cropSize);
    }

    /** The view the imported weights were trained on, as the engine names it (rgb, res). */
    String npzModality() {
        return View.valueOf(m_modality.name()).id();
    }

    @Override
    public void validate() throws InvalidSettingsException {
        if (m_file == null || m_file.isBlank()) {
            throw new InvalidSettingsException("Model file is not set: choose the file to read.");
        }
        if (m_clipLength < 1 || m_cropSize < 8) {
            throw new InvalidSettingsException("Clip length of the .npz is " + m_clipLength + " and crop size of the "
                    + ".npz is " + m_cropSize + ": use a clip length of at least 1 and a crop size of at least 8.");
        }
    }
}
