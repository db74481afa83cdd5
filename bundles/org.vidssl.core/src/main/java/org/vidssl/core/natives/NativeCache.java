package org.vidssl.core.natives;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Where JavaCPP and DJL unpack the native libraries they find in the platform fragments. By default both libraries
 * use folders in the user's home, and DJL falls back to the temp folder, whose cleaners delete libraries that a
 * running KNIME still maps. Here the folder is the OSGi data area of the bundle that loads the natives (in KNIME's
 * configuration area, deleted when the extension is uninstalled), else {@code .vidssl/natives} in the user's home.
 * On Windows the path must also be plain ASCII: the JDK opens native libraries through the ANSI code page, so a
 * user name such as "José" or "张三" makes every load fail (JDK-8195129); there the next candidates are
 * %LOCALAPPDATA%, %PUBLIC% and %ProgramData%. Spaces are fine everywhere.
 */
public final class NativeCache {

    private NativeCache() {}

    /**
     * Sets the system property {@code property} to this process's cache folder for {@code library}, unless the user
     * chose a folder already: any of {@code userKeys} set as a system property or environment variable.
     *
     * @param anchor a class of the bundle that loads the natives: its data area is the first choice
     * @return the folder in effect, or empty when the user's setting was kept
     */
    public static synchronized Optional<Path> useUnlessSet(
            String property, List<String> userKeys, Class<?> anchor, String library) {
        for (String key : userKeys) {
            if (System.getProperty(key) != null || System.getenv(key) != null) {
                return Optional.empty();
            }
        }
        Path folder = folder(anchor, library);
        System.setProperty(property, folder.toString());
        return Optional.of(folder);
    }

    /** The cache folder for {@code library} (e.g. "javacpp"), created: see the class comment for the choice. */
    public static Path folder(Class<?> anchor, String library) {
        boolean windows = isWindows(System.getProperty("os.name", ""));
        List<String> candidates =
                candidates(dataArea(anchor), windows, System::getenv, System.getProperty("user.home"), library);
        return Paths.get(choose(windows, candidates, NativeCache::creatable)
                .orElseThrow(() -> new IllegalStateException(
                        "No writable folder to unpack the " + library + " native libraries to; tried " + candidates
                                + ". Set the system property or environment variable naming the cache folder.")));
    }

    /**
     * The cache folders to try, best first: {@code <dataArea>/<library>}, then {@code
     * <home>/.vidssl/natives/<library>};
     * on Windows also under %LOCALAPPDATA%, %PUBLIC% and %ProgramData%. Strings, not paths, so that Windows paths
     * can be checked on any machine.
     */
    static List<String> candidates(
            String dataArea, boolean windows, Function<String, String> env, String userHome, String library) {
        String separator = windows ? "\\" : "/";
        List<String> folders = new ArrayList<>();
        if (dataArea != null) {
            folders.add(join(separator, dataArea, library));
        }
        if (windows) {
            String localAppData = env.apply("LOCALAPPDATA");
            if (localAppData != null) {
                folders.add(join(separator, localAppData, "vidssl", "natives", library));
            }
        }
        if (userHome != null) {
            folders.add(join(separator, userHome, ".vidssl", "natives", library));
        }
        if (windows) {
            for (String shared : new String[] {"PUBLIC", "ProgramData"}) {
                String base = env.apply(shared);
                if (base != null) {
                    folders.add(join(separator, base, "vidssl", "natives", library));
                }
            }
        }
        return folders;
    }

    /** The first candidate that is {@code usable} and, on Windows, loadable (plain ASCII). */
    static Optional<String> choose(boolean windows, List<String> candidates, Predicate<String> usable) {
        return candidates.stream()
                .filter(folder -> !windows || isAscii(folder))
                .filter(usable)
                .findFirst();
    }

    static boolean isWindows(String osName) {
        return osName.toLowerCase(Locale.ROOT).startsWith("windows");
    }

    static boolean isAscii(String path) {
        return path.chars().allMatch(c -> c < 0x80);
    }

    private static String join(String separator, String base, String... names) {
        StringBuilder path = new StringBuilder(base);
        for (String name : names) {
            if (!path.toString().endsWith(separator)) {
                path.append(separator);
            }
            path.append(name);
        }
        return path.toString();
    }

    private static boolean creatable(String folder) {
        try {
            Path path = Paths.get(folder);
            Files.createDirectories(path);
            return Files.isWritable(path);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The OSGi data area of the bundle holding {@code anchor}, or null outside OSGi. */
    private static String dataArea(Class<?> anchor) {
        try {
            return OsgiDataArea.of(anchor);
        } catch (LinkageError e) {
            return null; // no OSGi framework classes: a plain class path (the CLI, unit tests)
        }
    }
}
