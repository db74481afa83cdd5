package org.vidssl.torch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class DevicesTest {

    @Test
    void parsesCpuAndRejectsNonsense() {
        assertEquals(Device.cpu(), Devices.parse("cpu"));
        assertEquals(Device.cpu(), Devices.parse(" CPU "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Devices.parse("tpu")).getMessage().contains("'tpu'"));
        assertThrows(IllegalArgumentException.class, () -> Devices.parse("gpu:x"));
        assertThrows(IllegalArgumentException.class, () -> Devices.parse(""));
    }

    @Test
    void gpuNeedsAGpu() {
        int gpus = TorchRuntime.engine().getGpuCount();
        if (gpus == 0) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Devices.parse("gpu"));
            assertTrue(e.getMessage().contains("no GPU"), e.getMessage());
        } else {
            assertEquals(Device.gpu(0), Devices.parse("gpu"));
            assertThrows(IllegalArgumentException.class, () -> Devices.parse("gpu:" + gpus));
        }
    }

    @Test
    void runtimeIsOfflineAndThreadsAreAdjustable() throws Exception {
        assertEquals("PyTorch", TorchRuntime.engine().getEngineName());
        assertEquals("true", System.getProperty("ai.djl.offline"));
        TorchRuntime.setIntraOpThreads(1);
        assertEquals(1, TorchRuntime.intraOpThreads());
        ClassLoader mine = Thread.currentThread().getContextClassLoader();
        ClassLoader seen = TorchRuntime.withContextClassLoader(() -> Thread.currentThread().getContextClassLoader());
        assertEquals(TorchRuntime.class.getClassLoader(), seen);
        assertEquals(mine, Thread.currentThread().getContextClassLoader());
    }
}
