package org.vidssl.core.natives;

import java.io.File;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** Kept apart from {@link NativeCache} so that a plain class path without the OSGi classes never loads it. */
final class OsgiDataArea {

    private OsgiDataArea() {}

    /** The data area of the bundle that loaded {@code anchor}, or null when no bundle did. */
    static String of(Class<?> anchor) {
        Bundle bundle = FrameworkUtil.getBundle(anchor);
        File area = bundle == null ? null : bundle.getDataFile("");
        return area == null ? null : area.getAbsolutePath();
    }
}
