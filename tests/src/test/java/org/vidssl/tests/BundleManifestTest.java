package org.vidssl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/** Checks the OSGi manifests bnd wrote into the built bundle jars. */
class BundleManifestTest {

    @Test
    void everyBundleHasItsSymbolicNameAndTheBuildVersion() throws IOException {
        for (String bundle : BuiltArtifacts.ALL_BUNDLES) {
            Attributes main = BuiltArtifacts.manifest(BuiltArtifacts.bundleJar(bundle)).getMainAttributes();
            String symbolicName = ManifestClauses.parse(main.getValue("Bundle-SymbolicName")).get(0).name();
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
            Attributes main = BuiltArtifacts.manifest(BuiltArtifacts.bundleJar(bundle)).getMainAttributes();
            Set<String> requiredBundles = ManifestClauses.parse(main.getValue("Require-Bundle")).stream()
                    .map(ManifestClauses::name).collect(Collectors.toSet());
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
                boolean satisfied = exported.getOrDefault(name, List.of()).stream().anyMatch(range::includes);
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
            String exports = BuiltArtifacts.manifest(BuiltArtifacts.bundleJar(bundle)).getMainAttributes()
                    .getValue("Export-Package");
            for (ManifestClauses export : ManifestClauses.parse(exports)) {
                String name = export.name();
                boolean djlApi = bundle.equals("org.vidssl.torch")
                        && (name.equals("ai.djl") || name.startsWith("ai.djl.") && !name.startsWith("ai.djl.pytorch."));
                // JavaCPP marks its packages with the OSGi @Export annotation, which bnd always honours (see the
                // video bnd.bnd); nothing else of the embedded libraries may leak.
                boolean javacppAnnotated = bundle.equals("org.vidssl.video")
                        && (name.equals("org.bytedeco.javacpp") || name.startsWith("org.bytedeco.javacpp."));
                assertTrue(name.startsWith(bundle + ".") || name.equals(bundle) || djlApi || javacppAnnotated,
                        bundle + " must not export " + name);
            }
        }
    }

    @Test
    void knimeBundleRequiresTheKnimeApiFromKnimeItself() throws IOException {
        Attributes main = BuiltArtifacts.manifest(BuiltArtifacts.bundleJar("org.vidssl.knime")).getMainAttributes();
        Map<String, String> required = ManifestClauses.parse(main.getValue("Require-Bundle")).stream()
                .collect(Collectors.toMap(ManifestClauses::name, c -> c.attributes().getOrDefault("bundle-version", "")));
        for (String knimeBundle : List.of("org.knime.core", "org.knime.core.ui")) {
            assertTrue(required.containsKey(knimeBundle), "org.vidssl.knime must Require-Bundle " + knimeBundle);
            VersionRange range = new VersionRange(required.get(knimeBundle));
            assertTrue(range.includes(Version.parseVersion("5.6.0")) && !range.includes(Version.parseVersion("6.0.0")),
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
                        assertTrue(file.getEntry(entry.name()) != null,
                                bundle + ": Bundle-ClassPath entry " + entry.name() + " is missing from " + jar);
                    }
                }
            }
        }
    }

    @Test
    void theEmbeddedLibrariesAreOnTheClassPathOfTheirBundle() throws IOException {
        assertEmbeds("org.vidssl.torch", "lib/api-", "lib/pytorch-engine-", "lib/pytorch-jni-",
                "lib/pytorch-native-cpu-", "lib/gson-", "lib/jna-", "lib/commons-compress-");
        assertEmbeds("org.vidssl.video", "lib/javacv-", "lib/javacpp-", "lib/ffmpeg-", "lib/opencv-");
        assertEmbeds("org.vidssl.video", "-linux-x86_64.jar");
    }

    @Test
    void torchImportsSlf4jFromThePlatformInsteadOfEmbeddingIt() throws IOException {
        Path jar = BuiltArtifacts.bundleJar("org.vidssl.torch");
        Attributes main = BuiltArtifacts.manifest(jar).getMainAttributes();
        ManifestClauses slf4j = ManifestClauses.parse(main.getValue("Import-Package")).stream()
                .filter(c -> c.name().equals("org.slf4j")).findFirst()
                .orElseThrow(() -> new AssertionError("org.vidssl.torch must import org.slf4j"));
        assertTrue(!slf4j.optional(), "the SLF4J import must be mandatory");
        VersionRange range = new VersionRange(slf4j.attributes().getOrDefault("version", "0.0.0"));
        for (String version : List.of("1.7.36", "2.0.17")) { // the API bundles KNIME 5.x and Eclipse have shipped
            assertTrue(range.includes(Version.parseVersion(version)), "range " + range + " must accept " + version);
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> embedded = file.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("lib/slf4j") || n.startsWith("org/slf4j/")).toList();
            assertTrue(embedded.isEmpty(), "SLF4J must not be embedded: " + embedded);
        }
        assertTrue(!main.getValue("Bundle-ClassPath").contains("slf4j"), main.getValue("Bundle-ClassPath"));
    }

    @Test
    void noBuiltJarContainsTheKnimeApi() throws IOException {
        for (String bundle : BuiltArtifacts.ALL_BUNDLES) {
            try (JarFile file = new JarFile(BuiltArtifacts.bundleJar(bundle).toFile())) {
                List<String> knimeClasses = file.stream().map(e -> e.getName())
                        .filter(name -> name.startsWith("org/knime/")).limit(5).toList();
                assertTrue(knimeClasses.isEmpty(), bundle + " must not package the KNIME API: " + knimeClasses);
                for (String name : file.stream().map(e -> e.getName()).filter(n -> n.endsWith(".jar")).toList()) {
                    assertFalse(name.contains("knime-api"), bundle + " embeds " + name);
                }
            }
        }
    }

    private static void assertEmbeds(String bundle, String... fragments) throws IOException {
        String classPath = BuiltArtifacts.manifest(BuiltArtifacts.bundleJar(bundle)).getMainAttributes()
                .getValue("Bundle-ClassPath");
        List<String> entries = ManifestClauses.parse(classPath).stream().map(ManifestClauses::name).toList();
        for (String fragment : fragments) {
            assertTrue(entries.stream().anyMatch(e -> e.contains(fragment)),
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
