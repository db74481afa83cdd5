package org.vidssl.torch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PyTorchNativesTest {

    @Test
    void thisModuleSeesTheCpuBuildOnly() {
        assertEquals(List.of("cpu"), PyTorchNatives.flavors(PyTorchNatives.class.getClassLoader()));
        assertFalse(PyTorchNatives.cudaInstalled());
    }

    /** Two native builds as class path folders, the CPU one first, as fragments installed in that order would be. */
    @Test
    void cudaBuildsAreListedFirstWhateverTheClassPathOrder(@TempDir Path temp) throws IOException {
        Path cpu = announce(temp.resolve("cpu fragment ü"), "cpu");
        Path cuda = announce(temp.resolve("cuda fragment ü"), "cu124");
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {cpu.toUri().toURL(), cuda.toUri().toURL()}, null)) {
            assertEquals(List.of("cpu", "cu124"), PyTorchNatives.flavors(loader));
            ClassLoader ordered = PyTorchNatives.cudaFirst(loader);
            assertEquals(List.of("cu124", "cpu"), PyTorchNatives.flavors(ordered));
            // every other look-up is the original loader's
            assertEquals(
                    loader.getResource("pytorch/cpu/linux-x86_64/libtorch.so"),
                    ordered.getResource("pytorch/cpu/linux-x86_64/libtorch.so"));
        }
    }

    private static Path announce(Path root, String flavor) throws IOException {
        Path properties = root.resolve(PyTorchNatives.PROPERTIES);
        Files.createDirectories(properties.getParent());
        Files.writeString(properties, "version=2.5.1\nflavor=" + flavor + "\nclassifier=linux-x86_64\n");
        Path library = root.resolve("pytorch/" + flavor + "/linux-x86_64/libtorch.so");
        Files.createDirectories(library.getParent());
        Files.writeString(library, flavor);
        return root;
    }
}
