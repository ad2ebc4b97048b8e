package dev.streamingadaptive.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One system running one workload in its own process, so that its peak RSS is its own. Started by
 * {@link Harness}; prints exactly one line {@code BENCH-RESULT {"seconds":…,"coldSeconds":…,"rows":…,
 * "peakRssBytes":…,"result":…,"decodedBytes":…}} (or {@code BENCH-ERROR <reason>} and exit code 2) on stdout.
 *
 * <p>Usage: {@code Worker <system> <workload> <threads> <runs> <lo> <hi> <file>...}: one warm-up run (its
 * time is {@code coldSeconds}: the first run in this fresh JVM), then more unmeasured warm-up runs until
 * {@value #WARMUP_SECONDS} s have gone by in warm-ups (at most {@value #MAX_EXTRA_WARMUPS} more: a query of a few
 * milliseconds is otherwise measured while the JIT is still compiling it), then {@code runs} measured runs; the best
 * is reported as {@code seconds}. With {@code runs} 0 the first run is the only one ({@link ScaleBench}: a cold page
 * cache, a fresh JVM). bench/polars/run.mjs follows the same rules.
 */
public final class Worker {
    private Worker() {}

    /** What one run returns: rows (loaded, or input rows for queries), the result value as JSON, decoded bytes or -1. */
    record Outcome(long rows, String result, long decodedBytes) {}

    /** A system under test. */
    interface Runner extends AutoCloseable {
        Outcome run(Workload w, List<Path> files, Params p) throws Exception;

        @Override default void close() throws Exception {}
    }

    /** Workload parameters shared by every system. */
    record Params(int threads, String symbol, long lo, long hi) {}

    /** Warm-up time before the measured runs, counting the first run. */
    static final double WARMUP_SECONDS = 1.0;
    /** Most warm-up runs after the first. */
    static final int MAX_EXTRA_WARMUPS = 30;

    public static void main(String[] args) {
        String system = args[0];
        Workload w = Workload.valueOf(args[1]);
        int threads = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        Params p = new Params(threads, Workload.RARE_SYMBOL, Long.parseLong(args[4]), Long.parseLong(args[5]));
        List<Path> files = new ArrayList<>();
        for (int i = 6; i < args.length; i++) files.add(Path.of(args[i]));
        try (Runner r = runner(system, threads)) {
            double best = Double.MAX_VALUE;
            double cold = Double.NaN;
            Outcome out = null;
            double warmedUp = 0;
            int warmups = 1;
            for (int i = 0; i < warmups + runs; i++) {
                long t0 = System.nanoTime();
                out = r.run(w, files, p);
                double s = (System.nanoTime() - t0) / 1e9;
                if (i == 0) cold = s;
                if (i < warmups) {
                    warmedUp += s;
                    if (runs > 0 && warmedUp < WARMUP_SECONDS && warmups <= MAX_EXTRA_WARMUPS) warmups++;
                } else {
                    best = Math.min(best, s);
                }
                if (System.getenv("VERBOSE") != null) {
                    System.err.printf(Locale.ROOT, "%s %s %s %d: %.4f s%n", system, w, i < warmups ? "warm-up" : "run", i, s);
                }
                // As the Polars peer does between repetitions (bench/polars/run.mjs): one run's result is not alive
                // while the next is built, so the peak RSS is one run's, not one run's plus the last one's garbage.
                // The heap stays as large as the run made it (Harness.javaCommand: -XX:MaxHeapFreeRatio=100), as in a
                // JVM serving queries; only the first (cold) run pays the page faults of growing it.
                if (i < warmups + runs - 1) System.gc();
            }
            System.out.printf(Locale.ROOT, "BENCH-RESULT {\"seconds\":%.6f,\"coldSeconds\":%.6f,\"rows\":%d,\"peakRssBytes\":%d,"
                    + "\"result\":%s,\"decodedBytes\":%d}%n", runs == 0 ? cold : best, cold, out.rows(), Rss.peakBytes(), out.result(), out.decodedBytes());
            System.out.flush();
        } catch (Throwable t) {
            exitFailed(t);
        }
        System.exit(0);
    }

    /** Reports a failed run the way the harness reads it ({@code BENCH-ERROR} with the root cause) and exits 2. */
    static void exitFailed(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String msg = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        System.out.println("BENCH-ERROR " + msg.replace('\n', ' ').replace('|', '/'));
        t.printStackTrace();
        System.exit(2);
    }

    static Runner runner(String system, int threads) throws Exception {
        return switch (system) {
            case "ours" -> new OursRunner(OursRunner.Mode.STREAM);
            case "ours-collect" -> new OursRunner(OursRunner.Mode.COLLECT);
            case "ours-32mb" -> new OursRunner(OursRunner.Mode.BUDGET);
            case "duckdb" -> new DuckDbRunner(threads, false);
            case "duckdb-ctas" -> new DuckDbRunner(threads, true);
            case "hardwood" -> new HardwoodRunner(threads);
            case "parquet-java" -> new ParquetJavaRunner();
            default -> throw new IllegalArgumentException("unknown system " + system);
        };
    }

    static String json(double a, long b) {
        return "[" + num(a) + "," + b + "]";
    }

    static String json(long a, long b) {
        return "[" + a + "," + b + "]";
    }

    static String json(long a, double b) {
        return "[" + a + "," + num(b) + "]";
    }

    static String num(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }
}
