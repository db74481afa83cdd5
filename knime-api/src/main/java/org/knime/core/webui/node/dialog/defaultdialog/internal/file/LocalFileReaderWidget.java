package org.knime.core.webui.node.dialog.defaultdialog.internal.file;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface LocalFileReaderWidget {
    String placeholder() default "";

    String[] fileExtensions() default {};
}
