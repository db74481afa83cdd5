package org.vidssl.knime.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knime.node.parameters.widget.choices.Label;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.core.pretrain.Objective;
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

    /**
     * Dialogs store the constant name, and the dialog enums have core's names (checked above and in each node's
     * settings test), so the names saved by released workflows must stay in core's lists.
     */
    @Test
    void namesSavedByReleasedWorkflowsStayLoadable() {
        assertNames(Backbone.class, "C3D", "R3D", "R21D", "R3D18");
        assertNames(Objective.class, "MEMORY_BANK", "MEMORY_BANK_NCE", "MOCO", "SIMCLR", "IN_BATCH");
        assertNames(View.class, "RGB", "RES", "U", "V");
        assertNames(IntraNegative.class, "NONE", "REPEAT", "SHUFFLE", "SPATIAL");
    }

    private static void assertNames(final Class<? extends Enum<?>> list, final String... released) {
        List<String> names =
                Arrays.stream(list.getEnumConstants()).map(Enum::name).toList();
        assertTrue(names.containsAll(List.of(released)), list.getSimpleName() + ": " + names);
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
