package org.vidssl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** A bar only on a terminal, and an error line never glued to it. */
class ProgressBarTest {

    @Test
    void onATerminalTheBarIsEndedBeforeAnErrorLine() {
        StringWriter text = new StringWriter();
        PrintWriter err = new PrintWriter(text, true);
        ProgressBar bar = new ProgressBar(err, "extract", true);
        bar.report(0.5, "Embedded video 6 of 12");
        ProgressBar.endLine();
        err.println("vidssl extract: something failed");
        String[] lines = text.toString().split("\n");
        assertTrue(lines[0].startsWith("\rextract [############............]  50% Embedded video 6 of 12"), lines[0]);
        assertEquals("vidssl extract: something failed", lines[1]);
    }

    @Test
    void offATerminalProgressIsPlainLinesWithoutCarriageReturns() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text, true), "extract", false);
        for (int i = 1; i <= 12; i++) {
            bar.report(i / 12.0, "Embedded video " + i + " of 12");
        }
        bar.line("epoch 1: loss 4.2");
        ProgressBar.endLine();
        assertEquals(
                "epoch 1: loss 4.2\n",
                text.toString().replace(System.lineSeparator(), "\n"),
                "within 10 s nothing but the permanent line; no \\r, no bar");
    }
}
