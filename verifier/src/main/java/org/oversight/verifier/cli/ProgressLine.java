package org.oversight.verifier.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.oversight.verifier.audit.AuditProgress;

/**
 * The progress line of a long audit on stderr: percentage, leaves, rate and estimated time left,
 * e.g. {@code verifier: 45.0% of 1,000,000 leaves, 52,310 leaves/s, about 0:11 left}. Nothing is
 * shown for an audit that ends within {@link #QUIET_NANOS}. On a terminal the line is redrawn in
 * place ({@code \r}) and ended with a newline when done; elsewhere (only when asked for with
 * {@code --progress}) a plain line is printed at most every {@link #PLAIN_INTERVAL_NANOS}. Display
 * only: never part of the report, never influences the audit.
 */
final class ProgressLine implements AuditProgress {
    /** Audits shorter than this show no progress. */
    static final long QUIET_NANOS = 3_000_000_000L;
    /** Redraws on a terminal at most this often. */
    static final long TERMINAL_INTERVAL_NANOS = 500_000_000L;
    /** Lines when stderr is not a terminal at most this often. */
    static final long PLAIN_INTERVAL_NANOS = 10_000_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private final long start;
    private long lastShown = Long.MIN_VALUE;
    private boolean shown;
    private int lastWidth;

    ProgressLine(PrintWriter err, boolean terminal, LongSupplier nanoTime) {
        this.err = err;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
    }

    @Override
    public void leavesRead(long done, long total) {
        long now = nanoTime.getAsLong();
        long elapsed = now - start;
        boolean last = done >= total;
        if (last) {
            if (shown && terminal) {
                draw(done, total, elapsed);
                err.print('\n');
                err.flush();
            }
            return;
        }
        if (elapsed < QUIET_NANOS) {
            return;
        }
        long interval = terminal ? TERMINAL_INTERVAL_NANOS : PLAIN_INTERVAL_NANOS;
        if (shown && now - lastShown < interval) {
            return;
        }
        lastShown = now;
        shown = true;
        draw(done, total, elapsed);
        if (!terminal) {
            err.print('\n');
        }
        err.flush();
    }

    private void draw(long done, long total, long elapsed) {
        String line = format(done, total, elapsed);
        if (terminal) {
            // Pad over a longer previous line's tail.
            err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            lastWidth = line.length();
        } else {
            err.print(line);
        }
    }

    /** The line for {@code done} of {@code total} leaves after {@code elapsedNanos}. */
    static String format(long done, long total, long elapsedNanos) {
        double fraction = total == 0 ? 1 : (double) done / total;
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "verifier: %.1f%% of %,d leaves", 100 * fraction,
                total));
        if (rate > 0) {
            line.append(String.format(Locale.ROOT, ", %,d leaves/s", Math.round(rate)));
            if (done < total) {
                line.append(", about ").append(duration(Math.round((total - done) / rate))).append(" left");
            } else {
                line.append(", done in ").append(duration(Math.round(seconds)));
            }
        }
        return line.toString();
    }

    /** {@code m:ss} or {@code h:mm:ss}. */
    static String duration(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }

    /**
     * Whether this process's stderr is a terminal: on Linux, whether file descriptor 2 is a tty
     * device; elsewhere, whether the JVM has a console (stdin and stdout are terminals).
     */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
