package org.vidssl.tests;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;

/**
 * An Eclipse Equinox framework launched through the standard {@link FrameworkFactory}, with the bundles installed by
 * reference (no copy of the 100 MB jars) and a way to call a static entry method inside a bundle.
 */
final class EquinoxFramework implements AutoCloseable {

    /** The bundle whose class loader stands in for a caller's context class loader. */
    static final String FOREIGN_BUNDLE = "org.apache.commons.commons-io";

    private final Framework framework;
    private final List<Bundle> installed = new ArrayList<>();

    private EquinoxFramework(Framework framework) {
        this.framework = framework;
    }

    static EquinoxFramework launch(Path storage) throws BundleException {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toAbsolutePath().toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // Like KNIME: nothing from the application class path leaks into bundles; only the JDK is visible.
        config.put("osgi.parentClassloader", "boot");
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No OSGi FrameworkFactory on the class path"));
        Framework framework = factory.newFramework(config);
        framework.start();
        return new EquinoxFramework(framework);
    }

    Bundle install(Path jar) throws BundleException {
        Bundle bundle = framework.getBundleContext().installBundle("reference:" + jar.toUri());
        installed.add(bundle);
        return bundle;
    }

    /**
     * Starts every installed bundle (fragments are not started: they resolve with their host); a bundle that does
     * not resolve fails here with the framework's reason.
     */
    void startAll() throws BundleException {
        for (Bundle bundle : installed) {
            if (!isFragment(bundle)) {
                bundle.start();
            }
        }
    }

    static boolean isFragment(Bundle bundle) {
        return (bundle.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    Bundle bundle(String symbolicName) {
        for (Bundle bundle : framework.getBundleContext().getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new IllegalArgumentException("Bundle " + symbolicName + " is not installed");
    }

    /**
     * Calls {@code className.method(args)} as loaded by the bundle's own class loader, from a thread whose context
     * class loader is another bundle's (commons-io's), as a KNIME node's would be: the called code must set the
     * context class loader it needs itself.
     */
    Object callStatic(String symbolicName, String className, String method, Class<?>[] parameterTypes, Object... args)
            throws Throwable {
        Bundle bundle = bundle(symbolicName);
        Class<?> type = bundle.loadClass(className);
        ClassLoader bundleLoader = bundle.adapt(BundleWiring.class).getClassLoader();
        if (type.getClassLoader() != bundleLoader) {
            throw new IllegalStateException(className + " was not loaded by " + symbolicName + "'s class loader");
        }
        Method entry = type.getMethod(method, parameterTypes);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(
                bundle(FOREIGN_BUNDLE).adapt(BundleWiring.class).getClassLoader());
        try {
            return entry.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void close() throws Exception {
        framework.stop();
        framework.waitForStop(30_000);
    }
}
