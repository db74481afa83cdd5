package org.vidssl.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.vidssl.core.progress.Progress;

/**
 * Progress on stderr. On a terminal: a one-line bar redrawn in place ({@code \r}) at most every 200 ms. Otherwise (a
 * log file, a pipe, a test): a plain line "label: NN% message" at most every 10 s, so logs stay readable. {@link #line}
 * prints a permanent line (one per epoch, a stage summary). Never cancelled: Ctrl-C ends the process.
 */
final class ProgressBar implements Progress {

    private static final int BAR = 24;
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final long LOG_LINE_NANOS = 10_000_000_000L;

    /** The bar drawn last, so that an error line can end it first ({@link #endLine}). */
    private static ProgressBar drawn;

    private final PrintWriter err;
    private final String label;
    private final boolean terminal;
    private long lastDraw = System.nanoTime();
    private int lastLength;
    private long lastPercent = -1;

    /** A bar when stderr is a terminal (System.console() exists), plain progress lines otherwise. */
    ProgressBar(PrintWriter err, String label) {
        this(err, label, System.console() != null);
    }

    ProgressBar(PrintWriter err, String label, boolean terminal) {
        this.err = err;
        this.label = label;
        this.terminal = terminal;
        this.lastDraw -= terminal ? REDRAW_NANOS : 0; // the first bar at once; the first log line after 10 s
    }

    @Override
    public synchronized void report(double fraction, String message) {
        long now = System.nanoTime();
        long percent = Double.isNaN(fraction) ? -1 : Math.round(Math.max(0, Math.min(1, fraction)) * 100);
        String text = message == null || message.isBlank()
                ? ""
                : ' ' + message.strip().replace('\n', ' ');
        if (!terminal) {
            if (now - lastDraw >= LOG_LINE_NANOS && percent != lastPercent) {
                lastDraw = now;
                lastPercent = percent;
                err.println(label + ":" + (percent < 0 ? "" : " " + percent + "%") + text);
                err.flush();
            }
            return;
        }
        if (now - lastDraw < REDRAW_NANOS && !(fraction >= 1)) {
            return;
        }
        lastDraw = now;
        StringBuilder s = new StringBuilder("\r").append(label).append(' ');
        if (percent < 0) {
            s.append("[").append(" ".repeat(BAR)).append("]    ");
        } else {
            int full = (int) Math.round(percent / 100.0 * BAR);
            s.append('[')
                    .append("#".repeat(full))
                    .append(".".repeat(BAR - full))
                    .append(']')
                    .append(String.format(Locale.ROOT, " %3d%%", percent));
        }
        s.append(text);
        int length = s.length();
        if (length < lastLength) {
            s.append(" ".repeat(lastLength - length)); // wipe the rest of a longer previous line
        }
        lastLength = length;
        err.print(s);
        err.flush();
        synchronized (ProgressBar.class) {
            drawn = this;
        }
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

    /** Ends a bar left on the terminal line, so that what is printed next (an error) starts on a line of its own. */
    static void endLine() {
        ProgressBar bar;
        synchronized (ProgressBar.class) {
            bar = drawn;
            drawn = null;
        }
        if (bar != null) {
            synchronized (bar) {
                if (bar.lastLength > 0) {
                    bar.err.println();
                    bar.err.flush();
                    bar.lastLength = 0;
                }
            }
        }
    }

    @Override
    public boolean isCancelled() {
        return false;
    }
}
