package org.vidssl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/** Checks the OSGi manifests bnd wrote into the built bundle jars. */
class BundleManifestTest {

    @Test
    void everyBundleHasItsSymbolicNameAndTheBuildVersion() throws IOException {
        for (String bundle : BuiltArtifacts.ALL_BUNDLES) {
            Attributes main =
                    BuiltArtifacts.manifest(BuiltArtifacts.bundleJar(bundle)).getMainAttributes();
            String symbolicName = ManifestClauses.parse(main.getValue("Bundle-SymbolicName"))
                    .get(0)
                    .name();
            assertEquals(bundle, symbolicName, "Bundle-SymbolicName of " + bundle);
            assertEquals(BuiltArtifacts.osgiVersion(), main.getValue("Bundle-Version"), "Bundle-Version of " + bundle);
            assertEquals("2", main.getValue("Bundle-ManifestVersion"), "Bundle-ManifestVersion of " + bundle);
        }
    }

    @Test
    void everyImportIsOptionalOrProvidedByAShippedBundleOrTheJdk() throws IOException {
        Map<String, List<Version>> exported = new HashMap<>();
        List<Path> shipped = new ArrayList<>();
        for (String bundle : BuiltArtifacts.SHIPPED_BUNDLES) {
            shipped.add(BuiltArtifacts.bundleJar(bundle));
        }
        shipped.add(BuiltArtifacts.commonsIoJar());
        for (Path jar : shipped) {
            String exports = BuiltArtifacts.manifest(jar).getMainAttributes().getValue("Export-Package");
            for (ManifestClauses export : ManifestClauses.parse(exports)) {
                exported.computeIfAbsent(export.name(), name -> new ArrayList<>())
                        .add(Version.parseVersion(export.attributes().getOrDefault("version", "0.0.0")));
            }
        }
        Set<String> jdkPackages = jdkExportedPackages();

        List<String> dangling = new ArrayList<>();
        for (String bundle : BuiltArtifacts.SHIPPED_BUNDLES) {
            Attributes main =
                    BuiltArtifacts.manifest(BuiltArtifacts.bundleJar(bundle)).getMainAttributes();
            Set<String> requiredBundles = ManifestClauses.parse(main.getValue("Require-Bundle")).stream()
                    .map(ManifestClauses::name)
                    .collect(Collectors.toSet());
            for (ManifestClauses imported : ManifestClauses.parse(main.getValue("Import-Package"))) {
                String name = imported.name();
                if (imported.optional() || name.startsWith("java.") || jdkPackages.contains(name)) {
                    continue;
                }
                // The KNIME bundle gets the KNIME API from the running KNIME through Require-Bundle.
                if (name.startsWith("org.knime.") && requiredBundles.contains("org.knime.core")) {
                    continue;
                }
                // KNIME provides SLF4J (checked by torchImportsSlf4jFromThePlatformInsteadOfEmbeddingIt).
                if (name.equals("org.slf4j")) {
                    continue;
                }
                VersionRange range = new VersionRange(imported.attributes().getOrDefault("version", "0.0.0"));
                boolean satisfied =
                        exported.getOrDefault(name, List.of()).stream().anyMatch(range::includes);
                if (!satisfied) {
                    dangling.add(bundle + " imports " + name + " " + range + " but only "
                            + exported.getOrDefault(name, List.of()) + " is exported by the shipped bundles");
                }
            }
        }
        assertTrue(dangling.isEmpty(), "Unresolvable imports:\n" + String.join("\n", dangling));
    }

    @Test
    void bundlesExportOnlyOurPackagesAndTorchTheDjlApi() throws IOException {
        for (String bundle : BuiltArtifacts.ALL_BUNDLES) {
            String exports = BuiltArtifacts.manifest(BuiltArtifacts.bundleJar(bundle))
                    .getMainAttributes()
                    .getValue("Export-Package");
            for (ManifestClauses export : ManifestClauses.parse(exports)) {
                String name = export.name();
                boolean djlApi = bundle.equals("org.vidssl.torch")
                        && (name.equals("ai.djl") || name.startsWith("ai.djl.") && !name.startsWith("ai.djl.pytorch."));
                // JavaCPP marks its packages with the OSGi @Export annotation, which bnd always honours (see the
                // video bnd.bnd); nothing else of the embedded libraries may leak.
                boolean javacppAnnotated = bundle.equals("org.vidssl.video")
                        && (name.equals("org.bytedeco.javacpp") || name.startsWith("org.bytedeco.javacpp."));
                assertTrue(
                        name.startsWith(bundle + ".") || name.equals(bundle) || djlApi || javacppAnnotated,
                        bundle + " must not export " + name);
            }
        }
    }

    @Test
    void knimeBundleRequiresTheKnimeApiFromKnimeItself() throws IOException {
        Attributes main = BuiltArtifacts.manifest(BuiltArtifacts.bundleJar("org.vidssl.knime"))
                .getMainAttributes();
        Map<String, String> required = ManifestClauses.parse(main.getValue("Require-Bundle")).stream()
                .collect(Collectors.toMap(
                        ManifestClauses::name, c -> c.attributes().getOrDefault("bundle-version", "")));
        for (String knimeBundle : List.of("org.knime.core", "org.knime.core.ui")) {
            assertTrue(required.containsKey(knimeBundle), "org.vidssl.knime must Require-Bundle " + knimeBundle);
            VersionRange range = new VersionRange(required.get(knimeBundle));
            assertTrue(
                    range.includes(Version.parseVersion("5.6.0")) && !range.includes(Version.parseVersion("6.0.0")),
                    knimeBundle + " range " + range + " must accept KNIME 5.6 and stop before 6.0");
        }
    }

    @Test
    void bundleClassPathEntriesExistInsideTheJar() throws IOException {
        for (String bundle : BuiltArtifacts.ALL_BUNDLES) {
            Path jar = BuiltArtifacts.bundleJar(bundle);
            try (JarFile file = new JarFile(jar.toFile())) {
                String classPath = file.getManifest().getMainAttributes().getValue("Bundle-ClassPath");
                for (ManifestClauses entry : ManifestClauses.parse(classPath)) {
                    if (!entry.name().equals(".")) {
                        assertTrue(
                                file.getEntry(entry.name()) != null,
                                bundle + ": Bundle-ClassPath entry " + entry.name() + " is missing from " + jar);
                    }
                }
            }
        }
    }

    @Test
    void theEmbeddedLibrariesAreOnTheClassPathOfTheirBundle() throws IOException {
        assertEmbeds(
                "org.vidssl.torch",
                "lib/api-",
                "lib/pytorch-engine-",
                "lib/pytorch-jni-",
                "lib/gson-",
                "lib/jna-",
                "lib/commons-compress-");
        assertEmbeds("org.vidssl.video", "lib/javacv-", "lib/javacpp-", "lib/ffmpeg-", "lib/opencv-", "lib/openblas-");
    }

    @Test
    void hostBundlesHoldNoNativesOfAnyPlatform() throws IOException {
        for (String host : BuiltArtifacts.NATIVE_HOSTS) {
            try (JarFile file = new JarFile(BuiltArtifacts.bundleJar(host).toFile())) {
                List<String> platformJars = file.stream()
                        .map(e -> e.getName())
                        .filter(name -> name.contains("pytorch-native") || name.matches(".*-(linux|windows|macosx)-.*"))
                        .toList();
                assertTrue(platformJars.isEmpty(), host + " embeds platform jars: " + platformJars);
            }
        }
    }

    @Test
    void eachNativeFragmentAttachesToItsHostOnItsPlatformOnly() throws Exception {
        for (BuiltArtifacts.Platform platform : BuiltArtifacts.PLATFORMS) {
            for (String host : BuiltArtifacts.NATIVE_HOSTS) {
                String fragment = platform.fragment(host);
                Attributes main = BuiltArtifacts.manifest(BuiltArtifacts.bundleJar(fragment))
                        .getMainAttributes();
                ManifestClauses fragmentHost =
                        ManifestClauses.parse(main.getValue("Fragment-Host")).get(0);
                assertEquals(host, fragmentHost.name(), fragment + " Fragment-Host");
                String version = BuiltArtifacts.osgiVersion();
                assertEquals(
                        "[" + version + "," + version + "]",
                        fragmentHost.attributes().get("bundle-version"),
                        fragment + " must attach to the host of the same build only");
                Filter filter = FrameworkUtil.createFilter(main.getValue("Eclipse-PlatformFilter"));
                for (BuiltArtifacts.Platform other : BuiltArtifacts.PLATFORMS) {
                    assertEquals(
                            other.equals(platform),
                            filter.matches(Map.of("osgi.os", other.os(), "osgi.arch", other.arch(), "osgi.ws", "any")),
                            fragment + " filter " + filter + " on " + other);
                }
                assertEquals(null, main.getValue("Import-Package"), fragment + " has no code to import for");
                assertEquals(null, main.getValue("Export-Package"), fragment + " has no code to export");
            }
        }
    }

    @Test
    void eachNativeFragmentHoldsTheNativeJarsOfItsPlatform() throws IOException {
        for (BuiltArtifacts.Platform platform : BuiltArtifacts.PLATFORMS) {
            Map<String, List<String>> torch = embeddedJars(platform.fragment("org.vidssl.torch"));
            assertEquals(
                    List.of("lib/pytorch-native-cpu-2.5.1-" + platform.djlClassifier() + ".jar"),
                    List.copyOf(torch.keySet()),
                    "PyTorch natives of " + platform);
            List<String> pytorch = torch.values().iterator().next();
            String libraries = "pytorch/cpu/" + platform.djlClassifier() + "/";
            assertTrue(pytorch.contains("native/lib/pytorch.properties"), "DJL's announcement of the build");
            assertTrue(
                    pytorch.stream().anyMatch(name -> name.startsWith(libraries) && name.contains("torch_cpu")),
                    "libtorch_cpu of " + platform + " under " + libraries);

            Map<String, List<String>> video = embeddedJars(platform.fragment("org.vidssl.video"));
            String classifier = platform.javacppClassifier();
            Map<String, String> presets = Map.of(
                    "javacpp",
                    "org/bytedeco/javacpp/",
                    "ffmpeg",
                    "org/bytedeco/ffmpeg/",
                    "opencv",
                    "org/bytedeco/opencv/",
                    "openblas",
                    "org/bytedeco/openblas/");
            assertEquals(presets.size(), video.size(), "JavaCPP natives of " + platform + ": " + video.keySet());
            for (Map.Entry<String, String> preset : presets.entrySet()) {
                String jar = video.keySet().stream()
                        .filter(name -> name.startsWith("lib/" + preset.getKey() + "-")
                                && name.endsWith("-" + classifier + ".jar"))
                        .findFirst()
                        .orElseThrow(() ->
                                new AssertionError(preset.getKey() + " " + classifier + " missing: " + video.keySet()));
                String folder = preset.getValue() + classifier + "/";
                assertTrue(
                        video.get(jar).stream().anyMatch(name -> name.startsWith(folder) && !name.endsWith("/")),
                        jar + " has no natives under " + folder);
            }
        }
    }

    /** The jars on a fragment's Bundle-ClassPath, each with the names of its entries. */
    private static Map<String, List<String>> embeddedJars(String fragment) throws IOException {
        Map<String, List<String>> jars = new TreeMap<>();
        try (JarFile file = new JarFile(BuiltArtifacts.bundleJar(fragment).toFile())) {
            String classPath = file.getManifest().getMainAttributes().getValue("Bundle-ClassPath");
            for (ManifestClauses entry : ManifestClauses.parse(classPath)) {
                // copied out, so that only the inner jar's directory is read, not its hundreds of MB inflated
                Path copy = Files.createTempFile("embedded", ".jar");
                try (InputStream in = file.getInputStream(file.getEntry(entry.name()));
                        ZipFile inner = copyAndOpen(in, copy)) {
                    jars.put(entry.name(), inner.stream().map(ZipEntry::getName).toList());
                } finally {
                    Files.delete(copy);
                }
            }
            assertTrue(file.stream().noneMatch(e -> e.getName().endsWith(".class")), fragment + " holds classes");
        }
        return jars;
    }

    @Test
    void torchImportsSlf4jFromThePlatformInsteadOfEmbeddingIt() throws IOException {
        Path jar = BuiltArtifacts.bundleJar("org.vidssl.torch");
        Attributes main = BuiltArtifacts.manifest(jar).getMainAttributes();
        ManifestClauses slf4j = ManifestClauses.parse(main.getValue("Import-Package")).stream()
                .filter(c -> c.name().equals("org.slf4j"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("org.vidssl.torch must import org.slf4j"));
        assertTrue(!slf4j.optional(), "the SLF4J import must be mandatory");
        VersionRange range = new VersionRange(slf4j.attributes().getOrDefault("version", "0.0.0"));
        for (String version : List.of("1.7.36", "2.0.17")) { // the API bundles KNIME 5.x and Eclipse have shipped
            assertTrue(range.includes(Version.parseVersion(version)), "range " + range + " must accept " + version);
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> embedded = file.stream()
                    .map(e -> e.getName())
                    .filter(n -> n.startsWith("lib/slf4j") || n.startsWith("org/slf4j/"))
                    .toList();
            assertTrue(embedded.isEmpty(), "SLF4J must not be embedded: " + embedded);
        }
        assertTrue(!main.getValue("Bundle-ClassPath").contains("slf4j"), main.getValue("Bundle-ClassPath"));
    }

    @Test
    void noBuiltJarContainsTheKnimeApi() throws IOException {
        for (String bundle : BuiltArtifacts.ALL_BUNDLES) {
            try (JarFile file = new JarFile(BuiltArtifacts.bundleJar(bundle).toFile())) {
                List<String> knimeClasses = file.stream()
                        .map(e -> e.getName())
                        .filter(name -> name.startsWith("org/knime/"))
                        .limit(5)
                        .toList();
                assertTrue(knimeClasses.isEmpty(), bundle + " must not package the KNIME API: " + knimeClasses);
                for (String name : file.stream()
                        .map(e -> e.getName())
                        .filter(n -> n.endsWith(".jar"))
                        .toList()) {
                    assertFalse(name.contains("knime-api"), bundle + " embeds " + name);
                }
            }
        }
    }

    private static ZipFile copyAndOpen(InputStream in, Path copy) throws IOException {
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        return new ZipFile(copy.toFile());
    }

    private static void assertEmbeds(String bundle, String... fragments) throws IOException {
        String classPath = BuiltArtifacts.manifest(BuiltArtifacts.bundleJar(bundle))
                .getMainAttributes()
                .getValue("Bundle-ClassPath");
        List<String> entries = ManifestClauses.parse(classPath).stream()
                .map(ManifestClauses::name)
                .toList();
        for (String fragment : fragments) {
            assertTrue(
                    entries.stream().anyMatch(e -> e.contains(fragment)),
                    bundle + " Bundle-ClassPath lacks " + fragment + ": " + entries);
        }
    }

    /** Packages the JDK's modules export to everyone: what Equinox's system bundle exports. */
    private static Set<String> jdkExportedPackages() {
        return ModuleLayer.boot().modules().stream()
                .flatMap(module -> module.getDescriptor().exports().stream())
                .filter(export -> !export.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());
    }
}
