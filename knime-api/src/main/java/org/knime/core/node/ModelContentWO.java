package org.knime.core.node;

import org.knime.core.node.config.ConfigWO;

public interface ModelContentWO extends ConfigWO {}
