package org.vidssl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * Launches Equinox with commons-io and the built core, video and torch bundles, and runs the embedded native
 * libraries inside the framework: PyTorch through DJL (offline, natives from the embedded jar) and FFmpeg/OpenCV
 * through JavaCV. Calls come from a thread whose context class loader is another bundle's: without the torch
 * bundle setting its own loader around DJL calls, DJL fails here with "Deep learning engine not found: PyTorch"
 * (its ServiceLoader looks at the context class loader). One framework serves all tests of the class; add a test per engine step (pretraining, embedding
 * extraction) by calling its in-bundle entry point with {@link EquinoxFramework#callStatic}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OsgiRuntimeTest {

    private Path temp;
    private EquinoxFramework framework;

    @BeforeAll
    void launchFrameworkWithOurBundles(@TempDir Path temp) throws Exception {
        this.temp = temp;
        framework = EquinoxFramework.launch(temp.resolve("osgi-storage"));
        framework.install(BuiltArtifacts.commonsIoJar());
        for (String bundle : new String[] {"org.vidssl.core", "org.vidssl.video", "org.vidssl.torch"}) {
            framework.install(BuiltArtifacts.bundleJar(bundle));
        }
        framework.startAll();
    }

    @AfterAll
    void stopFramework() throws Exception {
        if (framework != null) {
            framework.close();
        }
    }

    @Test
    void allBundlesAreActive() {
        for (String name : new String[] {"org.apache.commons.commons-io", "org.vidssl.core", "org.vidssl.video",
                "org.vidssl.torch"}) {
            assertEquals(Bundle.ACTIVE, framework.bundle(name).getState(), name + " is not active");
        }
    }

    @Test
    void pytorchEngineLoadsOfflineAndRunsConv3dForwardAndBackward() throws Throwable {
        String report = (String) framework.callStatic("org.vidssl.torch", "org.vidssl.torch.engine.SelfTest",
                "conv3dForwardBackward", new Class<?>[0]);
        assertTrue(report.startsWith("PyTorch 2.5.1"), report);
        assertTrue(report.contains("output (1, 4, 4, 8, 8)"), report);
    }

    @Test
    void ffmpegEncodesAndDecodesAnMp4AndOpenCvRoundTripsAJpeg() throws Throwable {
        Path video = temp.resolve("square.mp4");
        String report = (String) framework.callStatic("org.vidssl.video", "org.vidssl.video.SelfTest", "encodeDecode",
                new Class<?>[] {Path.class, int.class}, video, 8);
        assertTrue(Files.size(video) > 0, "no video written");
        assertTrue(report.startsWith("decoded 8 frames of 64x48"), report);
    }
}
