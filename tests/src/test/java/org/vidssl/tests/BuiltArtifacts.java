package org.vidssl.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.apache.commons.io.IOUtils;

/** Locates what the reactor built before the tests module: bundle jars, the feature, the update site. */
final class BuiltArtifacts {

    /** A platform the update site carries natives for: its OSGi names and its classifiers on Maven Central. */
    record Platform(String os, String arch, String djlClassifier, String javacppClassifier) {

        /** The fragment with this platform's natives for {@code host} (org.vidssl.torch or org.vidssl.video). */
        String fragment(String host) {
            return host + ".natives." + os + "." + arch;
        }
    }

    static final Platform LINUX_X86_64 = new Platform("linux", "x86_64", "linux-x86_64", "linux-x86_64");
    /** Intel Macs are missing: PyTorch 2.5.1 has no build for them (DJL publishes none on Maven Central). */
    static final List<Platform> PLATFORMS = List.of(
            LINUX_X86_64,
            new Platform("win32", "x86_64", "win-x86_64", "windows-x86_64"),
            new Platform("macosx", "aarch64", "osx-aarch64", "macosx-arm64"));
    /** The bundles whose natives live in per-platform fragments. */
    static final List<String> NATIVE_HOSTS = List.of("org.vidssl.torch", "org.vidssl.video");

    static final List<String> NATIVE_FRAGMENTS = PLATFORMS.stream()
            .flatMap(platform -> NATIVE_HOSTS.stream().map(platform::fragment))
            .toList();

    /** The bundles that ship in the feature and the update site (the CLI is a command-line tool, not shipped). */
    static final List<String> SHIPPED_BUNDLES = concat(
            List.of("org.vidssl.core", "org.vidssl.video", "org.vidssl.torch", "org.vidssl.knime"), NATIVE_FRAGMENTS);

    static final List<String> ALL_BUNDLES = concat(SHIPPED_BUNDLES, List.of("org.vidssl.cli"));

    private BuiltArtifacts() {}

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    static Path root() {
        String root = System.getProperty("vidssl.root");
        return (root == null ? Paths.get("..") : Paths.get(root))
                .toAbsolutePath()
                .normalize();
    }

    /** The Maven version of the build, e.g. 0.1.0-SNAPSHOT. */
    static String mavenVersion() {
        String version = System.getProperty("vidssl.version");
        if (version == null) {
            throw new IllegalStateException("System property vidssl.version is not set: run the tests through Maven");
        }
        return version;
    }

    /** The OSGi form of the Maven version: 0.1.0-SNAPSHOT becomes 0.1.0.SNAPSHOT. */
    static String osgiVersion() {
        return mavenVersion().replace('-', '.');
    }

    static Path bundleJar(String bundle) {
        Path jar = root().resolve("bundles")
                .resolve(bundle)
                .resolve("target")
                .resolve(bundle + "-" + mavenVersion() + ".jar");
        assertTrue(Files.isRegularFile(jar), "Bundle jar not built: " + jar + " (run ./mvnw -B verify from the root)");
        return jar;
    }

    /** The bundles KNIME provides to ours (the SLF4J API and a provider), copied by the build for the OSGi test. */
    static List<Path> platformBundles() {
        String folder = System.getProperty("vidssl.platformBundles");
        if (folder == null) {
            throw new IllegalStateException(
                    "System property vidssl.platformBundles is not set: run the tests through " + "Maven");
        }
        try (Stream<Path> jars = Files.list(Paths.get(folder))) {
            List<Path> found =
                    jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            assertTrue(found.size() == 2, "Expected the SLF4J API and provider jars in " + folder + ": " + found);
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
    }

    /** The commons-io jar on the test class path: the same artifact the feature ships as its own bundle. */
    static Path commonsIoJar() {
        try {
            return Paths.get(IOUtils.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot locate the commons-io jar", e);
        }
    }

    static Manifest manifest(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            assertTrue(manifest != null, "No manifest in " + jar);
            return manifest;
        }
    }

    static byte[] read(InputStream in) throws IOException {
        return IOUtils.toByteArray(in);
    }
}
