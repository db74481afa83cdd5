package org.knime.node.parameters.updates;

@FunctionalInterface
public interface EffectPredicateProvider {
    EffectPredicate init(PredicateInitializer i);

    interface PredicateInitializer {
        StringReference getString(Class<? extends ParameterReference<String>> reference);

        BooleanReference getBoolean(Class<? extends ParameterReference<Boolean>> reference);

        <E extends Enum<E>> EnumReference<E> getEnum(Class<? extends ParameterReference<E>> reference);

        interface StringReference {
            EffectPredicate isEqualTo(String value);

            EffectPredicate matchesPattern(String pattern);
        }

        interface BooleanReference {
            EffectPredicate isTrue();

            EffectPredicate isFalse();
        }

        interface EnumReference<E extends Enum<E>> {
            @SuppressWarnings("unchecked")
            EffectPredicate isOneOf(E... values);
        }
    }
}
