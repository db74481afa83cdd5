package org.vidssl.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that belong together appear together or not at all; results get the usual permissions. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    private static AtomicFiles.Writer text(String s) {
        return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private void assertOnly(List<String> names) throws IOException {
        try (var files = Files.list(dir)) {
            assertEquals(
                    Set.copyOf(names),
                    Set.copyOf(files.map(p -> p.getFileName().toString()).toList()),
                    "no temporary or backup file is left");
        }
    }

    @Test
    void aFailureWhileWritingTheSecondFileLeavesBothAsTheyWere() throws IOException {
        Path a = dir.resolve("e.npy");
        Path b = dir.resolve("e.csv");
        Files.writeString(a, "old a");
        Files.writeString(b, "old b");
        Map<Path, AtomicFiles.Writer> files = new LinkedHashMap<>();
        files.put(a, text("new a"));
        files.put(b, out -> {
            out.write(1);
            throw new IOException("disk full");
        });
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeAll(files));
        assertTrue(
                e.getMessage().contains(b.toString())
                        && e.getMessage().contains("disk full")
                        && e.getMessage().contains("none of"),
                e.getMessage());
        assertEquals("old a", Files.readString(a));
        assertEquals("old b", Files.readString(b));
        assertOnly(List.of("e.npy", "e.csv"));
    }

    @Test
    void aTargetThatIsAFolderChangesNothing() throws IOException {
        Path a = dir.resolve("e.npy");
        Path b = dir.resolve("e.csv");
        Files.writeString(a, "old a");
        Files.createDirectories(b.resolve("inside"));
        Map<Path, AtomicFiles.Writer> files = new LinkedHashMap<>();
        files.put(a, text("new a"));
        files.put(b, text("new b"));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeAll(files));
        assertTrue(e.getMessage().contains(b + ": it is a folder"), e.getMessage());
        assertEquals("old a", Files.readString(a));
        assertOnly(List.of("e.npy", "e.csv"));
    }

    @Test
    void bothFilesAreReplacedTogether() throws IOException {
        Path a = dir.resolve("e.npy");
        Path b = dir.resolve("e.csv");
        Files.writeString(a, "old a");
        Map<Path, AtomicFiles.Writer> files = new LinkedHashMap<>();
        files.put(a, text("new a"));
        files.put(b, text("new b"));
        AtomicFiles.writeAll(files);
        assertEquals("new a", Files.readString(a));
        assertEquals("new b", Files.readString(b));
        assertOnly(List.of("e.npy", "e.csv"));
    }

    @Test
    void resultsGetThePermissionsOfAnyNewFileNotOwnerOnly() throws IOException {
        Assumptions.assumeTrue(
                FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.createFile(dir.resolve("plain"));
        Path result = dir.resolve("result");
        AtomicFiles.write(result, text("x"));
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertEquals(expected, Files.getPosixFilePermissions(result), "the umask decides, as for any new file");
    }
}
