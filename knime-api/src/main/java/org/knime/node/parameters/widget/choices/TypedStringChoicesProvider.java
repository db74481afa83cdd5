package org.knime.node.parameters.widget.choices;

public non-sealed interface TypedStringChoicesProvider extends ChoicesStateProvider<TypedStringChoice> {
    @Override
    default void init(final StateProviderInitializer initializer) {
        throw new UnsupportedOperationException();
    }
}
