package org.vidssl.video.clips;

import java.nio.file.Path;

/**
 * Where optical-flow frames live: grey JPEG folders {@code u/<video_id>/frame000001.jpg ...} and
 * {@code v/<video_id>/...} (a {@code <class>/} level between root and video is accepted too).
 * Either root may be null to read only the other component.
 *
 * @param u root of the horizontal-flow folders, or null
 * @param v root of the vertical-flow folders, or null
 */
public record FlowFolders(Path u, Path v) {

    public FlowFolders {
        if (u == null && v == null) {
            throw new IllegalArgumentException("Flow folders: give the u root, the v root or both.");
        }
    }

    /** The usual layout: {@code flowRoot/u} and {@code flowRoot/v}. */
    public static FlowFolders under(Path flowRoot) {
        return new FlowFolders(flowRoot.resolve("u"), flowRoot.resolve("v"));
    }
}
