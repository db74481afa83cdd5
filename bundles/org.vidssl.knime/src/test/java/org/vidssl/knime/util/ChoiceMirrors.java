package org.vidssl.knime.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Arrays;
import java.util.List;
import org.knime.node.parameters.widget.choices.Label;
import org.vidssl.core.settings.Choice;

/**
 * Checks a dialog enum against the core list it offers. KNIME takes choice labels from {@code @Label}, whose values
 * must be compile-time constants, so the dialog enums repeat core's labels; these checks keep them equal.
 */
public final class ChoiceMirrors {

    private ChoiceMirrors() {}

    /** Same constants in the same order as {@code core}, each with core's label and description. */
    public static <E extends Enum<E> & Choice> void assertMirrors(
            final Class<? extends Enum<?>> dialog, final Class<E> core) {
        assertEquals(names(core), names(dialog), dialog.getName() + " must offer every entry of " + core.getName());
        assertLabels(dialog, core, true);
    }

    /**
     * A dialog enum offering some of the list (e.g. only the views without optical flow): each constant is an
     * entry of {@code core} with core's label; descriptions may say what the entry means in that dialog.
     */
    public static <E extends Enum<E> & Choice> void assertSubset(
            final Class<? extends Enum<?>> dialog, final Class<E> core) {
        assertLabels(dialog, core, false);
    }

    private static <E extends Enum<E> & Choice> void assertLabels(
            final Class<? extends Enum<?>> dialog, final Class<E> core, final boolean descriptions) {
        for (Enum<?> constant : dialog.getEnumConstants()) {
            E entry = Enum.valueOf(core, constant.name());
            Label label = label(constant);
            assertNotNull(label, constant + " has no @Label");
            assertEquals(entry.label(), label.value(), dialog.getSimpleName() + "." + constant);
            if (descriptions) {
                assertEquals(entry.description(), label.description(), dialog.getSimpleName() + "." + constant);
            }
        }
    }

    private static Label label(final Enum<?> constant) {
        try {
            return constant.getDeclaringClass().getField(constant.name()).getAnnotation(Label.class);
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> names(final Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }
}
