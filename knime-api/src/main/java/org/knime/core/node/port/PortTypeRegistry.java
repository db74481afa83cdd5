package org.knime.core.node.port;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

public final class PortTypeRegistry {
    private static final PortTypeRegistry INSTANCE = new PortTypeRegistry();

    private final Map<Class<? extends PortObject>, PortType[]> m_types = new ConcurrentHashMap<>();

    private PortTypeRegistry() {}

    public static PortTypeRegistry getInstance() {
        return INSTANCE;
    }

    public PortType getPortType(final Class<? extends PortObject> portClass) {
        return getPortType(portClass, false);
    }

    /** One instance per class and optionality, as in KNIME. */
    public PortType getPortType(final Class<? extends PortObject> portClass, final boolean isOptional) {
        PortType[] types =
                m_types.computeIfAbsent(portClass, c -> new PortType[] {new PortType(c, false), new PortType(c, true)});
        return types[isOptional ? 1 : 0];
    }
}
