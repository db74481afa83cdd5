package org.vidssl.torch.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;

/**
 * The PyTorch native builds the torch bundle's class loader sees: the CPU build from this platform's natives
 * fragment and, where the CUDA feature is installed, a CUDA build from its fragment. Each build's jar announces
 * itself in {@code native/lib/pytorch.properties} (flavor {@code cpu}, {@code cu124}, ...).
 */
public final class PyTorchNatives {

    /** The resource that announces a PyTorch native build to DJL. */
    static final String PROPERTIES = "native/lib/pytorch.properties";

    private PyTorchNatives() {}

    /** The flavors of the builds {@code loader} sees, in its search order, e.g. {@code [cpu, cu124]}. */
    public static List<String> flavors(ClassLoader loader) {
        List<String> flavors = new ArrayList<>();
        for (URL url : announcements(loader)) {
            flavors.add(flavor(url));
        }
        return flavors;
    }

    /** Whether a CUDA build of PyTorch is installed (the CUDA feature's fragment for this platform). */
    public static boolean cudaInstalled() {
        return flavors(PyTorchNatives.class.getClassLoader()).stream().anyMatch(PyTorchNatives::isCuda);
    }

    /**
     * A class loader that answers like {@code loader} but lists CUDA builds before CPU builds. DJL takes the first
     * build that fits the machine, and a CPU build fits every machine: with the fragments in install order it could
     * pick the CPU build on a GPU machine. On a machine without a CUDA GPU DJL still skips the CUDA build.
     */
    static ClassLoader cudaFirst(ClassLoader loader) {
        return new ClassLoader(loader) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                if (!PROPERTIES.equals(name)) {
                    return super.getResources(name);
                }
                List<URL> cuda = new ArrayList<>();
                List<URL> others = new ArrayList<>();
                for (URL url : announcements(loader)) {
                    (isCuda(flavor(url)) ? cuda : others).add(url);
                }
                cuda.addAll(others);
                return Collections.enumeration(cuda);
            }
        };
    }

    private static List<URL> announcements(ClassLoader loader) {
        try {
            return Collections.list(loader.getResources(PROPERTIES));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the PyTorch native builds", e);
        }
    }

    private static boolean isCuda(String flavor) {
        return flavor.startsWith("cu");
    }

    private static String flavor(URL announcement) {
        Properties properties = new Properties();
        try (InputStream in = announcement.openStream()) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + announcement, e);
        }
        return properties.getProperty("flavor", "");
    }
}
