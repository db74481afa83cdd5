package org.knime.node.parameters.widget.number;

public interface NumberInputWidgetValidation {
    abstract class MinValidation implements NumberInputWidgetValidation {
        protected MinValidation() {
            throw new UnsupportedOperationException();
        }

        protected abstract double getMin();

        public static final class IsNonNegativeValidation extends MinValidation {
            @Override
            public double getMin() {
                throw new UnsupportedOperationException();
            }
        }

        public static final class IsPositiveIntegerValidation extends MinValidation {
            @Override
            public double getMin() {
                throw new UnsupportedOperationException();
            }
        }

        public static final class IsPositiveDoubleValidation extends MinValidation {
            @Override
            public double getMin() {
                throw new UnsupportedOperationException();
            }
        }
    }

    abstract class MaxValidation implements NumberInputWidgetValidation {
        protected MaxValidation() {
            throw new UnsupportedOperationException();
        }

        protected abstract double getMax();
    }
}
