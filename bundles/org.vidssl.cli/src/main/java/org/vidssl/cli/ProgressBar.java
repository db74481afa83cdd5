package org.vidssl.cli;

import java.io.PrintWriter;
import java.util.Locale;

import org.vidssl.core.progress.Progress;

/**
 * A one-line progress bar on stderr, redrawn in place ({@code \r}) at most every 200 ms; {@link #line} prints a
 * permanent line above it (one per epoch, a stage summary). Never cancelled: Ctrl-C ends the process.
 */
final class ProgressBar implements Progress {

    private static final int BAR = 24;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final String label;
    private long lastDraw;
    private int lastLength;

    ProgressBar(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
    }

    @Override
    public synchronized void report(double fraction, String message) {
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS && !(fraction >= 1)) {
            return;
        }
        lastDraw = now;
        StringBuilder s = new StringBuilder("\r").append(label).append(' ');
        if (Double.isNaN(fraction)) {
            s.append("[").append(" ".repeat(BAR)).append("]    ");
        } else {
            double f = Math.max(0, Math.min(1, fraction));
            int full = (int) Math.round(f * BAR);
            s.append('[').append("#".repeat(full)).append(".".repeat(BAR - full)).append(']')
                    .append(String.format(Locale.ROOT, " %3d%%", Math.round(f * 100)));
        }
        if (message != null && !message.isBlank()) {
            s.append(' ').append(message.strip().replace('\n', ' '));
        }
        int length = s.length();
        if (length < lastLength) {
            s.append(" ".repeat(lastLength - length)); // wipe the rest of a longer previous line
        }
        lastLength = length;
        err.print(s);
        err.flush();
    }

    /** Clears the bar and prints a permanent line. */
    synchronized void line(String text) {
        clear();
        err.println(text);
        err.flush();
    }

    /** Removes the bar from the terminal line. */
    synchronized void clear() {
        if (lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            lastLength = 0;
        }
        err.flush();
    }

    @Override
    public boolean isCancelled() {
        return false;
    }
}
