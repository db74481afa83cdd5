package org.knime.core.node.config.base;

import org.knime.core.node.InvalidSettingsException;

public interface ConfigBaseRO extends Iterable<String> {
    int getInt(String key) throws InvalidSettingsException;

    int getInt(String key, int def);

    double getDouble(String key) throws InvalidSettingsException;

    long getLong(String key) throws InvalidSettingsException;

    String getString(String key) throws InvalidSettingsException;

    String getString(String key, String def);

    boolean getBoolean(String key) throws InvalidSettingsException;

    String[] getStringArray(String key) throws InvalidSettingsException;
}
