package org.vidssl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class BenchCommandTest {

    @Test
    @Tag("slow") // a learning test: skip locally with -DexcludedGroups=slow, CI runs it
    void stepMemoryAndLoadingFiguresArePrinted() {
        CliRun r = CliRun.of(
                "bench", "--quick", "--only", "step,memory,loading", "--steps", "1", "--width", "8", "--threads", "2");
        assertEquals(0, r.exit(), r.toString());
        // a table row: "r3d width 8 memory-bank  4x3x8x56x56  <iic>  <floor>  <ratio>  0.93"
        assertTrue(
                r.out()
                        .lines()
                        .anyMatch(l -> l.matches("r3d width 8 memory-bank\\s+4x3x8x56x56(\\s+[0-9.]+){3}\\s+0\\.93")),
                r.out());
        // the RSS after 50 and 100 steps (quick), then the growth between them
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+50\\s+[1-9][0-9]*\\s+[1-9][0-9]*")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+100\\s+[1-9][0-9]*\\s+[1-9][0-9]*")), r.out());
        assertTrue(r.out().contains("growth from step 50 to 100: "), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("frame folders, RGB\\s+1\\s+[0-9.]+\\s+[0-9.]+")), r.out());
        assertTrue(
                r.out()
                        .lines()
                        .anyMatch(l -> l.matches("frame folders, RGB \\+ u \\+ v flow\\s+2\\s+[0-9.]+\\s+[0-9.]+")),
                r.out());
    }

    @Test
    void flowFiguresArePrintedPerMethod() {
        CliRun r = CliRun.of("bench", "--quick", "--only", "flow", "--threads", "2");
        assertEquals(0, r.exit(), r.toString());
        // "tvl1  <flow frames>  <frames per CPU-second>  <CPU ms per frame>  <frames/s>"
        for (String method : new String[] {"tvl1", "farneback"}) {
            assertTrue(r.out().lines().anyMatch(l -> l.matches(method + "\\s+[1-9][0-9]*(\\s+[0-9.]+){3}")), r.out());
        }
    }

    @Test
    void badSettingsAreNamedOnOneLine() {
        CliRun steps = CliRun.of("bench", "--steps", "0");
        assertEquals(2, steps.exit(), steps.toString());
        assertEquals("vidssl bench: --steps is 0: use 1 or more. (see vidssl bench --help)", steps.errLine());

        CliRun memory = CliRun.of("bench", "--only", "memory", "--memory-steps", "10");
        assertEquals(2, memory.exit(), memory.toString());
        assertEquals("vidssl bench: --memory-steps is 10: use 50 or more. (see vidssl bench --help)", memory.errLine());

        CliRun part = CliRun.of("bench", "--only", "gpu-burn");
        assertEquals(2, part.exit(), part.toString());
        assertEquals(1, part.err().strip().lines().count(), part.err());
        assertTrue(part.errLine().contains("gpu-burn") && part.errLine().contains("--help"), part.errLine());
    }
}
