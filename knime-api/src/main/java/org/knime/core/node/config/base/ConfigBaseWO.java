package org.knime.core.node.config.base;

public interface ConfigBaseWO {
    void addInt(String key, int value);

    void addDouble(String key, double value);

    void addLong(String key, long value);

    void addString(String key, String value);

    void addBoolean(String key, boolean value);

    void addStringArray(String key, String... values);
}
