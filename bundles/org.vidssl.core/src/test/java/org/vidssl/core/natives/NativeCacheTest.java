package org.vidssl.core.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeCacheTest {

    private static final Map<String, String> WINDOWS_ENV = Map.of(
            "LOCALAPPDATA", "C:\\Users\\José Müller\\AppData\\Local",
            "PUBLIC", "C:\\Users\\Public",
            "ProgramData", "C:\\ProgramData");

    @Test
    void windowsCandidatesStartAtTheDataAreaAndEndInTheSharedFolders() {
        List<String> candidates = NativeCache.candidates(
                "C:\\Program Files\\KNIME\\configuration\\org.eclipse.osgi\\42\\data",
                true,
                WINDOWS_ENV::get,
                "C:\\Users\\José Müller",
                "javacpp");
        assertEquals(
                List.of(
                        "C:\\Program Files\\KNIME\\configuration\\org.eclipse.osgi\\42\\data\\javacpp",
                        "C:\\Users\\José Müller\\AppData\\Local\\vidssl\\natives\\javacpp",
                        "C:\\Users\\José Müller\\.vidssl\\natives\\javacpp",
                        "C:\\Users\\Public\\vidssl\\natives\\javacpp",
                        "C:\\ProgramData\\vidssl\\natives\\javacpp"),
                candidates);
    }

    @Test
    void onWindowsAPathWithSpacesIsKeptButNonAsciiUserFoldersAreSkipped() {
        List<String> candidates = NativeCache.candidates(
                "C:\\Program Files\\KNIME\\configuration\\org.eclipse.osgi\\42\\data",
                true,
                WINDOWS_ENV::get,
                "C:\\Users\\José Müller",
                "djl");
        // a writable data area under "Program Files": spaces do not stop the JDK from loading a library
        assertEquals(
                Optional.of("C:\\Program Files\\KNIME\\configuration\\org.eclipse.osgi\\42\\data\\djl"),
                NativeCache.choose(true, candidates, folder -> true));
        // a read-only installation: the user's folders have "é" and "ü", so the shared %PUBLIC% folder is next
        assertEquals(
                Optional.of("C:\\Users\\Public\\vidssl\\natives\\djl"),
                NativeCache.choose(true, candidates, folder -> !folder.startsWith("C:\\Program Files")));
        // with an ASCII user name the user's own local folder comes before the shared ones
        Map<String, String> env = Map.of("LOCALAPPDATA", "C:\\Users\\Jo Smith\\AppData\\Local");
        List<String> ascii = NativeCache.candidates(null, true, env::get, "C:\\Users\\Jo Smith", "djl");
        assertEquals(
                Optional.of("C:\\Users\\Jo Smith\\AppData\\Local\\vidssl\\natives\\djl"),
                NativeCache.choose(true, ascii, folder -> true));
    }

    @Test
    void onLinuxAndMacosNonAsciiAndSpacedPathsAreFine() {
        List<String> candidates = NativeCache.candidates(
                "/home/josé/knime 5.6/configuration/org.eclipse.osgi/7/data",
                false,
                name -> null,
                "/home/josé",
                "javacpp");
        assertEquals(
                List.of(
                        "/home/josé/knime 5.6/configuration/org.eclipse.osgi/7/data/javacpp",
                        "/home/josé/.vidssl/natives/javacpp"),
                candidates);
        assertEquals(Optional.of(candidates.get(0)), NativeCache.choose(false, candidates, folder -> true));
        assertEquals(
                Optional.of(candidates.get(1)),
                NativeCache.choose(false, candidates, folder -> folder.contains(".vidssl")));
        assertEquals(Optional.empty(), NativeCache.choose(false, candidates, folder -> false));
    }

    @Test
    void neverTheTempFolder() {
        for (boolean windows : new boolean[] {true, false}) {
            List<String> candidates = NativeCache.candidates(
                    null, windows, WINDOWS_ENV::get, windows ? "C:\\Users\\Jo" : "/home/jo", "djl");
            assertFalse(candidates.isEmpty());
            assertTrue(
                    candidates.stream().noneMatch(c -> c.toLowerCase().contains("temp") || c.startsWith("/tmp")),
                    candidates.toString());
        }
    }

    @Test
    void windowsIsRecognisedByItsOsName() {
        for (String name : Set.of("Windows 11", "Windows Server 2022", "windows 10")) {
            assertTrue(NativeCache.isWindows(name), name);
        }
        for (String name : Set.of("Linux", "Mac OS X")) {
            assertFalse(NativeCache.isWindows(name), name);
        }
    }

    @Test
    void outsideOsgiTheFolderIsCreatedInTheUsersHomeEvenWithSpacesAndUmlauts(@TempDir Path temp) throws Exception {
        Path home = Files.createDirectories(temp.resolve("home of Jürgen"));
        String previousHome = System.getProperty("user.home");
        String property = "vidssl.test.cachedir";
        System.setProperty("user.home", home.toString());
        try {
            Optional<Path> folder = NativeCache.useUnlessSet(
                    property, List.of("vidssl.test.unset.key"), NativeCacheTest.class, "javacpp");
            Path expected = home.resolve(".vidssl").resolve("natives").resolve("javacpp");
            assertEquals(Optional.of(expected), folder);
            assertTrue(Files.isDirectory(expected), "created");
            assertEquals(expected.toString(), System.getProperty(property));
        } finally {
            System.setProperty("user.home", previousHome);
            System.clearProperty(property);
        }
    }

    @Test
    void aFolderTheUserChoseIsKept() {
        String property = "vidssl.test.cachedir";
        System.setProperty("vidssl.test.user.choice", "/data/natives");
        try {
            assertEquals(
                    Optional.empty(),
                    NativeCache.useUnlessSet(
                            property, List.of("vidssl.test.user.choice"), NativeCacheTest.class, "djl"));
            assertEquals(null, System.getProperty(property));
        } finally {
            System.clearProperty("vidssl.test.user.choice");
        }
    }
}
