package org.knime.core.node;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.filestore.FileStore;

/**
 * In memory: tables are {@link BufferedDataContainer}s holding their rows; file stores are files in one temporary
 * folder per context (and its sub-contexts), created when the first is asked for.
 */
public class ExecutionContext extends ExecutionMonitor {
    private final Path[] m_fileStoreFolder;

    public ExecutionContext(final NodeProgressMonitor progMon, final Node node) {
        this(progMon, new Path[1]);
    }

    private ExecutionContext(final NodeProgressMonitor progMon, final Path[] fileStoreFolder) {
        super(progMon);
        m_fileStoreFolder = fileStoreFolder;
    }

    public FileStore createFileStore(final String relativePath) throws IOException {
        synchronized (m_fileStoreFolder) {
            if (m_fileStoreFolder[0] == null) {
                Path folder = Files.createTempDirectory("knime-filestores");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(folder)));
                m_fileStoreFolder[0] = folder;
            }
        }
        File file = m_fileStoreFolder[0].resolve(relativePath).toFile();
        if (file.exists()) {
            throw new IOException("File store '" + relativePath + "' already exists");
        }
        try { // KNIME makes file stores through its internal handler; here the package-private constructor
            Constructor<FileStore> constructor = FileStore.class.getDeclaredConstructor(File.class);
            constructor.setAccessible(true);
            return constructor.newInstance(file);
        } catch (NoSuchMethodException
                | InstantiationException
                | IllegalAccessException
                | InvocationTargetException e) {
            throw new IOException("Cannot create file store '" + relativePath + "'", e);
        }
    }

    /** KNIME deletes a node's file stores with the node; here they go when the JVM ends. */
    private static void deleteRecursively(final Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: left to the system
        }
    }

    public BufferedDataContainer createDataContainer(final DataTableSpec spec) {
        return new BufferedDataContainer(spec);
    }

    public ExecutionContext createSubExecutionContext(final double maxProg) {
        return new ExecutionContext(subProgress(maxProg), m_fileStoreFolder);
    }
}
