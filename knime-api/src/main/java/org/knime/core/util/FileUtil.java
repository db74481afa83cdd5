package org.knime.core.util;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.knime.core.node.workflow.NodeContext;

/**
 * In memory: {@code file:} URLs as KNIME resolves them; {@code knime://knime.workflow/} against the workflow folder
 * of the current {@link NodeContext} (its context object, a {@link Path}), {@code knime://LOCAL/} and
 * {@code knime://knime.mountpoint/} against that folder's parent (the workspace holding the workflow); other mount
 * points are not local, so {@code null}.
 */
public final class FileUtil {
    private FileUtil() {}

    public static Path resolveToPath(final URL url) throws IOException, URISyntaxException {
        URI uri = new URI(url.toString().replace(" ", "%20"));
        if ("file".equalsIgnoreCase(uri.getScheme())) {
            return Paths.get(uri);
        }
        if (!"knime".equalsIgnoreCase(uri.getScheme())) {
            return null;
        }
        String host = uri.getHost();
        boolean workflowRelative = "knime.workflow".equals(host);
        if (!workflowRelative && !"LOCAL".equals(host) && !"knime.mountpoint".equals(host)) {
            return null;
        }
        NodeContext context = NodeContext.getContext();
        Path workflow = context == null
                ? null
                : context.getContextObjectForClass(Path.class).orElse(null);
        if (workflow == null) {
            throw new IOException("No workflow to resolve '" + url + "' against: no node context");
        }
        Path base = workflowRelative ? workflow : workflow.getParent();
        String relative = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/+", "");
        return base.resolve(relative).normalize();
    }

    public static URL toURL(final String path) throws MalformedURLException, InvalidPathException {
        if (path.isEmpty()) {
            throw new InvalidPathException("", "Empty path");
        }
        try {
            return new URL(path.replace(" ", "%20"));
        } catch (MalformedURLException e) { // not a URL: a file system path
            return Paths.get(path).toAbsolutePath().toUri().toURL();
        }
    }
}
