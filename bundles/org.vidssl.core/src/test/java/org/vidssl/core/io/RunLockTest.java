package org.vidssl.core.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondRunOnTheSameFolderFailsNamingTheLockFile() {
        Path folder = dir.resolve("checkpoints");
        try (RunLock first = RunLock.folder(folder, "Checkpoint folder")) {
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> RunLock.folder(folder, "Checkpoint folder"));
            assertEquals(
                    "Checkpoint folder " + folder + " is in use by another run (lock file "
                            + folder.resolve(RunLock.FOLDER_LOCK_NAME) + "); wait for it or choose another folder.",
                    e.getMessage());
        }
        assertFalse(Files.exists(folder.resolve(RunLock.FOLDER_LOCK_NAME)), "the lock file is removed on release");
        try (RunLock again = RunLock.folder(folder, "Checkpoint folder")) {
            assertTrue(Files.exists(again.file()));
        }
    }

    @Test
    void outputFilesLockOneByOne() {
        Path a = dir.resolve("a.vidssl");
        try (RunLock first = RunLock.outputFile(a);
                RunLock other = RunLock.outputFile(dir.resolve("b.vidssl"))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> RunLock.outputFile(a));
            assertTrue(
                    e.getMessage()
                            .startsWith("Output " + a + " is in use by another run (lock file "
                                    + dir.resolve(".a.vidssl.lock") + ")"),
                    e.getMessage());
        }
        assertEquals(0, dir.toFile().list().length, "nothing left behind");
    }

    /** Another process holds the lock; once it is killed (kill -9, no clean-up) the lock is free again. */
    @Test
    void aLockHeldByAnotherProcessBlocksUntilThatProcessDies() throws Exception {
        Path folder = dir.resolve("shared");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        HoldLock.class.getName(),
                        folder.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> RunLock.folder(folder, "Checkpoint folder"));
            assertTrue(e.getMessage().contains("is in use by another run"), e.getMessage());
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(20, TimeUnit.SECONDS));
        }
        assertTrue(Files.exists(folder.resolve(RunLock.FOLDER_LOCK_NAME)), "a killed run leaves its lock file");
        try (RunLock after = RunLock.folder(folder, "Checkpoint folder")) {
            assertNotNull(after);
        }
    }

    /** The child process of the test above: locks a folder, says so, and waits to be killed. */
    public static final class HoldLock {
        public static void main(String[] args) throws InterruptedException {
            RunLock lock = RunLock.folder(Path.of(args[0]), "Checkpoint folder");
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(60_000);
            lock.close();
        }
    }
}
