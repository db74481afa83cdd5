package org.knime.node.parameters.widget.number;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MaxValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation;

@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface NumberInputWidget {
    double stepSize() default -1;

    Class<? extends MinValidation> minValidation() default MinValidation.class;

    Class<? extends MaxValidation> maxValidation() default MaxValidation.class;
}
