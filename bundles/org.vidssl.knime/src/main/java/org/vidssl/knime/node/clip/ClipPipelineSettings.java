package org.vidssl.knime.node.clip;

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
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsNonNegativeValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.knime.util.PathSettings;
import org.vidssl.knime.util.Problems;

/** Dialog of the Clip Pipeline node; defaults and validation come from {@link ClipSettings}. */
public final class ClipPipelineSettings implements NodeParameters {

    /**
     * The second view: {@link View}'s entries, with its labels and descriptions repeated in {@code @Label}
     * (compile-time constants); {@code ChoiceMirrorsTest} fails when they differ.
     */
    enum ViewChoice {
        @Label(value = "RGB", description = "The RGB clip itself (two identical-input views; a baseline).")
        RGB(View.RGB),
        @Label(
                value = "Residual",
                description = "Frame differences: each frame minus the previous one. "
                        + "The paper's default; cheap and motion-focused.")
        RES(View.RES),
        @Label(
                value = "Flow u",
                description =
                        "Horizontal optical flow frames (needs the flow folders " + "<tt>u/&lt;video ID&gt;/</tt>).")
        U(View.U),
        @Label(
                value = "Flow v",
                description =
                        "Vertical optical flow frames (needs the flow folders " + "<tt>v/&lt;video ID&gt;/</tt>).")
        V(View.V);

        final View m_view;

        ViewChoice(final View view) {
            m_view = view;
        }

        static ViewChoice of(final View view) {
            for (ViewChoice c : values()) {
                if (c.m_view == view) {
                    return c;
                }
            }
            throw new IllegalArgumentException(String.valueOf(view));
        }
    }

    /** The intra-negative: {@link IntraNegative}'s entries, mirrored as {@link ViewChoice} mirrors the views. */
    enum IntraNegativeChoice {
        @Label(value = "None", description = "No intra-negative: plain two-view contrastive learning.")
        NONE(IntraNegative.NONE),
        @Label(
                value = "Repeat",
                description = "One random frame repeated over the clip: same appearance, no motion. "
                        + "The paper's default.")
        REPEAT(IntraNegative.REPEAT),
        @Label(value = "Shuffle", description = "Four time chunks with two swapped: broken temporal order.")
        SHUFFLE(IntraNegative.SHUFFLE),
        @Label(value = "Spatial", description = "2x2 spatial tiles permuted in every frame.")
        SPATIAL(IntraNegative.SPATIAL);

        final IntraNegative m_negative;

        IntraNegativeChoice(final IntraNegative negative) {
            m_negative = negative;
        }

        static IntraNegativeChoice of(final IntraNegative negative) {
            for (IntraNegativeChoice c : values()) {
                if (c.m_negative == negative) {
                    return c;
                }
            }
            throw new IllegalArgumentException(String.valueOf(negative));
        }
    }

    interface ViewRef extends ParameterReference<ViewChoice> {}

    /** The flow folder matters only for the optical-flow views. */
    static final class IsFlowView implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(ViewRef.class).isOneOf(ViewChoice.U, ViewChoice.V);
        }
    }

    @Widget(
            title = "Clip length",
            description =
                    "Consecutive frames per clip (T). The paper uses 16; " + "videos shorter than this are looped.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_clipLength = ClipSettings.DEFAULTS.clipLength();

    @Widget(
            title = "Resize height",
            description = "Frames are resized to this height before cropping " + "(the paper: 128).",
            advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_resizeHeight = ClipSettings.DEFAULTS.resizeHeight();

    @Widget(
            title = "Resize width",
            description = "Frames are resized to this width before cropping " + "(the paper: 171).",
            advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_resizeWidth = ClipSettings.DEFAULTS.resizeWidth();

    @Widget(
            title = "Crop size",
            description = "Side of the square crop fed to the network: random position for "
                    + "training, centre for testing. At most the smaller resize side (the paper: 112).")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_cropSize = ClipSettings.DEFAULTS.cropSize();

    @Widget(
            title = "Random horizontal flip",
            description = "Flip training clips horizontally with probability 0.5 " + "(off in the paper).")
    boolean m_flip = ClipSettings.DEFAULTS.flip();

    @Widget(title = "Second view", description = "The view contrasted with the RGB clip during pretraining.")
    @ValueSwitchWidget
    @ValueReference(ViewRef.class)
    ViewChoice m_view2 = ViewChoice.of(ClipSettings.DEFAULTS.view2());

    @Widget(
            title = "Intra-negative",
            description = "How a negative sample is made from the clip itself, so the "
                    + "network must learn motion rather than appearance.")
    @ValueSwitchWidget
    IntraNegativeChoice m_intraNegative = IntraNegativeChoice.of(ClipSettings.DEFAULTS.intraNegative());

    @Widget(
            title = "Test clips per video",
            description = "Centre-cropped clips, spread evenly over the video, "
                    + "whose features are averaged for retrieval and prediction (the paper: 10).")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    int m_testClips = ClipSettings.DEFAULTS.testClips();

    @Widget(
            title = "Flow folder",
            description = "The folder holding the optical-flow "
                    + "frame folders <tt>u/&lt;video ID&gt;/</tt> and <tt>v/&lt;video ID&gt;/</tt> (grey JPEGs as the"
                    + " reference "
                    + "uses)." + PathSettings.ACCEPTED,
            advanced = true)
    @Effect(predicate = IsFlowView.class, type = EffectType.SHOW)
    String m_flowFolder = "";

    @Widget(
            title = "Preview videos",
            description = "How many videos of the optional input table to render into "
                    + "the preview table (0 = no preview).",
            advanced = true)
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    int m_previewVideos = 4;

    /** The engine's settings record for these dialog values (not validated). */
    ClipSettings toClipSettings() {
        return new ClipSettings(
                m_clipLength,
                m_resizeHeight,
                m_resizeWidth,
                m_cropSize,
                m_flip,
                m_view2.m_view,
                m_intraNegative.m_negative,
                m_testClips);
    }

    /** The flow folder, or "" for none. */
    String flowFolder() {
        return m_flowFolder == null ? "" : m_flowFolder.trim();
    }

    @Override
    public void validate() throws InvalidSettingsException {
        Problems.check(toClipSettings().problems());
        if (toClipSettings().view2().needsFlow() && flowFolder().isEmpty()) {
            throw new InvalidSettingsException("Flow folder is not set: second view '" + m_view2.m_view.id()
                    + "' reads optical flow from it (holding u/ and v/); set it, or choose the residual or RGB view.");
        }
        if (m_previewVideos < 0) {
            throw new InvalidSettingsException("Preview videos is " + m_previewVideos + ": use 0 or more.");
        }
    }
}
