package org.vidssl.torch.engine;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vidssl.core.natives.NativeCache;

/**
 * The one place that loads DJL's PyTorch engine: offline (natives from the pytorch-native jar, never a
 * download), with an optional cache folder and CPU thread counts, and with the thread context class loader
 * set to this bundle's loader so DJL's ServiceLoader and native-library look-ups work inside OSGi.
 */
public final class TorchRuntime {

    /** DJL's engine name for PyTorch. */
    public static final String ENGINE_NAME = "PyTorch";

    /**
     * How the engine is loaded. Thread counts of 0 keep PyTorch's defaults.
     *
     * @param cacheDir        DJL cache folder (natives are unpacked here); null: ENGINE_CACHE_DIR or DJL_CACHE_DIR
     *                        if the user set one, else {@link NativeCache}'s folder (the bundle's data area)
     * @param intraOpThreads  threads inside one operation (convolution, matrix product); 0 = PyTorch default
     * @param interOpThreads  threads running independent operations; 0 = PyTorch default; fixed once loaded
     */
    public record Settings(Path cacheDir, int intraOpThreads, int interOpThreads) {

        public static final Settings DEFAULTS = new Settings(null, 0, 0);

        public Settings {
            if (intraOpThreads < 0 || interOpThreads < 0) {
                throw new IllegalArgumentException(
                        "Thread counts must be 0 (PyTorch default) or positive, got intra-op " + intraOpThreads
                                + ", inter-op " + interOpThreads + ".");
            }
        }
    }

    private static Engine engine;

    private TorchRuntime() {}

    /** The PyTorch engine, loaded with {@link Settings#DEFAULTS} on first use. */
    public static Engine engine() {
        return engine(Settings.DEFAULTS);
    }

    /**
     * The PyTorch engine. The first call loads it with these settings; later calls can still change the
     * intra-op thread count, while the cache folder and inter-op threads are fixed once the engine is loaded.
     */
    public static synchronized Engine engine(Settings settings) {
        if (engine == null) {
            // DJL reads these while it loads the engine, so they must be set before.
            System.setProperty("ai.djl.offline", "true");
            if (settings.cacheDir() != null) {
                System.setProperty(
                        "DJL_CACHE_DIR", settings.cacheDir().toAbsolutePath().toString());
            } else {
                // DJL unpacks the natives to ENGINE_CACHE_DIR/pytorch: this bundle's data area, not ~/.djl.ai or /tmp
                NativeCache.useUnlessSet(
                        "ENGINE_CACHE_DIR", List.of("ENGINE_CACHE_DIR", "DJL_CACHE_DIR"), TorchRuntime.class, "djl");
            }
            if (settings.interOpThreads() > 0) {
                System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(settings.interOpThreads()));
            }
            if (settings.intraOpThreads() > 0) {
                System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(settings.intraOpThreads()));
            }
            try {
                engine = withContextClassLoader(
                        PyTorchNatives.cudaFirst(TorchRuntime.class.getClassLoader()),
                        () -> Engine.getEngine(ENGINE_NAME));
            } catch (RuntimeException | LinkageError e) {
                throw new IllegalStateException(
                        "Could not load the PyTorch engine (DJL, offline mode): " + e.getMessage()
                                + ". It needs the PyTorch natives of this platform (" + System.getProperty("os.name")
                                + ", "
                                + System.getProperty("os.arch")
                                + "), which the extension ships for Linux x86-64, Windows "
                                + "x86-64 and macOS on Apple silicon (fragment org.vidssl.torch.natives.<os>.<arch>;"
                                + " on a "
                                + "plain class path the pytorch-native-cpu jar of this platform).",
                        e);
            } catch (Exception e) {
                throw new IllegalStateException("Could not load the PyTorch engine: " + e.getMessage(), e);
            }
        } else if (settings.intraOpThreads() > 0) {
            setIntraOpThreads(settings.intraOpThreads());
        }
        return engine;
    }

    /** Changes PyTorch's intra-op thread count of this process (all callers share it). */
    public static void setIntraOpThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("Intra-op thread count must be at least 1, got " + threads + ".");
        }
        engine();
        JniUtils.setNumThreads(threads);
    }

    /** PyTorch's current intra-op thread count. */
    public static int intraOpThreads() {
        engine();
        return JniUtils.getNumThreads();
    }

    /**
     * Runs {@code body} with the thread context class loader set to this bundle's class loader (where DJL
     * and its natives live), then restores the previous loader. Wrap DJL calls that look up engines,
     * model zoos or native libraries in this when running inside OSGi.
     */
    public static <T> T withContextClassLoader(Callable<T> body) throws Exception {
        return withContextClassLoader(TorchRuntime.class.getClassLoader(), body);
    }

    private static <T> T withContextClassLoader(ClassLoader loader, Callable<T> body) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return body.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
