package org.vidssl.core.clip;

import org.vidssl.core.settings.InvalidSettingsException;

/** The second view contrasted with the RGB clip (the reference's {@code --modality}). */
public enum View {
    /** the RGB clip itself */
    RGB("rgb"),
    /** frame residual: (x - roll(x,1,T) + 1)/2 when pretraining, x - roll(x,1,T) when fine-tuning */
    RES("res"),
    /** horizontal optical flow, a grey frame folder {@code u/<video>} */
    U("u"),
    /** vertical optical flow, a grey frame folder {@code v/<video>} */
    V("v");

    private final String id;

    View(String id) { this.id = id; }

    public String id() { return id; }

    /** True when this view needs optical-flow frames on disk. */
    public boolean needsFlow() { return this == U || this == V; }

    public static View parse(String s) {
        for (View v : values()) {
            if (v.id.equalsIgnoreCase(s.trim())) {
                return v;
            }
        }
        throw new InvalidSettingsException("Unknown view '" + s + "': use one of rgb, res, u, v");
    }
}
