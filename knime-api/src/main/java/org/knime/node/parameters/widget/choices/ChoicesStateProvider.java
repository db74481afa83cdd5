package org.knime.node.parameters.widget.choices;

import java.util.List;
import org.knime.node.parameters.updates.StateProvider;

public sealed interface ChoicesStateProvider<S> extends StateProvider<List<S>> permits TypedStringChoicesProvider {}
