package org.knime.core.node.config;

import org.knime.core.node.config.base.ConfigBaseRO;

public interface ConfigRO extends ConfigBaseRO {}
