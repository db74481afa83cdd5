package org.vidssl.knime.port;

import java.util.Objects;
import javax.swing.JComponent;
import javax.swing.JLabel;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;
import org.knime.core.node.port.AbstractSimplePortObjectSpec;
import org.vidssl.torch.model.InputSpec;

/**
 * Metadata shared by the encoder and classifier ports: which backbone, which input it was trained on and the input
 * geometry it expects (clip length, crop, and the resize the frames were scaled to before cropping). Known at
 * configure time, so downstream nodes can check their settings before running and cut their clips the same way.
 */
public abstract class VideoModelPortObjectSpec extends AbstractSimplePortObjectSpec {

    private String m_architecture = "";
    private String m_modality = "";
    private InputSpec m_input = InputSpec.PAPER;

    protected VideoModelPortObjectSpec() {}

    protected VideoModelPortObjectSpec(final String architecture, final String modality, final InputSpec input) {
        m_architecture = Objects.requireNonNull(architecture);
        m_modality = Objects.requireNonNull(modality);
        m_input = Objects.requireNonNull(input);
    }

    /** A {@code Backbone} id. */
    public String architecture() {
        return m_architecture;
    }

    /** The input the network reads: a {@code View} id. */
    public String modality() {
        return m_modality;
    }

    /** The input geometry the network was trained on. */
    public InputSpec input() {
        return m_input;
    }

    public int clipLength() {
        return m_input.frames();
    }

    /** Input (crop) height. */
    public int height() {
        return m_input.height();
    }

    /** Input (crop) width. */
    public int width() {
        return m_input.width();
    }

    /** One line for port summaries. */
    public String summary() {
        return m_architecture + " on " + m_modality + " clips of " + m_input.frames() + "x" + m_input.height() + "x"
                + m_input.width() + " cropped from frames resized to " + m_input.resizeHeight() + "x"
                + m_input.resizeWidth();
    }

    @Override
    protected void save(final ModelContentWO model) {
        model.addString("architecture", m_architecture);
        model.addString("modality", m_modality);
        model.addInt("clipLength", m_input.frames());
        model.addInt("height", m_input.height());
        model.addInt("width", m_input.width());
        model.addInt("resizeHeight", m_input.resizeHeight());
        model.addInt("resizeWidth", m_input.resizeWidth());
    }

    @Override
    protected void load(final ModelContentRO model) throws InvalidSettingsException {
        m_architecture = model.getString("architecture");
        m_modality = model.getString("modality");
        int frames = model.getInt("clipLength");
        int height = model.getInt("height");
        int width = model.getInt("width");
        try {
            // specs saved before the resize was recorded: the resize the nodes then used (see InputSpec)
            InputSpec unknownResize = new InputSpec(frames, height, width);
            m_input = new InputSpec(
                    frames,
                    height,
                    width,
                    model.getInt("resizeHeight", unknownResize.resizeHeight()),
                    model.getInt("resizeWidth", unknownResize.resizeWidth()));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("Saved model port is invalid: " + e.getMessage(), e);
        }
    }

    @Override
    public JComponent[] getViews() {
        JLabel label = new JLabel("<html>" + summary() + "</html>");
        label.setName("Model");
        return new JComponent[] {label};
    }

    @Override
    public boolean equals(final Object o) {
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        VideoModelPortObjectSpec other = (VideoModelPortObjectSpec) o;
        return m_architecture.equals(other.m_architecture)
                && m_modality.equals(other.m_modality)
                && m_input.equals(other.m_input);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), m_architecture, m_modality, m_input);
    }
}
