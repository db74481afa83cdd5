package org.vidssl.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An exclusive lock on a checkpoint folder or an output file for the duration of one run, so that two runs (two
 * processes, or two KNIME nodes in one JVM) never write the same files and silently lose one result. The lock is an
 * operating-system lock ({@link FileChannel#tryLock(long, long, boolean)}) on a small lock file: it is released
 * when the run ends and also when its process dies (kill -9), so a stale lock file never blocks the next run.
 *
 * <p>The lock file is deleted on release while still locked. A run that opened it just before can then lock the
 * deleted file; every run therefore gives the file it locked a random size and checks through the path (a stat:
 * opening and closing the file would drop a POSIX lock) that the file there has that size, and tries again when not.
 */
public final class RunLock implements AutoCloseable {

    /** The lock file inside a locked folder. */
    public static final String FOLDER_LOCK_NAME = ".vidssl-run.lock";

    private static final int ATTEMPTS = 5;
    /** The locked byte lies past the file's content (Windows bars reading a locked range). */
    private static final long LOCKED_BYTE = 1L << 20;
    /** Sizes of the lock file are drawn from 1 to this. */
    private static final int MAX_TOKEN_SIZE = 1 << 16;

    /** Lock files held by runs of this JVM. */
    private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks a folder (creating it when missing) for this run.
     *
     * @param what how the messages name the folder, e.g. "Checkpoint folder"
     * @throws IllegalStateException when another run holds it, naming the folder and the lock file
     */
    public static RunLock folder(Path folder, String what) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    what + " " + folder + " cannot be created (" + e.getMessage() + "): choose a writable folder.", e);
        }
        return acquire(folder.resolve(FOLDER_LOCK_NAME), what + " " + folder, "folder");
    }

    /**
     * Locks an output file for this run: the lock file {@code .<name>.lock} sits beside it.
     *
     * @throws IllegalStateException when another run writes the same file
     */
    public static RunLock outputFile(Path output) {
        Path absolute = output.toAbsolutePath();
        Path folder = absolute.getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "The folder of " + output + " cannot be created (" + e.getMessage()
                            + "): choose a writable location.",
                    e);
        }
        return acquire(folder.resolve("." + absolute.getFileName() + ".lock"), "Output " + output, "output file");
    }

    /** The lock file. */
    public Path file() {
        return file;
    }

    private static RunLock acquire(Path lockFile, String subject, String alternative) {
        String inUse = subject + " is in use by another run (lock file " + lockFile
                + "); wait for it or choose another " + alternative + ".";
        // checked before opening: closing a second channel on a locked file would drop this JVM's POSIX lock on it
        if (!HELD_IN_THIS_JVM.add(lockFile.toAbsolutePath().normalize())) {
            throw new IllegalStateException(inUse);
        }
        boolean held = false;
        try {
            RunLock lock = lockFile(lockFile, subject, alternative, inUse);
            held = true;
            return lock;
        } finally {
            if (!held) {
                HELD_IN_THIS_JVM.remove(lockFile.toAbsolutePath().normalize());
            }
        }
    }

    private static RunLock lockFile(Path lockFile, String subject, String alternative, String inUse) {
        long size = 1 + ThreadLocalRandom.current().nextInt(MAX_TOKEN_SIZE);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            FileChannel channel = null;
            try {
                channel = FileChannel.open(
                        lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = tryLock(channel);
                if (lock == null) {
                    channel.close();
                    throw new IllegalStateException(inUse);
                }
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(new byte[] {'\n'}), size - 1);
                if (holdsPath(lockFile, size)) {
                    return new RunLock(lockFile, channel, lock);
                }
                channel.close(); // locked a file another run deleted: try the one at the path now
            } catch (IOException e) {
                closeQuietly(channel);
                throw new UncheckedIOException(
                        subject + ": the lock file " + lockFile + " cannot be written (" + e.getMessage()
                                + "): choose a writable " + alternative + ".",
                        e);
            }
        }
        throw new IllegalStateException(subject + " is in use by other runs (lock file " + lockFile
                + " keeps changing); wait for them or choose another " + alternative + ".");
    }

    /** The lock, or null when another process holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        return channel.tryLock(LOCKED_BYTE, 1, false);
    }

    private static boolean holdsPath(Path lockFile, long size) throws IOException {
        try {
            return Files.size(lockFile) == size;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // already failing
            }
        }
    }

    /** Deletes the lock file and releases the lock (in that order, see the class comment). */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a left-over lock file is harmless: the next run locks it again
        }
        closeQuietly(channel);
        HELD_IN_THIS_JVM.remove(file.toAbsolutePath().normalize());
    }
}
