package org.vidssl.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ChecksTest {

    @Test
    void rangeAcceptsItsBoundsAndNamesTheSettingOutsideThem() {
        List<String> p = new ArrayList<>();
        Checks.range(p, "Epochs", 1, 1, 100_000, " (the paper uses 150)");
        Checks.range(p, "Epochs", 100_000, 1, 100_000, " (the paper uses 150)");
        assertEquals(List.of(), p);
        Checks.range(p, "Epochs", 0, 1, 100_000, " (the paper uses 150)");
        assertEquals(List.of("Epochs is 0: use 1 to 100000 (the paper uses 150)."), p);
    }

    @Test
    void intervalWritesOpenAndClosedEndsAndRejectsNaN() {
        List<String> p = new ArrayList<>();
        Checks.interval(p, "Momentum", 0, 0, false, 1, true, "");
        Checks.interval(p, "LR decay", 1, 0, true, 1, false, "");
        assertEquals(List.of(), p);
        Checks.interval(p, "Momentum", 1, 0, false, 1, true, " (the paper uses 0.9)");
        Checks.interval(p, "NCE temperature", 0, 0, true, 10, false, "");
        Checks.interval(p, "Plateau factor", Double.NaN, 0, true, 1, true, "");
        assertEquals(List.of("Momentum is 1.0: use [0, 1) (the paper uses 0.9).",
                "NCE temperature is 0.0: use (0, 10].", "Plateau factor is NaN: use (0, 1)."), p);
    }

    @Test
    void zeroThreadsMeansOnePerCoreOfTheMachineThatRuns() {
        assertEquals(Runtime.getRuntime().availableProcessors(), Checks.effectiveThreads(0));
        assertEquals(3, Checks.effectiveThreads(3));
        // the defaults say 0, so settings saved on one machine (e.g. the example workflows) do not carry its core count
        assertEquals(0, org.vidssl.core.pretrain.PretrainSettings.DEFAULTS.threads());
        assertEquals(0, org.vidssl.core.finetune.FinetuneSettings.DEFAULTS.threads());
        assertEquals(List.of(), org.vidssl.core.pretrain.PretrainSettings.DEFAULTS.problems());
        List<String> p = new ArrayList<>();
        Checks.trainingRun(p, "cpu", -1, 1, 64);
        assertEquals(List.of("Threads is -1: use 0 to 256 (0 = one per processor core)."), p);
    }
}
