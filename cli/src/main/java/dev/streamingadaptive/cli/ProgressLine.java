package dev.streamingadaptive.cli;

import dev.streamingadaptive.reader.ScanStatistics;

import java.io.Console;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * The progress of a long read on one line of stderr: row groups done of those planned, rows
 * decoded, compressed bytes read, time so far. Redrawn in place every {@value #REDRAW_MILLIS} ms
 * once the read has taken {@value #QUIET_MILLIS} ms (short commands show nothing), erased at the
 * end. Only when the console is a terminal: pipes, files and tests see no progress at all.
 */
final class ProgressLine implements AutoCloseable {
    static final long QUIET_MILLIS = 1000;
    static final long REDRAW_MILLIS = 200;

    private final ScanStatistics live;
    private final PrintWriter err;
    private final long start = System.nanoTime();
    private final Thread ticker;
    private volatile boolean done;
    private boolean drawn;

    private ProgressLine(ScanStatistics live, PrintWriter err, boolean shown) {
        this.live = live;
        this.err = err;
        this.ticker = shown ? Thread.ofPlatform().name("progress").daemon().start(this::tick) : null;
    }

    /** Shows the progress of the scans counting into {@code live}, if the console is a terminal. */
    static ProgressLine start(ScanStatistics live, PrintWriter err) {
        Console console = System.console();
        return new ProgressLine(live, err, console != null && console.isTerminal());
    }

    private void tick() {
        try {
            Thread.sleep(QUIET_MILLIS);
            while (!done) {
                String line = render(live, Duration.ofNanos(System.nanoTime() - start));
                synchronized (this) {
                    if (done) break;
                    // \r and erase-to-end: one line, redrawn where it is.
                    err.print("\r" + line + "\033[K");
                    err.flush();
                    drawn = true;
                }
                Thread.sleep(REDRAW_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the line says: {@code reading 12/40 row groups (30%) · 12,000,000 rows · 210.3 MB · 3.2 s}. */
    static String render(ScanStatistics s, Duration elapsed) {
        long planned = s.rowGroupsPlanned();
        long done = Math.min(s.rowGroupsTotal(), planned);
        StringBuilder sb = new StringBuilder("reading ");
        if (planned > 0) {
            sb.append(String.format(Locale.ROOT, "%,d/%,d row groups (%d%%)", done, planned, 100 * done / planned));
        } else if (s.bytesRead() > 0) {
            sb.append("text"); // CSV or JSON lines: no row groups, bytes parsed
        } else {
            sb.append("footers");
        }
        sb.append(String.format(Locale.ROOT, " · %,d rows · %s · %.1f s", s.rowsDecoded(), bytes(s.bytesRead()),
                elapsed.toMillis() / 1000.0));
        return sb.toString();
    }

    private static String bytes(long b) {
        if (b < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KB", b / 1024.0);
        if (b < 1024L * 1024 * 1024) return String.format(Locale.ROOT, "%.1f MB", b / (1024.0 * 1024));
        return String.format(Locale.ROOT, "%.2f GB", b / (1024.0 * 1024 * 1024));
    }

    /** Stops redrawing and erases the line (the command's own output follows on a clean line). */
    @Override
    public void close() {
        if (ticker == null) return;
        synchronized (this) {
            done = true;
            if (drawn) {
                err.print("\r\033[K");
                err.flush();
                drawn = false;
            }
        }
        ticker.interrupt();
    }
}
