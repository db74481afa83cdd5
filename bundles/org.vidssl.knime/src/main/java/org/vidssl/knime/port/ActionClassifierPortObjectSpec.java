package org.vidssl.knime.port;

import java.util.List;
import java.util.Objects;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;
import org.vidssl.torch.finetune.ClassifierHeader;
import org.vidssl.torch.model.InputSpec;

/** Spec of the action classifier port: the encoder's metadata plus the class names (index = network output). */
public final class ActionClassifierPortObjectSpec extends VideoModelPortObjectSpec {

    /** Serializer registered in plugin.xml. */
    public static final class Serializer
            extends AbstractSimplePortObjectSpecSerializer<ActionClassifierPortObjectSpec> {}

    private List<String> m_classes = List.of();

    /** For the framework's loader only. */
    public ActionClassifierPortObjectSpec() {}

    public ActionClassifierPortObjectSpec(
            final String architecture, final String modality, final InputSpec input, final List<String> classes) {
        super(architecture, modality, input);
        m_classes = List.copyOf(classes);
    }

    /** The spec of a classifier file with this header. */
    public static ActionClassifierPortObjectSpec of(final ClassifierHeader header) {
        return new ActionClassifierPortObjectSpec(
                header.architecture().id(), header.modality().id(), header.input(), header.classes());
    }

    /** Class names; position i is the class the network's output i stands for. */
    public List<String> classes() {
        return m_classes;
    }

    @Override
    public String summary() {
        String names = m_classes.size() <= 5
                ? String.join(", ", m_classes)
                : String.join(", ", m_classes.subList(0, 5)) + ", ...";
        return "Action classifier: " + super.summary() + "; " + m_classes.size() + " classes (" + names + ")";
    }

    @Override
    protected void save(final ModelContentWO model) {
        super.save(model);
        model.addStringArray("classes", m_classes.toArray(String[]::new));
    }

    @Override
    protected void load(final ModelContentRO model) throws InvalidSettingsException {
        super.load(model);
        m_classes = List.of(model.getStringArray("classes"));
    }

    /** Equal when the model part and the whole class list, in order, are equal (the summary shows only five). */
    @Override
    public boolean equals(final Object o) {
        return super.equals(o) && m_classes.equals(((ActionClassifierPortObjectSpec) o).m_classes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), m_classes);
    }
}
