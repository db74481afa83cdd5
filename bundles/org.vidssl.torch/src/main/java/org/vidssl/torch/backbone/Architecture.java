package org.vidssl.torch.backbone;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.vidssl.core.settings.InvalidSettingsException;

/** The paper's backbones, by the names the reference scripts use on their command line. */
public enum Architecture {
    C3D("c3d"),
    R3D("r3d"),
    R21D("r21d"),
    R3D18("r3d18");

    private final String id;

    Architecture(String id) {
        this.id = id;
    }

    /** The short name: c3d, r3d, r21d, r3d18. */
    public String id() {
        return id;
    }

    /** Parses a short name (case-insensitive; the enum name is accepted too). */
    public static Architecture fromId(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (Architecture a : values()) {
            if (a.id.equals(n) || a.name().toLowerCase(Locale.ROOT).equals(n)) {
                return a;
            }
        }
        throw new InvalidSettingsException("Unknown architecture '" + name + "': use one of "
                + Arrays.stream(values()).map(Architecture::id).collect(Collectors.joining(", ")) + ".");
    }

    @Override
    public String toString() {
        return id;
    }
}
