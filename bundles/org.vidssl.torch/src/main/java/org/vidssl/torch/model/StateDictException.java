package org.vidssl.torch.model;

import java.io.IOException;
import java.util.List;

/** A state_dict that does not fit a backbone; the message lists every missing, unexpected and mis-shaped key. */
public class StateDictException extends IOException {

    private static final long serialVersionUID = 1L;

    private final List<String> missing;
    private final List<String> unexpected;
    private final List<String> misShaped;

    public StateDictException(String message, List<String> missing, List<String> unexpected, List<String> misShaped) {
        super(message);
        this.missing = List.copyOf(missing);
        this.unexpected = List.copyOf(unexpected);
        this.misShaped = List.copyOf(misShaped);
    }

    public List<String> missing() {
        return missing;
    }

    public List<String> unexpected() {
        return unexpected;
    }

    /** Keys present on both sides with different shapes, as "key: file (..) vs model (..)". */
    public List<String> misShaped() {
        return misShaped;
    }
}
