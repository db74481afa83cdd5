package org.vidssl.core.settings;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares one setting on a settings record's component: the name users see, what it does and its range. The
 * default is the record's {@code DEFAULTS} constant. {@link Settings} lists the declarations, checks the ranges and
 * writes the messages; the CLI options, the KNIME dialogs and their tests read them from here.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Setting {

    /** The setting's name in messages, dialogs and help, e.g. "Batch size". */
    String label();

    /** What the setting does, one or two sentences (shown as the CLI option's help). */
    String description() default "";

    /** Smallest value accepted (numbers only); no lower bound when not given. */
    double min() default Double.NEGATIVE_INFINITY;

    /** Largest value accepted (numbers only); no upper bound when not given. */
    double max() default Double.POSITIVE_INFINITY;

    /** True when {@link #min} itself is not accepted, as for a learning rate: (0, 10]. */
    boolean minOpen() default false;

    /** True when {@link #max} itself is not accepted, as for a momentum: [0, 1). */
    boolean maxOpen() default false;

    /** Unit written after the range in messages, e.g. "frames". */
    String unit() default "";

    /** True when the default is the paper's value: messages then say "the paper uses 240", else "default 8". */
    boolean paper() default true;

    /** Written after the default in messages, e.g. "contrastive losses need 2+". */
    String note() default "";
}
