package org.knime.core.node.workflow;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** In memory: a per-thread stack of context objects; a context yields its object for any class it is of. */
public final class NodeContext {
    private static final ThreadLocal<Deque<NodeContext>> STACK = ThreadLocal.withInitial(ArrayDeque::new);

    private final Object m_contextObject;

    private NodeContext(final Object contextObject) {
        m_contextObject = contextObject;
    }

    public <C> Optional<C> getContextObjectForClass(final Class<C> contextObjectClass) {
        return contextObjectClass.isInstance(m_contextObject)
                ? Optional.of(contextObjectClass.cast(m_contextObject))
                : Optional.empty();
    }

    public static NodeContext getContext() {
        return STACK.get().peek();
    }

    public static void pushContext(final Object contextObject) {
        STACK.get().push(new NodeContext(contextObject));
    }

    public static void removeLastContext() {
        if (STACK.get().isEmpty()) {
            throw new IllegalStateException("No node context registered with the current thread");
        }
        STACK.get().pop();
    }
}
