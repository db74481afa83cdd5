package org.vidssl.knime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.layout.After;
import org.knime.node.parameters.layout.Layout;
import org.knime.node.parameters.layout.Section;
import org.knime.node.parameters.updates.Effect;
import org.knime.node.parameters.updates.Effect.EffectType;
import org.knime.node.parameters.updates.EffectPredicate;
import org.knime.node.parameters.updates.EffectPredicateProvider;
import org.knime.node.parameters.updates.EffectPredicateProvider.PredicateInitializer;
import org.knime.node.parameters.updates.ParameterReference;
import org.knime.node.parameters.updates.ValueReference;

/**
 * The dialogs' sections and show/hide rules, evaluated the way KNIME's dialog does: every {@link Effect} predicate is
 * initialised with the values of a settings object (found through the fields' {@link ValueReference}s), so the test
 * sees which settings a user sees for given choices.
 */
class DialogEffectsTest {

    /** A predicate over the current settings values. */
    private record Predicate(BooleanSupplier test) implements EffectPredicate {
        @Override
        public EffectPredicate and(final EffectPredicate other) {
            return new Predicate(() -> test.getAsBoolean() && ((Predicate) other).test.getAsBoolean());
        }

        @Override
        public EffectPredicate or(final EffectPredicate other) {
            return new Predicate(() -> test.getAsBoolean() || ((Predicate) other).test.getAsBoolean());
        }

        @Override
        public EffectPredicate negate() {
            return new Predicate(() -> !test.getAsBoolean());
        }
    }

    /** Reads referenced values from one settings object, as the dialog reads them from its current state. */
    private record Values(Object settings) implements PredicateInitializer {
        Object value(final Class<?> reference) {
            Field field = referencedField(settings.getClass(), reference);
            try {
                return field.get(settings);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public StringReference getString(final Class<? extends ParameterReference<String>> reference) {
            return new StringReference() {
                @Override
                public EffectPredicate isEqualTo(final String text) {
                    return new Predicate(() -> text.equals(value(reference)));
                }

                @Override
                public EffectPredicate matchesPattern(final String pattern) {
                    return new Predicate(() -> ((String) value(reference)).matches(pattern));
                }
            };
        }

        @Override
        public BooleanReference getBoolean(final Class<? extends ParameterReference<Boolean>> reference) {
            return new BooleanReference() {
                @Override
                public EffectPredicate isTrue() {
                    return new Predicate(() -> (Boolean) value(reference));
                }

                @Override
                public EffectPredicate isFalse() {
                    return new Predicate(() -> !(Boolean) value(reference));
                }
            };
        }

        @Override
        public <E extends Enum<E>> EnumReference<E> getEnum(final Class<? extends ParameterReference<E>> reference) {
            return constants -> new Predicate(() -> Arrays.asList(constants).contains(value(reference)));
        }
    }

    private static Field referencedField(final Class<?> settingsClass, final Class<?> reference) {
        List<Field> fields = new ArrayList<>();
        for (Field field : settingsClass.getDeclaredFields()) {
            ValueReference ref = field.getAnnotation(ValueReference.class);
            if (ref != null && ref.value() == reference) {
                field.setAccessible(true);
                fields.add(field);
            }
        }
        assertEquals(
                1,
                fields.size(),
                settingsClass.getSimpleName() + ": one field must carry @ValueReference(" + reference.getSimpleName()
                        + ")");
        return fields.get(0);
    }

    /** The titles of the settings shown for the current values of {@code settings}. */
    private static Set<String> shown(final Object settings) throws Exception {
        Set<String> titles = new TreeSet<>();
        for (Field field : settings.getClass().getDeclaredFields()) {
            Widget widget = field.getAnnotation(Widget.class);
            if (widget == null) {
                continue;
            }
            Effect effect = field.getAnnotation(Effect.class);
            boolean visible = true;
            if (effect != null) {
                var constructor = effect.predicate().getDeclaredConstructor();
                constructor.setAccessible(true);
                EffectPredicateProvider provider = constructor.newInstance();
                boolean holds =
                        ((Predicate) provider.init(new Values(settings))).test().getAsBoolean();
                assertTrue(effect.type() == EffectType.SHOW || effect.type() == EffectType.HIDE, field.getName());
                visible = effect.type() == EffectType.SHOW ? holds : !holds;
            }
            if (visible) {
                titles.add(widget.title());
            }
        }
        return titles;
    }

    private static void set(final Object settings, final String field, final Object value) throws Exception {
        Field f = settings.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(settings, value instanceof String name && f.getType().isEnum() ? enumConstant(f.getType(), name) : value);
    }

    private static Object enumConstant(final Class<?> type, final String name) {
        return Arrays.stream(type.getEnumConstants())
                .filter(c -> ((Enum<?>) c).name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static Object newSettings(final String className) throws Exception {
        var constructor = Class.forName(className).getDeclaredConstructor();
        constructor.setAccessible(true);
        return constructor.newInstance();
    }

    @Test
    void everyEffectReadsAReferencedSettingOfTheRightType() throws Exception {
        for (Class<?> factory : NodeDescriptionTest.factories()) {
            Class<?> settingsClass = Class.forName(factory.getName().replace("NodeFactory", "Settings"));
            Object settings = newSettings(settingsClass.getName());
            shown(settings); // initialises every predicate: each reference names exactly one field
            for (Field field : settingsClass.getDeclaredFields()) {
                ValueReference ref = field.getAnnotation(ValueReference.class);
                if (ref != null) {
                    var type = (ParameterizedType) ref.value().getGenericInterfaces()[0];
                    Class<?> referenced = (Class<?>) type.getActualTypeArguments()[0];
                    Class<?> fieldType = field.getType() == boolean.class ? Boolean.class : field.getType();
                    assertEquals(referenced, fieldType, settingsClass.getSimpleName() + "." + field.getName());
                }
            }
        }
    }

    @Test
    void pretrainerShowsOnlyTheSettingsOfTheChosenObjective() throws Exception {
        Object s = newSettings("org.vidssl.knime.node.pretrain.IicPretrainerSettings");
        Set<String> objectiveSettings =
                Set.of("Negatives (K)", "Temperature", "Memory momentum", "SimCLR temperature", "MoCo momentum");
        String[][] expected = {
            {"MEMORY_BANK", "Negatives (K)", "Temperature", "Memory momentum"},
            {"MEMORY_BANK_NCE", "Negatives (K)", "Temperature", "Memory momentum"},
            {"MOCO", "Negatives (K)", "Temperature", "MoCo momentum"},
            {"SIMCLR", "SimCLR temperature"},
            {"IN_BATCH", "SimCLR temperature"}
        };
        for (String[] row : expected) {
            set(s, "m_objective", row[0]);
            Set<String> shown = new TreeSet<>(shown(s));
            shown.retainAll(objectiveSettings);
            assertEquals(new TreeSet<>(Arrays.asList(row).subList(1, row.length)), shown, row[0]);
        }
        assertFalse(shown(s).contains("Checkpoint interval"), "no checkpoint folder: no interval");
        set(s, "m_checkpointFolder", "knime://knime.workflow/data/checkpoints");
        assertTrue(shown(s).containsAll(Set.of("Checkpoint interval", "Resume from checkpoint")));
    }

    @Test
    void datasetReaderShowsTheSettingsOfTheChosenLayout() throws Exception {
        Object s = newSettings("org.vidssl.knime.node.reader.VideoDatasetReaderSettings");
        set(s, "m_layout", "SPLIT_FILES");
        assertTrue(shown(s).containsAll(Set.of("Split-file folder", "Split")));
        assertFalse(shown(s).contains("Test fraction"));
        set(s, "m_layout", "CLASS_FOLDERS");
        assertTrue(shown(s).containsAll(Set.of("Test fraction", "Seed")));
        assertFalse(shown(s).contains("Split"));
    }

    @Test
    void trainingDialogsAreInTheirSectionsInOrder() throws Exception {
        for (String className : List.of(
                "org.vidssl.knime.node.pretrain.IicPretrainerSettings",
                "org.vidssl.knime.node.learn.ActionRecognitionLearnerSettings")) {
            Class<?> settings = Class.forName(className);
            List<String> sections = new ArrayList<>();
            Class<?> previous = null;
            for (Class<?> nested : settings.getDeclaredClasses()) { // order by @After, starting without one
                if (nested.isAnnotationPresent(Section.class) && !nested.isAnnotationPresent(After.class)) {
                    previous = nested;
                }
            }
            while (previous != null) {
                sections.add(previous.getAnnotation(Section.class).title());
                Class<?> current = previous;
                previous = Arrays.stream(settings.getDeclaredClasses())
                        .filter(c -> c.isAnnotationPresent(After.class)
                                && c.getAnnotation(After.class).value() == current)
                        .findFirst()
                        .orElse(null);
            }
            List<String> expected = className.contains("Pretrainer")
                    ? List.of("Data", "Model", "Objective", "Optimisation", "Compute")
                    : List.of("Data", "Model", "Optimisation", "Compute");
            assertEquals(expected, sections, className);
            for (Field field : settings.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    Layout layout = field.getAnnotation(Layout.class);
                    assertNotNull(layout, className + "." + field.getName() + " is in no section");
                    assertTrue(layout.value().isAnnotationPresent(Section.class), field.getName());
                }
            }
        }
    }
}
