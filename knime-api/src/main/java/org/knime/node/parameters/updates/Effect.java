package org.knime.node.parameters.updates;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

@Retention(RetentionPolicy.RUNTIME)
public @interface Effect {
    enum EffectType {
        ENABLE,
        DISABLE,
        SHOW,
        HIDE
    }

    Class<? extends EffectPredicateProvider> predicate();

    EffectType type();
}
