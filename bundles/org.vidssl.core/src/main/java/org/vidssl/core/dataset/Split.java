package org.vidssl.core.dataset;

/** Which part of a dataset a video belongs to. */
public enum Split {
    TRAIN,
    TEST;

    /** Lower-case name as shown in tables and accepted on the command line. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Split parse(String s) {
        return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
