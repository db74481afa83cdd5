package org.knime.node.parameters.updates;

public interface EffectPredicate {
    default EffectPredicate and(final EffectPredicate other) {
        throw new UnsupportedOperationException();
    }

    default EffectPredicate or(final EffectPredicate other) {
        throw new UnsupportedOperationException();
    }

    default EffectPredicate negate() {
        throw new UnsupportedOperationException();
    }
}
