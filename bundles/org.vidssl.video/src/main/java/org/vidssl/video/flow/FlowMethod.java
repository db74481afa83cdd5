package org.vidssl.video.flow;

import java.util.Locale;

/** How optical flow is computed when videos are decoded into frame folders (the {@code flow} setting). */
public enum FlowMethod {
    /** no flow folders */
    NONE("none"),
    /** TV-L1 (Zach et al. 2007), OpenCV's DualTVL1OpticalFlow with its defaults: the flow the paper's data uses */
    TVL1("tvl1"),
    /** Farneback (2003), OpenCV's dense polynomial-expansion flow: many times faster, less sharp */
    FARNEBACK("farneback");

    private final String id;

    FlowMethod(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static FlowMethod parse(String s) {
        for (FlowMethod m : values()) {
            if (m.id.equals(s.trim().toLowerCase(Locale.ROOT).replace("-", ""))) {
                return m;
            }
        }
        throw new IllegalArgumentException("Unknown flow method '" + s + "': use none, tvl1 or farneback.");
    }
}
