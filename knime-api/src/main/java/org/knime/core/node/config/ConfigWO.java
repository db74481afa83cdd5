package org.knime.core.node.config;

import org.knime.core.node.config.base.ConfigBaseWO;

public interface ConfigWO extends ConfigBaseWO {}
