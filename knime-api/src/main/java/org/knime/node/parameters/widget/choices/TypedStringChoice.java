package org.knime.node.parameters.widget.choices;

import org.knime.core.data.DataColumnSpec;

public record TypedStringChoice(String id, String text, PossibleTypeValue type) {
    public static record PossibleTypeValue(String id, String text) {}

    public static TypedStringChoice fromColSpec(final DataColumnSpec colSpec) {
        throw new UnsupportedOperationException();
    }
}
