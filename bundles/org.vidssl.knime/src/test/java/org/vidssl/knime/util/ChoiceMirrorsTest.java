package org.vidssl.knime.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.knime.node.parameters.widget.choices.Label;
import org.vidssl.core.clip.View;
import org.vidssl.core.settings.Backbone;

/** The dialogs' backbone choices are core's backbones; a backbone added to core alone fails here. */
class ChoiceMirrorsTest {

    @Test
    void backboneChoicesAreCoresBackbones() {
        ChoiceMirrors.assertMirrors(ArchitectureChoice.class, Backbone.class);
        for (Backbone b : Backbone.values()) {
            assertEquals(b, ArchitectureChoice.of(b.id()).backbone());
        }
    }

    /** A dialog enum that lacks an entry, or labels one differently, is caught. */
    enum Incomplete {
        @Label(value = "RGB", description = "The RGB clip itself (two identical-input views; a baseline).")
        RGB,
        @Label(value = "Residual frames", description = "Frame differences.")
        RES
    }

    @Test
    void aDialogEnumThatDiffersFromTheListFails() {
        assertThrows(AssertionError.class, () -> ChoiceMirrors.assertMirrors(Incomplete.class, View.class));
        assertThrows(AssertionError.class, () -> ChoiceMirrors.assertSubset(Incomplete.class, View.class));
    }
}
