package org.knime.node.parameters.migration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A field added after a node was released: settings saved without its key load with the field's default. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Migrate {
    boolean loadDefaultIfAbsent() default false;
}
