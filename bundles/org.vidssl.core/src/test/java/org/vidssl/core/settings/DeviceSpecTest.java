package org.vidssl.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceSpecTest {

    @Test
    void readsTheSyntaxInAnyCaseAndWritesTheCanonicalForm() {
        assertEquals(DeviceSpec.CPU, DeviceSpec.parse("cpu"));
        assertEquals(DeviceSpec.CPU, DeviceSpec.parse(" CPU "));
        assertFalse(DeviceSpec.parse("cpu").isGpu());
        assertEquals("gpu:0", DeviceSpec.parse("gpu").toString());
        assertEquals("gpu:0", DeviceSpec.parse("GPU").toString());
        assertEquals("gpu:3", DeviceSpec.parse("gpu:3").toString());
        assertEquals("gpu:1", DeviceSpec.parse("cuda:1").toString());
        assertTrue(DeviceSpec.parse("Gpu:2").isGpu());
        assertEquals(2, DeviceSpec.parse("Gpu:2").gpu());
    }

    @Test
    void everythingElseIsAProblemThatShowsTheSyntax() {
        for (String bad : new String[] {null, "", "tpu", "gpu:", "gpu:x", "gpu:-1", "gpu:1:2", "gpu:99999999999"}) {
            InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> DeviceSpec.parse(bad));
            assertEquals("Device '" + bad + "' is not understood: use cpu, gpu or gpu:N.", e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        DeviceSpec.check(problems, "gpu:1");
        Checks.device(problems, "mps");
        assertEquals(List.of("Device 'mps' is not understood: use " + DeviceSpec.SYNTAX + "."), problems);
    }
}
