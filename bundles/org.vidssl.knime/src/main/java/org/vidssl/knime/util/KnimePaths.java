package org.vidssl.knime.util;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.util.FileUtil;

/**
 * Resolves the file and folder settings of the nodes the way KNIME users write them: {@code knime://} URLs
 * ({@code knime://knime.workflow/data}, {@code knime://LOCAL/project/data}) and {@code file:} URLs through KNIME's
 * URL handling, absolute paths as they are, and relative paths against the folder of the running workflow (as
 * {@code knime://knime.workflow/<path>}), never against the working directory of KNIME's process. Call it while
 * the node runs (configure or execute): workflow-relative URLs need the node's context.
 */
public final class KnimePaths {

    /** A URL scheme of two or more letters, so that Windows drive letters (C:\...) stay paths. */
    private static final Pattern URL_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    private KnimePaths() {}

    /**
     * The local path a setting stands for.
     *
     * @param value   the setting's text: a URL, an absolute path or a path relative to the workflow folder
     * @param setting the setting's title, for the messages
     * @throws InvalidSettingsException when the value is empty, not a path or URL, or not on this machine
     */
    public static Path resolve(final String value, final String setting) throws InvalidSettingsException {
        String text = value == null ? "" : value.trim();
        if (text.isEmpty()) {
            throw new InvalidSettingsException(setting + " is empty: choose a file or folder.");
        }
        try {
            URL url = URL_SCHEME.matcher(text).matches() ? FileUtil.toURL(text) : relativeOrAbsolute(text);
            if (url == null) {
                return Path.of(text);
            }
            Path path = FileUtil.resolveToPath(url);
            if (path == null) {
                throw new InvalidSettingsException(setting + " '" + text + "' is not on this machine: choose a "
                        + "local folder, a path relative to the workflow or a knime://knime.workflow/... URL.");
            }
            return path;
        } catch (InvalidPathException | MalformedURLException | URISyntaxException e) {
            throw new InvalidSettingsException(
                    setting + " '" + text + "' is neither a valid path nor a URL: " + e.getMessage(), e);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidSettingsException(setting + " '" + text + "' cannot be resolved: " + e.getMessage(), e);
        }
    }

    /** {@link #resolve} for an optional setting: null when it is empty. */
    public static Path resolveOptional(final String value, final String setting) throws InvalidSettingsException {
        return value == null || value.isBlank() ? null : resolve(value, setting);
    }

    /** {@link #resolve} for a folder that must exist (an input). */
    public static Path existingFolder(final String value, final String setting) throws InvalidSettingsException {
        Path folder = resolve(value, setting);
        if (!Files.isDirectory(folder)) {
            throw new InvalidSettingsException(setting + " '" + value.trim() + "' (" + folder + ") does not exist "
                    + "or is not a folder: choose an existing folder.");
        }
        return folder;
    }

    /** {@link #resolve} for a file that must exist (an input). */
    public static Path existingFile(final String value, final String setting) throws InvalidSettingsException {
        Path file = resolve(value, setting);
        if (!Files.isRegularFile(file)) {
            throw new InvalidSettingsException(setting + " '" + value.trim() + "' (" + file + ") does not exist "
                    + "or is not a file: choose an existing file.");
        }
        return file;
    }

    /** Null for an absolute path (used as is); the workflow-relative URL for a relative one. */
    private static URL relativeOrAbsolute(final String text) throws URISyntaxException, MalformedURLException {
        Path path = Path.of(text);
        if (path.isAbsolute()) {
            return null;
        }
        String slashes = path.toString().replace(path.getFileSystem().getSeparator(), "/");
        // the URI constructor percent-encodes what a URL path may not hold (spaces, #, %)
        return new URI("knime", "knime.workflow", "/" + slashes, null).toURL();
    }
}
