package org.vidssl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads the p2 repository the update-site module published and checks it offers what the build made. */
class UpdateSiteTest {

    private static final String FEATURE = "org.vidssl.feature";
    private static final String CUDA_FEATURE = "org.vidssl.cuda.feature";

    private static Path repository() {
        return BuiltArtifacts.root().resolve("update-site/target/repository");
    }

    @Test
    void contentListsTheFeatureAndEveryShippedBundleWithTheirBuiltVersions() throws Exception {
        Map<String, List<Element>> units = unitsById(metadata(repository(), "content"));
        String version = BuiltArtifacts.osgiVersion();
        assertEquals(List.of(version), versions(units, FEATURE + ".feature.group"), "feature group");
        assertEquals(List.of(version), versions(units, FEATURE + ".feature.jar"), "feature jar");
        for (String bundle : BuiltArtifacts.SHIPPED_BUNDLES) {
            String built = BuiltArtifacts.manifest(BuiltArtifacts.bundleJar(bundle))
                    .getMainAttributes()
                    .getValue("Bundle-Version");
            assertEquals(List.of(built), versions(units, bundle), "bundle " + bundle);
        }
        String commonsIo = BuiltArtifacts.manifest(BuiltArtifacts.commonsIoJar())
                .getMainAttributes()
                .getValue("Bundle-Version");
        assertEquals(List.of(commonsIo), versions(units, "org.apache.commons.commons-io"), "commons-io");
        assertTrue(
                units.keySet().stream().noneMatch(id -> id.startsWith("org.vidssl.cli") || id.startsWith("org.knime")),
                "the CLI and KNIME's own bundles must not be in the site: " + units.keySet());
    }

    @Test
    void theFeatureIncludesEveryShippedBundle() throws Exception {
        Element group = unitsById(metadata(repository(), "content"))
                .get(FEATURE + ".feature.group")
                .get(0);
        List<String> required = new ArrayList<>();
        NodeList requirements = group.getElementsByTagName("required");
        for (int i = 0; i < requirements.getLength(); i++) {
            required.add(((Element) requirements.item(i)).getAttribute("name"));
        }
        for (String bundle : BuiltArtifacts.SHIPPED_BUNDLES) {
            assertTrue(required.contains(bundle), "feature group does not include " + bundle + ": " + required);
        }
        assertTrue(required.contains("org.apache.commons.commons-io"), "feature lacks commons-io: " + required);
    }

    /**
     * p2 installs a unit only where its filter matches the running platform: each native fragment's unit and the
     * feature's requirement of it must both be filtered to that fragment's os/arch, so that an install downloads the
     * natives of its own platform only.
     */
    @Test
    void eachNativeFragmentIsOfferedForItsOwnPlatformOnly() throws Exception {
        Map<String, List<Element>> units = unitsById(metadata(repository(), "content"));
        Map<String, Element> requirements = new HashMap<>();
        NodeList required = units.get(FEATURE + ".feature.group").get(0).getElementsByTagName("required");
        for (int i = 0; i < required.getLength(); i++) {
            Element requirement = (Element) required.item(i);
            requirements.put(requirement.getAttribute("name"), requirement);
        }
        for (BuiltArtifacts.Platform platform : BuiltArtifacts.PLATFORMS) {
            for (String host : BuiltArtifacts.NATIVE_HOSTS) {
                String fragment = platform.fragment(host);
                Element unit = units.get(fragment).get(0);
                assertEquals("osgi.fragment", providedNamespace(unit, host), fragment + " is a fragment of " + host);
                assertOnlyFor(platform, filter(unit), "unit " + fragment);
                assertTrue(requirements.containsKey(fragment), "the feature does not include " + fragment);
                assertOnlyFor(platform, filter(requirements.get(fragment)), "the feature's requirement of " + fragment);
            }
        }
    }

    private static void assertOnlyFor(BuiltArtifacts.Platform platform, String filter, String what) throws Exception {
        assertNotNull(filter, what + " has no platform filter: p2 would install it everywhere");
        Filter parsed = FrameworkUtil.createFilter(filter);
        for (BuiltArtifacts.Platform other : BuiltArtifacts.PLATFORMS) {
            assertEquals(
                    other.equals(platform),
                    parsed.matches(Map.of("osgi.os", other.os(), "osgi.arch", other.arch(), "osgi.ws", "any")),
                    what + " with filter " + filter + " on " + other);
        }
    }

    /** The text of an element's own filter child (not one of a nested requirement), or null. */
    private static String filter(Element element) {
        for (org.w3c.dom.Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && e.getTagName().equals("filter")) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }

    private static String providedNamespace(Element unit, String name) {
        NodeList provided = unit.getElementsByTagName("provided");
        for (int i = 0; i < provided.getLength(); i++) {
            Element capability = (Element) provided.item(i);
            if (name.equals(capability.getAttribute("name"))
                    && !"osgi.bundle".equals(capability.getAttribute("namespace"))
                    && !"java.package".equals(capability.getAttribute("namespace"))) {
                return capability.getAttribute("namespace");
            }
        }
        return null;
    }

    /** The CUDA feature jar, built always; its natives and its publication need -Pcuda. */
    @Test
    void theCudaFeatureAddsTheCudaFragmentsForLinuxAndWindowsToTheMainFeature() throws Exception {
        Path jar = BuiltArtifacts.root()
                .resolve("features/" + CUDA_FEATURE + "/target/" + CUDA_FEATURE + "-" + BuiltArtifacts.mavenVersion()
                        + ".jar");
        Element feature;
        try (JarFile file = new JarFile(jar.toFile())) {
            try (InputStream in = file.getInputStream(file.getEntry("feature.xml"))) {
                feature = DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(in)
                        .getDocumentElement();
            }
        }
        assertEquals(CUDA_FEATURE, feature.getAttribute("id"));
        assertEquals(BuiltArtifacts.osgiVersion(), feature.getAttribute("version"));
        // the device error message sends users to this label
        assertEquals(org.vidssl.torch.engine.Devices.CUDA_FEATURE, feature.getAttribute("label"));
        Element requirement = (Element) feature.getElementsByTagName("import").item(0);
        assertEquals(FEATURE, requirement.getAttribute("feature"));
        assertEquals(BuiltArtifacts.osgiVersion(), requirement.getAttribute("version"));
        assertEquals("perfect", requirement.getAttribute("match"));
        Map<String, String> platforms = new HashMap<>();
        NodeList plugins = feature.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            assertEquals("true", plugin.getAttribute("fragment"), plugin.getAttribute("id"));
            assertEquals(BuiltArtifacts.osgiVersion(), plugin.getAttribute("version"), plugin.getAttribute("id"));
            platforms.put(plugin.getAttribute("id"), plugin.getAttribute("os") + "." + plugin.getAttribute("arch"));
        }
        assertEquals(
                Map.of(
                        "org.vidssl.torch.natives.cuda.linux.x86_64",
                        "linux.x86_64",
                        "org.vidssl.torch.natives.cuda.win32.x86_64",
                        "win32.x86_64"),
                platforms);
    }

    /**
     * A default build does not publish the CUDA feature (its natives are not built); a -Pcuda build publishes it with
     * each fragment filtered to its platform and attached to the torch bundle.
     */
    @Test
    void theCudaFeatureIsPublishedOnlyTogetherWithItsFragments() throws Exception {
        Map<String, List<Element>> units = unitsById(metadata(repository(), "content"));
        List<Element> group = units.getOrDefault(CUDA_FEATURE + ".feature.group", List.of());
        boolean cudaBuilt = Files.isRegularFile(BuiltArtifacts.root()
                .resolve("bundles/org.vidssl.torch.natives.cuda.linux.x86_64/target/"
                        + "org.vidssl.torch.natives.cuda.linux.x86_64-"
                        + BuiltArtifacts.mavenVersion() + ".jar"));
        if (group.isEmpty()) {
            assertTrue(
                    units.keySet().stream().noneMatch(id -> id.contains(".natives.cuda.")),
                    "CUDA fragments published without their feature: " + units.keySet());
            Assumptions.assumeFalse(cudaBuilt, "the CUDA fragments were built but the site lacks the CUDA feature");
            return;
        }
        Map<String, Element> requirements = new HashMap<>();
        NodeList required = group.get(0).getElementsByTagName("required");
        for (int i = 0; i < required.getLength(); i++) {
            Element requirement = (Element) required.item(i);
            requirements.put(requirement.getAttribute("name"), requirement);
        }
        assertTrue(requirements.containsKey(FEATURE + ".feature.group"), "the CUDA feature needs the main feature");
        for (BuiltArtifacts.Platform platform : BuiltArtifacts.PLATFORMS) {
            if (platform.os().equals("macosx")) {
                continue; // no CUDA on macOS
            }
            String fragment = "org.vidssl.torch.natives.cuda." + platform.os() + "." + platform.arch();
            Element unit = units.get(fragment).get(0);
            assertEquals("osgi.fragment", providedNamespace(unit, "org.vidssl.torch"), fragment);
            assertOnlyFor(platform, filter(unit), "unit " + fragment);
            assertOnlyFor(
                    platform, filter(requirements.get(fragment)), "the CUDA feature's requirement of " + fragment);
        }
    }

    @Test
    void aCategoryOffersTheFeature() throws Exception {
        List<Element> categories = new ArrayList<>();
        for (List<Element> sameId : unitsById(metadata(repository(), "content")).values()) {
            for (Element unit : sameId) {
                if ("true".equals(property(unit, "org.eclipse.equinox.p2.type.category"))) {
                    categories.add(unit);
                }
            }
        }
        assertEquals(1, categories.size(), "expected exactly one category");
        Element category = categories.get(0);
        assertNotNull(property(category, "org.eclipse.equinox.p2.name"), "category has no label");
        NodeList requirements = category.getElementsByTagName("required");
        Map<String, Element> offered = new HashMap<>();
        for (int i = 0; i < requirements.getLength(); i++) {
            Element requirement = (Element) requirements.item(i);
            offered.put(requirement.getAttribute("name"), requirement);
        }
        assertTrue(offered.containsKey(FEATURE + ".feature.group"), "the category does not contain " + FEATURE);
        Element cuda = offered.get(CUDA_FEATURE + ".feature.group");
        assertNotNull(cuda, "the category does not offer " + CUDA_FEATURE + " where a -Pcuda build publishes it");
        assertEquals("true", cuda.getAttribute("optional"), "a default build's site has no CUDA feature");
    }

    @Test
    void artifactsListTheFeatureAndBundleJarsAndTheFilesExist() throws Exception {
        Document artifacts = metadata(repository(), "artifacts");
        NodeList list = artifacts.getElementsByTagName("artifact");
        Map<String, String> bundleVersions = new HashMap<>();
        String featureVersion = null;
        for (int i = 0; i < list.getLength(); i++) {
            Element artifact = (Element) list.item(i);
            String id = artifact.getAttribute("id");
            String version = artifact.getAttribute("version");
            switch (artifact.getAttribute("classifier")) {
                case "osgi.bundle" -> {
                    bundleVersions.put(id, version);
                    assertTrue(
                            Files.isRegularFile(repository().resolve("plugins/" + id + "_" + version + ".jar")),
                            "missing plugin file for " + id);
                }
                case "org.eclipse.update.feature" -> {
                    if (FEATURE.equals(id)) {
                        featureVersion = version;
                    }
                    assertTrue(
                            Files.isRegularFile(repository().resolve("features/" + id + "_" + version + ".jar")),
                            "missing feature file for " + id);
                }
                default -> {}
            }
        }
        assertEquals(BuiltArtifacts.osgiVersion(), featureVersion, "feature artifact version");
        for (String bundle : BuiltArtifacts.SHIPPED_BUNDLES) {
            assertEquals(BuiltArtifacts.osgiVersion(), bundleVersions.get(bundle), "artifact of " + bundle);
        }
    }

    @Test
    void theZippedSiteHoldsTheSameRepository() throws Exception {
        Path zip = BuiltArtifacts.root().resolve("update-site/target/vidssl-update-site.zip");
        assertTrue(Files.isRegularFile(zip), "zipped update site not built: " + zip);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            assertNotNull(file.getEntry("content.jar"), "content.jar must be at the root of the zip");
            assertNotNull(file.getEntry("artifacts.jar"), "artifacts.jar must be at the root of the zip");
            assertNotNull(file.getEntry("features/" + FEATURE + "_" + BuiltArtifacts.osgiVersion() + ".jar"));
            for (String bundle : BuiltArtifacts.SHIPPED_BUNDLES) {
                ZipEntry entry = file.getEntry("plugins/" + bundle + "_" + BuiltArtifacts.osgiVersion() + ".jar");
                assertNotNull(entry, "zip lacks " + bundle);
            }
        }
    }

    /** Reads content/artifacts metadata in any of p2's forms: name.xml, name.jar (zipped) or name.xml.xz. */
    private static Document metadata(Path repository, String name) throws Exception {
        Path xml = repository.resolve(name + ".xml");
        Path jar = repository.resolve(name + ".jar");
        byte[] bytes;
        if (Files.isRegularFile(xml)) {
            bytes = Files.readAllBytes(xml);
        } else if (Files.isRegularFile(jar)) {
            try (JarFile file = new JarFile(jar.toFile())) {
                ZipEntry entry = file.getEntry(name + ".xml");
                assertNotNull(entry, jar + " has no " + name + ".xml");
                try (InputStream in = file.getInputStream(entry)) {
                    bytes = BuiltArtifacts.read(in);
                }
            }
        } else {
            throw new IOException("No " + name + ".xml or " + name + ".jar in " + repository
                    + " (xz-only repositories are not produced by this build)");
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }

    private static Map<String, List<Element>> unitsById(Document content) {
        Map<String, List<Element>> units = new HashMap<>();
        NodeList list = content.getElementsByTagName("unit");
        for (int i = 0; i < list.getLength(); i++) {
            Element unit = (Element) list.item(i);
            units.computeIfAbsent(unit.getAttribute("id"), id -> new ArrayList<>())
                    .add(unit);
        }
        return units;
    }

    private static List<String> versions(Map<String, List<Element>> units, String id) {
        return units.getOrDefault(id, List.of()).stream()
                .map(unit -> unit.getAttribute("version"))
                .toList();
    }

    private static String property(Element unit, String name) {
        NodeList properties = unit.getElementsByTagName("property");
        for (int i = 0; i < properties.getLength(); i++) {
            Element property = (Element) properties.item(i);
            if (name.equals(property.getAttribute("name"))) {
                return property.getAttribute("value");
            }
        }
        return null;
    }
}
