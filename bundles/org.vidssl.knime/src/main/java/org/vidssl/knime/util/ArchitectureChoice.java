package org.vidssl.knime.util;

import org.knime.node.parameters.widget.choices.Label;

/** The 3D CNN backbones of the paper, as offered in dialogs; {@link #id()} is the engine's name. */
public enum ArchitectureChoice {
    @Label(value = "C3D", description = "C3D with batch normalisation: five 3D convolution stages.")
    C3D("c3d"),
    @Label(value = "R3D", description = "3D ResNet with one block per stage (the paper's main backbone).")
    R3D("r3d"),
    @Label(value = "R(2+1)D", description = "R3D with each 3D convolution factored into spatial and temporal parts.")
    R21D("r21d"),
    @Label(value = "Res18-3D", description = "3D ResNet-18: two blocks per stage.")
    R3D18("r3d18");

    private final String m_id;

    ArchitectureChoice(final String id) {
        m_id = id;
    }

    public String id() {
        return m_id;
    }

    /** The choice with the engine's name {@code id} (c3d, r3d, r21d, r3d18). */
    public static ArchitectureChoice of(final String id) {
        for (ArchitectureChoice c : values()) {
            if (c.m_id.equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("Unknown backbone '" + id + "': use c3d, r3d, r21d or r3d18.");
    }
}
