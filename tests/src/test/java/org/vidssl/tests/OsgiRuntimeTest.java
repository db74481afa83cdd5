package org.vidssl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Launches Equinox with commons-io, the built core, video and torch bundles and every platform's native fragments,
 * and runs the native libraries inside the framework: PyTorch through DJL (offline, natives from the Linux
 * fragment of the torch bundle) and FFmpeg/OpenCV through JavaCV (natives from the video bundle's Linux fragment).
 * Calls come from a thread whose context class loader is another bundle's: without the torch
 * bundle setting its own loader around DJL calls, DJL fails here with "Deep learning engine not found: PyTorch"
 * (its ServiceLoader looks at the context class loader). One framework serves all tests of the class; add a test per
 * engine step (pretraining, embedding
 * extraction) by calling its in-bundle entry point with {@link EquinoxFramework#callStatic}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OsgiRuntimeTest {

    private Path temp;
    private EquinoxFramework framework;

    @BeforeAll
    void launchFrameworkWithOurBundles(@TempDir Path temp) throws Exception {
        this.temp = temp;
        // The bundles choose their native caches themselves (their data areas), as in KNIME: drop the build's
        // cache settings. The framework's storage, and so the data areas, has a space and non-ASCII characters.
        for (String cacheSetting : CACHE_SETTINGS) {
            System.clearProperty(cacheSetting);
        }
        framework = EquinoxFramework.launch(temp.resolve("osgi storage ä €"));
        framework.install(BuiltArtifacts.commonsIoJar());
        for (Path platformBundle : BuiltArtifacts.platformBundles()) { // SLF4J, as KNIME provides it
            framework.install(platformBundle);
        }
        for (String bundle : new String[] {"org.vidssl.core", "org.vidssl.video", "org.vidssl.torch"}) {
            framework.install(BuiltArtifacts.bundleJar(bundle));
        }
        // every platform's natives, as p2 would offer them; the platform filters must leave only Linux's resolvable
        for (String fragment : BuiltArtifacts.NATIVE_FRAGMENTS) {
            framework.install(BuiltArtifacts.bundleJar(fragment));
        }
        framework.startAll();
    }

    /** The system properties the build sets to share native caches between test JVMs. */
    private static final List<String> CACHE_SETTINGS =
            List.of("ENGINE_CACHE_DIR", "DJL_CACHE_DIR", "org.bytedeco.javacpp.cachedir");

    @AfterAll
    void stopFramework() throws Exception {
        if (framework != null) {
            framework.close();
        }
    }

    @Test
    void allBundlesAreActive() {
        for (String name : new String[] {
            "org.apache.commons.commons-io", "slf4j.api", "org.vidssl.core", "org.vidssl.video", "org.vidssl.torch"
        }) {
            assertEquals(Bundle.ACTIVE, framework.bundle(name).getState(), name + " is not active");
        }
    }

    @Test
    void djlLogsThroughThePlatformsSlf4jBundle() throws Exception {
        Class<?> loggerFactory = framework.bundle("org.vidssl.torch").loadClass("org.slf4j.LoggerFactory");
        assertEquals(
                "slf4j.api",
                FrameworkUtil.getBundle(loggerFactory).getSymbolicName(),
                "org.slf4j must be wired to the platform's SLF4J bundle, not embedded");
        Class<?> djlEngine = framework.bundle("org.vidssl.torch").loadClass("ai.djl.engine.Engine");
        assertEquals(
                loggerFactory,
                djlEngine.getClassLoader().loadClass("org.slf4j.LoggerFactory"),
                "DJL, embedded in the torch bundle, must see the same SLF4J");
    }

    @Test
    void onlyThisPlatformsNativeFragmentsAttachToTheirHosts() {
        for (String host : BuiltArtifacts.NATIVE_HOSTS) {
            List<String> attached =
                    framework
                            .bundle(host)
                            .adapt(BundleWiring.class)
                            .getProvidedWires(HostNamespace.HOST_NAMESPACE)
                            .stream()
                            .map(wire -> wire.getRequirer().getSymbolicName())
                            .toList();
            assertEquals(List.of(BuiltArtifacts.LINUX_X86_64.fragment(host)), attached, host + " fragments");
        }
        for (String fragment : BuiltArtifacts.NATIVE_FRAGMENTS) {
            boolean linux = fragment.endsWith(".linux.x86_64");
            assertEquals(
                    linux ? Bundle.RESOLVED : Bundle.INSTALLED,
                    framework.bundle(fragment).getState(),
                    fragment + (linux ? " must resolve here" : " must not resolve on Linux x86-64"));
        }
    }

    @Test
    void pytorchEngineLoadsOfflineAndRunsConv3dForwardAndBackward() throws Throwable {
        String report = (String) framework.callStatic(
                "org.vidssl.torch", "org.vidssl.torch.selftest.SelfTest", "conv3dForwardBackward", new Class<?>[0]);
        assertTrue(report.startsWith("PyTorch 2.5.1"), report);
        assertTrue(report.contains("output (1, 4, 4, 8, 8)"), report);
        // DJL unpacked the fragment's natives into the torch bundle's data area, whose path has " ä €"
        Path cache = framework.bundle("org.vidssl.torch").getDataFile("djl").toPath();
        assertTrue(cache.toString().contains("osgi storage ä €"), cache.toString());
        try (var files = Files.walk(cache)) {
            assertTrue(
                    files.anyMatch(file -> file.toString().contains("cpu-linux-x86_64")
                            && file.getFileName().toString().equals("libtorch_cpu.so")),
                    "libtorch_cpu.so not under " + cache);
        }
    }

    @Test
    void ffmpegEncodesAndDecodesAnMp4AndOpenCvRoundTripsAJpeg() throws Throwable {
        Path video = temp.resolve("square.mp4");
        String report = (String) framework.callStatic(
                "org.vidssl.video",
                "org.vidssl.video.selftest.SelfTest",
                "encodeDecode",
                new Class<?>[] {Path.class, int.class},
                video,
                8);
        assertTrue(Files.size(video) > 0, "no video written");
        assertTrue(report.startsWith("decoded 8 frames of 64x48"), report);
        // JavaCPP unpacked FFmpeg from the fragment into the video bundle's data area
        Path cache = framework.bundle("org.vidssl.video").getDataFile("javacpp").toPath();
        try (var files = Files.walk(cache)) {
            assertTrue(
                    files.anyMatch(file -> file.getFileName().toString().startsWith("libavcodec.so")),
                    "libavcodec not unpacked under " + cache);
        }
    }

    /**
     * The pipeline across bundles, as a KNIME workflow runs it: the video bundle generates synthetic videos and
     * decodes them into frame folders (FrameExtractor), its clip source is handed to the torch bundle, which runs
     * one epoch of IIC pretraining (IicPretraining) on the PyTorch engine, saves the encoder, loads it again and
     * embeds every video (EmbeddingExtractor). It runs first (the surefire fork is this class's own), so the
     * engine is loaded by the pretraining entry point under the caller's (foreign) context class loader. Objects cross
     * bundles only as types of the core bundle
     * (VideoEntry, ClipSource), so both bundles must be wired to the same core.
     */
    @Test
    @Order(1) // first: the pretraining entry point must load the PyTorch engine itself, under a foreign class loader
    void decodedSyntheticVideosArePretrainedOnAndEmbeddedAcrossBundles() throws Throwable {
        int frames = 12;
        int size = 40;
        Path folder = temp.resolve("pipeline");
        List<?> videos = (List<?>) framework.callStatic(
                "org.vidssl.video",
                "org.vidssl.video.selftest.PipelineSelfTest",
                "decodeSyntheticVideos",
                new Class<?>[] {Path.class, int.class, int.class, int.class, int.class},
                folder,
                2,
                4,
                frames,
                size);
        assertEquals(8, videos.size(), "2 classes x 4 videos");
        try (var folders = Files.list(folder.resolve("frames"))) {
            List<Path> decoded = folders.filter(Files::isDirectory).toList();
            assertEquals(8, decoded.size(), "one frame folder per video: " + decoded);
            for (Path frameFolder : decoded) {
                assertTrue(
                        Files.size(frameFolder.resolve("frame" + String.format("%06d", frames) + ".jpg")) > 0,
                        "last frame of " + frameFolder);
            }
        }

        Object clipSource = framework.callStatic(
                "org.vidssl.video",
                "org.vidssl.video.selftest.PipelineSelfTest",
                "clipSource",
                new Class<?>[] {List.class, int.class, int.class, int.class},
                videos,
                8,
                size,
                32);
        Class<?> clipSourceType = framework.bundle("org.vidssl.core").loadClass("org.vidssl.core.clip.ClipSource");
        assertTrue(clipSourceType.isInstance(clipSource), "the clip source is the core bundle's ClipSource");
        Path encoder = folder.resolve("encoder.vidssl");
        String report = (String) framework.callStatic(
                "org.vidssl.torch",
                "org.vidssl.torch.selftest.PipelineSelfTest",
                "pretrainOneEpoch",
                new Class<?>[] {clipSourceType, int.class, int.class, int.class, Path.class},
                clipSource,
                8,
                32,
                4,
                encoder);
        assertTrue(report.startsWith("pretrained 1 epoch(s) on 8 videos, loss "), report);
        assertTrue(Files.size(encoder) > 0, "encoder file written");

        String embedded = (String) framework.callStatic(
                "org.vidssl.torch",
                "org.vidssl.torch.selftest.PipelineSelfTest",
                "extractEmbeddings",
                new Class<?>[] {clipSourceType, Path.class, int.class},
                clipSource,
                encoder,
                2);
        assertTrue(embedded.startsWith("embedded 8 videos, dimension "), embedded);
    }
}
