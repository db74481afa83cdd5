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
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Devices.parse("tpu"))
                .getMessage()
                .contains("'tpu'"));
        assertThrows(IllegalArgumentException.class, () -> Devices.parse("gpu:x"));
        assertThrows(IllegalArgumentException.class, () -> Devices.parse(""));
    }

    @Test
    void gpuNeedsAGpu() {
        int gpus = TorchRuntime.engine().getGpuCount();
        if (gpus == 0) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Devices.parse("gpu"));
            // this module's tests have the CPU natives only: the message sends the user to the CUDA feature
            assertEquals(Devices.noGpuMessage("gpu", false), e.getMessage());
        } else {
            assertEquals(Device.gpu(0), Devices.parse("gpu"));
            assertThrows(IllegalArgumentException.class, () -> Devices.parse("gpu:" + gpus));
        }
    }

    @Test
    void withoutAGpuTheMessageSaysWhatToInstallOrCheck() {
        String missing = Devices.noGpuMessage("gpu:1", false);
        assertTrue(
                missing.startsWith("Device 'gpu:1' was asked for, but only the CPU build of PyTorch is installed"),
                missing);
        assertTrue(missing.contains("Install the feature '" + Devices.CUDA_FEATURE + "'"), missing);
        assertTrue(missing.endsWith("or use 'cpu'."), missing);
        String noDevice = Devices.noGpuMessage("gpu", true);
        assertTrue(noDevice.contains("the CUDA build of PyTorch is installed, but PyTorch sees no CUDA GPU"), noDevice);
        assertTrue(noDevice.contains("NVIDIA driver"), noDevice);
    }

    @Test
    void runtimeIsOfflineAndThreadsAreAdjustable() throws Exception {
        assertEquals("PyTorch", TorchRuntime.engine().getEngineName());
        assertEquals("true", System.getProperty("ai.djl.offline"));
        TorchRuntime.setIntraOpThreads(1);
        assertEquals(1, TorchRuntime.intraOpThreads());
        ClassLoader mine = Thread.currentThread().getContextClassLoader();
        ClassLoader seen =
                TorchRuntime.withContextClassLoader(() -> Thread.currentThread().getContextClassLoader());
        assertEquals(TorchRuntime.class.getClassLoader(), seen);
        assertEquals(mine, Thread.currentThread().getContextClassLoader());
    }
}
