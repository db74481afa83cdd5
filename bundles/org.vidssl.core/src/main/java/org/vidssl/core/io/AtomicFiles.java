package org.vidssl.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that readers never see a half-written file: temporary file in the same folder, then move. Files
 * that belong together ({@link #writeAll}) appear together or not at all. Results get the permissions any new file
 * gets (the umask decides), not the owner-only permissions of {@link Files#createTempFile}.
 */
public final class AtomicFiles {

    /** Writes the content of one file to a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /** Writes {@code target} atomically; on failure the temporary file is removed and the target left as it was. */
    public static void write(Path target, Writer writer) throws IOException {
        writeAll(Map.of(target, writer));
    }

    /**
     * Writes several files that belong together (e.g. embeddings and their index): every file is first written to a
     * temporary file beside its target, then all are moved into place. When a writer or a move fails, the targets
     * already moved are put back as they were, so either every target holds the new content or none does.
     *
     * @param files targets and their writers, written in this order
     */
    public static void writeAll(Map<Path, Writer> files) throws IOException {
        Map<Path, Path> temps = new LinkedHashMap<>();
        Map<Path, Path> backups = new LinkedHashMap<>();
        List<Path> moved = new ArrayList<>();
        Path current = null;
        try {
            for (Path target : files.keySet()) {
                if (Files.isDirectory(target)) {
                    current = target;
                    throw new IOException("it is a folder; give a file name");
                }
            }
            for (Map.Entry<Path, Writer> e : files.entrySet()) {
                current = e.getKey();
                Path target = e.getKey().toAbsolutePath();
                Files.createDirectories(target.getParent());
                Path temp = newSibling(target, ".tmp");
                temps.put(target, temp);
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                    e.getValue().write(out);
                }
            }
            for (Map.Entry<Path, Path> e : temps.entrySet()) {
                Path target = e.getKey();
                current = target;
                if (files.size() > 1 && Files.exists(target)) {
                    Path backup = newSibling(target, ".old");
                    move(target, backup);
                    backups.put(target, backup);
                }
                move(e.getValue(), target);
                moved.add(target);
            }
        } catch (IOException | RuntimeException e) {
            rollBack(temps, backups, moved);
            throw new IOException(
                    "Could not write " + current + ": " + e.getMessage()
                            + (files.size() > 1 ? " (none of " + names(files) + " was changed)" : ""),
                    e);
        }
        for (Path backup : backups.values()) {
            Files.deleteIfExists(backup);
        }
    }

    /** Puts every target back as it was and removes the temporary files; best effort, the first failure wins. */
    private static void rollBack(Map<Path, Path> temps, Map<Path, Path> backups, List<Path> moved) {
        for (Path target : temps.keySet()) {
            try {
                Path backup = backups.get(target);
                if (moved.contains(target)) {
                    Files.deleteIfExists(target);
                }
                if (backup != null) {
                    move(backup, target);
                }
                Files.deleteIfExists(temps.get(target));
            } catch (IOException | RuntimeException ignored) {
                // the original failure is reported; a leftover hidden file is harmless
            }
        }
    }

    /**
     * A new empty hidden file beside {@code target}, created with the default permissions (umask), unlike
     * {@link Files#createTempFile}, which makes it readable by the owner only.
     */
    private static Path newSibling(Path target, String suffix) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path p = target.resolveSibling("." + target.getFileName() + "."
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + suffix);
            try {
                return Files.createFile(p);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String names(Map<Path, Writer> files) {
        return String.join(", ", files.keySet().stream().map(Path::toString).toList());
    }
}
