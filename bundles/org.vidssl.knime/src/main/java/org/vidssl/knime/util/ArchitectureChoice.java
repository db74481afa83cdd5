package org.vidssl.knime.util;

import org.knime.node.parameters.widget.choices.Label;
import org.vidssl.core.settings.Backbone;

/**
 * The backbones of {@link Backbone} as offered in dialogs. KNIME reads labels and descriptions from {@code @Label},
 * which takes compile-time constants only, so they are repeated here; {@code ChoiceMirrorsTest} fails unless the
 * constants, labels and descriptions are exactly those of {@link Backbone}. The settings store the constant name.
 */
public enum ArchitectureChoice {
    @Label(value = "C3D", description = "C3D with batch normalisation: five 3D convolution stages.")
    C3D(Backbone.C3D),
    @Label(value = "R3D", description = "3D ResNet with one block per stage (the paper's main backbone).")
    R3D(Backbone.R3D),
    @Label(value = "R(2+1)D", description = "R3D with each 3D convolution factored into spatial and temporal parts.")
    R21D(Backbone.R21D),
    @Label(value = "Res18-3D", description = "3D ResNet-18: two blocks per stage.")
    R3D18(Backbone.R3D18);

    private final Backbone m_backbone;

    ArchitectureChoice(final Backbone backbone) {
        m_backbone = backbone;
    }

    public Backbone backbone() {
        return m_backbone;
    }

    /** The engine's name: c3d, r3d, ... */
    public String id() {
        return m_backbone.id();
    }

    /** The choice of the backbone named {@code id}; the error lists the backbones. */
    public static ArchitectureChoice of(final String id) {
        return of(Backbone.parse(id));
    }

    public static ArchitectureChoice of(final Backbone backbone) {
        for (ArchitectureChoice c : values()) {
            if (c.m_backbone == backbone) {
                return c;
            }
        }
        throw new IllegalStateException("No dialog choice for backbone " + backbone.id());
    }
}
