package org.vidssl.knime.port;

import java.util.Objects;

import javax.swing.JComponent;
import javax.swing.JLabel;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;
import org.knime.core.node.port.AbstractSimplePortObjectSpec;

/**
 * Metadata shared by the encoder and classifier ports: which backbone, which input it was trained on and the clip
 * size it expects. Known at configure time, so downstream nodes can check their settings before running.
 */
public abstract class VideoModelPortObjectSpec extends AbstractSimplePortObjectSpec {

    private String m_architecture = "";
    private String m_modality = "";
    private int m_clipLength;
    private int m_height;
    private int m_width;

    protected VideoModelPortObjectSpec() {
    }

    protected VideoModelPortObjectSpec(final String architecture, final String modality, final int clipLength,
        final int height, final int width) {
        m_architecture = Objects.requireNonNull(architecture);
        m_modality = Objects.requireNonNull(modality);
        m_clipLength = clipLength;
        m_height = height;
        m_width = width;
    }

    /** Backbone id: c3d, r3d, r21d or r3d18. */
    public String architecture() {
        return m_architecture;
    }

    /** The input the network reads: rgb, res, u or v. */
    public String modality() {
        return m_modality;
    }

    public int clipLength() {
        return m_clipLength;
    }

    public int height() {
        return m_height;
    }

    public int width() {
        return m_width;
    }

    /** One line for port summaries. */
    public String summary() {
        return m_architecture + " on " + m_modality + " clips of " + m_clipLength + "x" + m_height + "x" + m_width;
    }

    @Override
    protected void save(final ModelContentWO model) {
        model.addString("architecture", m_architecture);
        model.addString("modality", m_modality);
        model.addInt("clipLength", m_clipLength);
        model.addInt("height", m_height);
        model.addInt("width", m_width);
    }

    @Override
    protected void load(final ModelContentRO model) throws InvalidSettingsException {
        m_architecture = model.getString("architecture");
        m_modality = model.getString("modality");
        m_clipLength = model.getInt("clipLength");
        m_height = model.getInt("height");
        m_width = model.getInt("width");
    }

    @Override
    public JComponent[] getViews() {
        JLabel label = new JLabel("<html>" + summary() + "</html>");
        label.setName("Model");
        return new JComponent[]{label};
    }

    @Override
    public boolean equals(final Object o) {
        return o != null && o.getClass() == getClass() && summary().equals(((VideoModelPortObjectSpec)o).summary());
    }

    @Override
    public int hashCode() {
        return summary().hashCode();
    }
}
