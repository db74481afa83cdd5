package org.vidssl.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.core.pretrain.Objective;

/** The four lists read, name and describe their entries alike; a half-declared entry fails here. */
class ChoicesTest {

    @Test
    void everyEntryHasADistinctLowerCaseIdALabelAndOneSentence() {
        for (Class<? extends Enum<?>> list :
                List.of(Backbone.class, View.class, IntraNegative.class, Objective.class)) {
            Set<String> ids = new HashSet<>();
            Set<String> labels = new HashSet<>();
            for (Enum<?> e : list.getEnumConstants()) {
                Choice c = (Choice) e;
                assertTrue(c.id().matches("[a-z0-9-]+"), c.id());
                assertTrue(ids.add(c.id()), "duplicate id " + c.id());
                assertTrue(labels.add(c.label()), "duplicate label " + c.label());
                assertFalse(c.label().isBlank(), e.name());
                assertTrue(c.description().endsWith(".") && c.description().length() > 15, e.name());
            }
        }
    }

    @Test
    void parsesEveryIdAndConstantNameInAnyCase() {
        for (Backbone b : Backbone.values()) {
            assertEquals(b, Backbone.parse(b.id()));
            assertEquals(b, Backbone.parse(" " + b.id().toUpperCase(Locale.ROOT) + " "));
            assertEquals(b, Backbone.parse(b.name()));
        }
        for (View v : View.values()) {
            assertEquals(v, View.parse(v.id()));
        }
        for (IntraNegative n : IntraNegative.values()) {
            assertEquals(n, IntraNegative.parse(n.id()));
        }
        for (Objective o : Objective.values()) {
            assertEquals(o, Objective.parse(o.id()));
            assertEquals(o, Objective.parse(o.name()));
        }
    }

    @Test
    void unknownNamesGetTheListInTheMessage() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> Backbone.parse("vgg"));
        assertEquals("Unknown backbone 'vgg': use one of c3d, r3d, r21d, r3d18.", e.getMessage());
        assertEquals(
                "Unknown objective 'byol': use one of " + String.join(", ", Choices.ids(Objective.class)) + ".",
                assertThrows(InvalidSettingsException.class, () -> Objective.parse("byol"))
                        .getMessage());
        assertTrue(assertThrows(InvalidSettingsException.class, () -> View.parse(null))
                .getMessage()
                .startsWith("Unknown view 'null': use one of rgb, res, u, v"));
        List<String> problems = new ArrayList<>();
        Checks.model(problems, "r3d");
        assertTrue(problems.isEmpty(), problems.toString());
        Checks.model(problems, "resnet50");
        assertEquals(List.of("Model 'resnet50' is unknown: use one of c3d, r3d, r21d, r3d18."), problems);
    }

    @Test
    void missingEntriesNameTheSettingAndTheList() {
        List<String> problems = new ArrayList<>();
        Choices.required(problems, IntraNegative.class, "Intra-negative", null);
        Choices.required(problems, IntraNegative.class, "Intra-negative", IntraNegative.NONE);
        assertEquals(List.of("Intra-negative is missing: use one of none, repeat, shuffle, spatial."), problems);
    }
}
