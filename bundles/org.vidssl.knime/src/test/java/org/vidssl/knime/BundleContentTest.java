package org.vidssl.knime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The KNIME declarations in knime-api/ only compile the nodes; KNIME provides the real classes at run time.
 * A copy of them inside our bundle would shadow KNIME's and fail on the first call, so none may be packaged.
 */
class BundleContentTest {

    private static final Path CLASSES = Path.of("target/classes");

    @Test
    void bundleContentHasNoKnimeClasses() throws IOException {
        try (Stream<Path> files = Files.walk(CLASSES)) {
            List<Path> knime = files.filter(f ->
                            CLASSES.relativize(f).toString().replace('\\', '/').startsWith("org/knime"))
                    .toList();
            assertEquals(List.of(), knime);
        }
    }

    @Test
    void builtJarsHaveNoKnimeClasses() throws IOException {
        // the jar exists after `package`; during `test` of a clean build only target/classes is checked above
        try (Stream<Path> jars = Files.list(Path.of("target"))) {
            for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).toList()) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    assertFalse(
                            file.stream().anyMatch(e -> e.getName().startsWith("org/knime/")),
                            jar + " contains org/knime classes");
                }
            }
        }
    }

    @Test
    void manifestRequiresKnimeBundlesAndImportsNoKnimePackage() throws IOException {
        Manifest manifest;
        try (InputStream in = Files.newInputStream(CLASSES.resolve("META-INF/MANIFEST.MF"))) {
            manifest = new Manifest(in);
        }
        Attributes main = manifest.getMainAttributes();
        String required = main.getValue("Require-Bundle");
        assertTrue(required.contains("org.knime.core;bundle-version=\"[5.6.0,6.0.0)\""), required);
        assertTrue(required.contains("org.knime.core.ui;bundle-version=\"[5.6.0,6.0.0)\""), required);
        String imports = main.getValue("Import-Package");
        assertFalse(imports.contains("org.knime"), imports);
        assertTrue(imports.contains("org.vidssl.core.clip"), imports);
        assertTrue(
                main.getValue("Bundle-SymbolicName").contains("singleton:=true"),
                "a bundle contributing extensions must be a singleton");
    }
}
