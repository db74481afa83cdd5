package org.vidssl.knime.util;

/** What the file and folder settings of the nodes accept, said once for every dialog. */
public final class PathSettings {

    /** Appended to the description of every file or folder setting. */
    public static final String ACCEPTED = " Accepts a local path, a path relative to the workflow folder, or a "
            + "<tt>knime://</tt> URL: <tt>knime://knime.workflow/data/...</tt> (the workflow's data area, which "
            + "travels with the workflow), <tt>knime://knime.mountpoint/...</tt> or <tt>knime://LOCAL/...</tt>.";

    private PathSettings() {}

    /** True when a path setting is empty (nothing chosen). */
    public static boolean isBlank(final String path) {
        return path == null || path.isBlank();
    }
}
