package org.vidssl.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The settings record a command or an options mixin stands for: each {@code @Option} field named as one of the
 * record's components takes its default and description from the record ({@link RecordDefaults}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface SettingsFrom {

    /** Looked up in this order; the first record with a component of the field's name wins. */
    Class<? extends Record>[] value();
}
