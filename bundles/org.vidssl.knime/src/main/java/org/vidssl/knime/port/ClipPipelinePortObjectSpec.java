package org.vidssl.knime.port;

import java.nio.file.Path;
import java.util.Objects;
import javax.swing.JComponent;
import javax.swing.JLabel;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;
import org.knime.core.node.port.AbstractSimplePortObjectSpec;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.video.clips.FlowFolders;

/** Spec of the clip pipeline port: the complete {@link ClipSettings} (they are small, so spec and object agree). */
public final class ClipPipelinePortObjectSpec extends AbstractSimplePortObjectSpec {

    /** Serializer registered in plugin.xml. */
    public static final class Serializer extends AbstractSimplePortObjectSpecSerializer<ClipPipelinePortObjectSpec> {}

    private ClipSettings m_settings;

    /** Folder holding the flow folders u/ and v/, "" when there is no flow. */
    private String m_flowFolder = "";

    /** For the framework's loader only; fills the settings in {@link #load}. */
    public ClipPipelinePortObjectSpec() {
        m_settings = ClipSettings.DEFAULTS;
    }

    public ClipPipelinePortObjectSpec(final ClipSettings settings) {
        this(settings, "");
    }

    /** @param flowFolder folder holding the optical-flow folders u/ and v/, "" for none */
    public ClipPipelinePortObjectSpec(final ClipSettings settings, final String flowFolder) {
        m_settings = Objects.requireNonNull(settings);
        m_flowFolder = Objects.requireNonNull(flowFolder);
    }

    public ClipSettings settings() {
        return m_settings;
    }

    /** The flow folders for the clip sources, or null when none were given. */
    public FlowFolders flowFolders() {
        return m_flowFolder.isEmpty() ? null : FlowFolders.under(Path.of(m_flowFolder));
    }

    /** One line for port summaries and tooltips. */
    public String summary() {
        ClipSettings s = m_settings;
        return s.clipLength() + " frames, resize " + s.resizeHeight() + "x" + s.resizeWidth() + ", crop "
                + s.cropSize() + (s.flip() ? ", flip" : "") + ", view 2 "
                + s.view2().id() + ", intra-negative "
                + s.intraNegative().id() + ", " + s.testClips() + " test clips"
                + (m_flowFolder.isEmpty() ? "" : ", flow from " + m_flowFolder);
    }

    @Override
    protected void save(final ModelContentWO model) {
        ClipSettings s = m_settings;
        model.addInt("clipLength", s.clipLength());
        model.addInt("resizeHeight", s.resizeHeight());
        model.addInt("resizeWidth", s.resizeWidth());
        model.addInt("cropSize", s.cropSize());
        model.addBoolean("flip", s.flip());
        model.addString("view2", s.view2().id());
        model.addString("intraNegative", s.intraNegative().id());
        model.addInt("testClips", s.testClips());
        model.addString("flowFolder", m_flowFolder);
    }

    @Override
    protected void load(final ModelContentRO model) throws InvalidSettingsException {
        try {
            m_settings = new ClipSettings(
                    model.getInt("clipLength"),
                    model.getInt("resizeHeight"),
                    model.getInt("resizeWidth"),
                    model.getInt("cropSize"),
                    model.getBoolean("flip"),
                    View.parse(model.getString("view2")),
                    IntraNegative.parse(model.getString("intraNegative")),
                    model.getInt("testClips"));
            m_flowFolder = model.getString("flowFolder", "");
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("Saved clip pipeline is invalid: " + e.getMessage(), e);
        }
    }

    @Override
    public JComponent[] getViews() {
        JLabel label = new JLabel("<html>" + summary() + "</html>");
        label.setName("Clip pipeline");
        return new JComponent[] {label};
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof ClipPipelinePortObjectSpec other
                && other.m_settings.equals(m_settings)
                && other.m_flowFolder.equals(m_flowFolder);
    }

    @Override
    public int hashCode() {
        return Objects.hash(m_settings, m_flowFolder);
    }
}
