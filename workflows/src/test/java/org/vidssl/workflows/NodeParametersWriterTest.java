package org.vidssl.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vidssl.knime.node.pretrain.IicPretrainerSettings;

class NodeParametersWriterTest {

    /** A settings class shaped like ours: package-private fields with m_ prefix, an enum, a nested group. */
    static final class Sample implements org.knime.node.parameters.NodeParameters {
        enum Mode {
            FAST,
            SLOW
        }

        static final class Group implements org.knime.node.parameters.NodeParameters {
            double m_rate = 0.5;
        }

        int m_epochs = 3;
        String m_name = "a<b>&\"c\"";
        Mode m_mode = Mode.SLOW;
        long m_seed = 7;
        boolean m_flag;
        int[] m_steps = {2, 4};
        Group m_group = new Group();
        String m_missing;
        private int m_notPersisted = 1;
        static int s_notPersistedEither = 2;
        transient int m_transient = 3;
    }

    @Test
    void writesFieldsAsKnimeDoesKeyedWithoutPrefix() {
        KnimeConfig model = new KnimeConfig("model");
        NodeParametersWriter.write(
                NodeParametersWriter.withOverrides(Sample.class, Map.of("epochs", 5, "mode", "FAST")), model);
        String xml = model.toXml();
        assertTrue(xml.contains("<entry key=\"epochs\" type=\"xint\" value=\"5\"/>"), xml);
        assertTrue(xml.contains("<entry key=\"name\" type=\"xstring\" value=\"a&lt;b&gt;&amp;&quot;c&quot;\"/>"), xml);
        assertTrue(xml.contains("<entry key=\"mode\" type=\"xstring\" value=\"FAST\"/>"), xml);
        assertTrue(xml.contains("<entry key=\"seed\" type=\"xlong\" value=\"7\"/>"), xml);
        assertTrue(xml.contains("<entry key=\"flag\" type=\"xboolean\" value=\"false\"/>"), xml);
        assertTrue(
                xml.contains("<config key=\"steps\">\n        <entry key=\"array-size\" type=\"xint\" value=\"2\"/>"),
                xml);
        assertTrue(
                xml.contains("<config key=\"group\">\n        <entry key=\"rate\" type=\"xdouble\" value=\"0.5\"/>"),
                xml);
        assertTrue(xml.contains("<entry key=\"missing\" type=\"xstring\" isnull=\"true\" value=\"\"/>"), xml);
        assertTrue(!xml.contains("notPersisted") && !xml.contains("transient"), xml);
    }

    @Test
    void overridingASettingTheNodeDoesNotHaveFailsNamingTheSettings() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> NodeParametersWriter.withOverrides(IicPretrainerSettings.class, Map.of("epoch", 3)));
        assertTrue(
                e.getMessage().contains("no setting 'epoch'") && e.getMessage().contains("epochs"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> NodeParametersWriter.withOverrides(Sample.class, Map.of("epochs", "three")));
    }

    @Test
    void bothExampleWorkflowsHaveElevenNodes() {
        ExampleWorkflows examples = new ExampleWorkflows("1.0.0");
        assertEquals(11, examples.paper().nodeCount());
        assertEquals(11, examples.quick().nodeCount());
    }
}
