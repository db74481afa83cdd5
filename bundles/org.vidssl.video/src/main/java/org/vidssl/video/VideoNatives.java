package org.vidssl.video;

import java.util.List;
import org.vidssl.core.natives.NativeCache;

/**
 * Points JavaCPP's cache, where it unpacks the FFmpeg, OpenCV and OpenBLAS libraries of this platform's natives
 * fragment, at this bundle's data area (see {@link NativeCache}) unless the user set
 * {@code org.bytedeco.javacpp.cachedir}. JavaCPP reads the folder once, at its first native load, so every class of
 * this bundle that touches JavaCPP calls {@link #prepare()} first (FFmpegSupport.init, the OpenCV helpers).
 */
public final class VideoNatives {

    /** JavaCPP's system property for its cache folder. */
    public static final String CACHE_PROPERTY = "org.bytedeco.javacpp.cachedir";

    private static volatile boolean prepared;

    private VideoNatives() {}

    /** Sets JavaCPP's cache folder once per process; cheap after the first call. */
    public static void prepare() {
        if (!prepared) {
            synchronized (VideoNatives.class) {
                if (!prepared) {
                    NativeCache.useUnlessSet(CACHE_PROPERTY, List.of(CACHE_PROPERTY), VideoNatives.class, "javacpp");
                    prepared = true;
                }
            }
        }
    }
}
