package org.vidssl.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChecksTest {

    @Test
    void zeroThreadsMeansOnePerCoreOfTheMachineThatRuns() {
        assertEquals(Runtime.getRuntime().availableProcessors(), Checks.effectiveThreads(0));
        assertEquals(3, Checks.effectiveThreads(3));
        // the defaults say 0, so settings saved on one machine (e.g. the example workflows) do not carry its core count
        assertEquals(0, org.vidssl.core.pretrain.PretrainSettings.DEFAULTS.threads());
        assertEquals(0, org.vidssl.core.finetune.FinetuneSettings.DEFAULTS.threads());
        assertEquals(List.of(), org.vidssl.core.pretrain.PretrainSettings.DEFAULTS.problems());
    }
}
