package dev.streamingadaptive.bench;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.lazy.LazyFrame;
import dev.streamingadaptive.lazy.ScanOptions;
import dev.streamingadaptive.memory.FixedMemoryManager;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.reader.MmapParquetReader;
import dev.streamingadaptive.reader.ParallelStreamReader;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.len;
import static dev.streamingadaptive.expr.Expr.lit;

/**
 * streaming-adaptive. Every query workload is a {@link LazyFrame} pipeline over
 * {@code LazyFrame.scanParquet(file).withThreads(n)} (several files: {@code scanParquet(files, options)}, one dataset), so the optimizer (projection, predicate and slice pushdown)
 * and the streaming executor do the work, and every number in the result comes out of the engine (no
 * aggregation loop in this class):
 * <ul>
 *   <li>{@code sum_two}: {@code agg(col("price").sum(), col("size").sum())};</li>
 *   <li>{@code group_by}: {@code groupBy("symbol").agg(col("price").mean(), col("size").sum(), len())} (result: the
 *       number of groups);</li>
 *   <li>{@code filter_eq}: {@code filter(col("symbol").eq(lit(X))).collect()} (every column of the matching rows),
 *       then {@code len()} and {@code sum(price)} of that frame through {@code df.lazy().agg(...)};</li>
 *   <li>{@code filter_range}: {@code filter(col("trade_id").isBetween(lo, hi)).agg(len())};</li>
 *   <li>{@code head_ten}: {@code select("ts", "symbol", "price").head(10).collect()}, then {@code len()} and
 *       {@code sum(price)} of those rows;</li>
 *   <li>{@code filter_stream}: {@code filter(col("symbol").lt(lit("S0020"))).stream()}, each batch counted and its
 *       {@code sum(size)} computed as in {@code stream_all};</li>
 *   <li>{@code stream_all}: {@code stream()} of the whole file (every column); each batch's {@code sum(size)} is
 *       {@code batch.lazy().agg(col("size").sum())} on the consuming thread (a few microseconds of planning per batch
 *       against milliseconds of decoding), rows are the batches' heights. Variants: {@code collect()} of the file
 *       ({@link Mode#COLLECT}) and {@code stream()} under {@code withMemoryManager(MemoryManager.fixed(32 MB))}
 *       ({@link Mode#BUDGET}).</li>
 * </ul>
 * The loads ({@code load_all}, {@code load_two}) measure the reader, not the engine: they stay on
 * {@link MmapParquetReader#readAll()} per file, and several files on {@link ParallelStreamReader#collectParallel()}
 * (row groups of all files on a work-stealing pool of {@code threads} threads).
 */
final class OursRunner implements Worker.Runner {
    /** The fixed memory budget of {@link Mode#BUDGET}. */
    static final long BUDGET_BYTES = 32L << 20;

    /** How {@link Workload#stream_all} reads the file (the other workloads ignore it). */
    enum Mode { STREAM, COLLECT, BUDGET }

    private final Mode mode;

    OursRunner(Mode mode) {
        this.mode = mode;
    }

    @Override
    public Worker.Outcome run(Workload w, List<Path> files, Worker.Params p) throws Exception {
        if (files.size() != 1 && (w == Workload.load_all || w == Workload.load_two)) {
            // Several files: one dataset whose row groups are decoded on a work-stealing pool.
            try (ParallelStreamReader r = new ParallelStreamReader(files).withThreads(p.threads())) {
                if (!w.columns.isEmpty()) r.withColumns(w.columns.toArray(String[]::new));
                long rows = 0;
                long decoded = 0;
                for (DataFrame df : r.collectParallel()) {
                    rows += df.height();
                    decoded += df.estimatedBytes();
                }
                return new Worker.Outcome(rows, Long.toString(rows), decoded);
            }
        }
        Path f = files.get(0);
        int n = p.threads();
        return switch (w) {
            case load_all, load_two -> {
                try (MmapParquetReader r = MmapParquetReader.open(f).withThreads(n)) {
                    if (!w.columns.isEmpty()) r.withColumns(w.columns.toArray(String[]::new));
                    DataFrame df = r.readAll();
                    yield new Worker.Outcome(df.height(), Integer.toString(df.height()), df.estimatedBytes());
                }
            }
            case sum_two -> {
                DataFrame df = scan(files, n).agg(col("price").sum(), col("size").sum()).collect();
                yield new Worker.Outcome(fileRows(files), Worker.json(Workload.round2(dbl(df, 0)), lng(df, 1)), -1);
            }
            case group_by -> {
                DataFrame df = scan(files, n).groupBy("symbol").agg(col("price").mean(), col("size").sum(), len()).collect();
                yield new Worker.Outcome(fileRows(files), Integer.toString(df.height()), -1);
            }
            case filter_eq -> {
                DataFrame rows = scan(files, n).filter(col("symbol").eq(lit(p.symbol()))).collect();
                if (rows.width() != 8) throw new IllegalStateException("expected every column, got " + rows.schema().names());
                yield new Worker.Outcome(fileRows(files), countAndPriceSum(rows), rows.estimatedBytes());
            }
            case filter_range -> {
                DataFrame df = scan(files, n).filter(col("trade_id").isBetween(lit(p.lo()), lit(p.hi()))).agg(len()).collect();
                yield new Worker.Outcome(fileRows(files), Long.toString(lng(df, 0)), -1);
            }
            case head_ten -> {
                DataFrame rows = scan(files, n).select("ts", "symbol", "price").head(10).collect();
                yield new Worker.Outcome(fileRows(files), countAndPriceSum(rows), rows.estimatedBytes());
            }
            case stream_all -> {
                if (files.size() != 1) throw new UnsupportedOperationException("multi-file stream_all");
                yield streamAll(f, n, mode);
            }
            case filter_stream -> filterStream(scan(files, n).filter(col("symbol").lt(lit(Workload.STREAM_BOUND))), files);
        };
    }

    private static LazyFrame scan(Path f, int threads) {
        return LazyFrame.scanParquet(f).withThreads(threads);
    }

    /** One file, or several as one dataset. */
    private static LazyFrame scan(List<Path> files, int threads) {
        return files.size() == 1 ? scan(files.get(0), threads) : LazyFrame.scanParquet(files, ScanOptions.defaults()).withThreads(threads);
    }

    /** The matching rows streamed batch by batch (every column), each batch counted and its sizes summed, nothing kept. */
    private Worker.Outcome filterStream(LazyFrame matches, List<Path> files) {
        long rows = 0;
        long sum = 0;
        try (Stream<DataFrame> s = matches.stream()) {
            for (DataFrame df : (Iterable<DataFrame>) s::iterator) {
                if (df.width() != 8) throw new IllegalStateException("expected every column, got " + df.schema().names());
                rows += df.height();
                sum += sizeSum(df);
            }
        }
        return new Worker.Outcome(fileRows(files), Worker.json(rows, sum), -1);
    }

    /** [rows, round2(sum price)] of a materialised frame, computed by the engine on that frame. */
    private static String countAndPriceSum(DataFrame rows) {
        DataFrame r = rows.lazy().withThreads(1).agg(len(), col("price").sum()).collect();
        return Worker.json(lng(r, 0), Workload.round2(dbl(r, 1)));
    }

    /**
     * Every column of the file: streamed batch by batch (each batch's rows counted and its size column summed by the
     * engine, nothing kept), or materialised by {@code collect()} and then summed.
     */
    private static Worker.Outcome streamAll(Path f, int threads, Mode mode) {
        LazyFrame all = scan(f, threads);
        if (mode == Mode.COLLECT) {
            DataFrame df = all.collect();
            return new Worker.Outcome(df.height(), Worker.json(df.height(), sizeSum(df)), df.estimatedBytes());
        }
        FixedMemoryManager budget = mode == Mode.BUDGET ? MemoryManager.fixed(BUDGET_BYTES) : null;
        if (budget != null) all = all.withMemoryManager(budget);
        long rows = 0;
        long sum = 0;
        long batches = 0;
        long largest = 0;
        try (Stream<DataFrame> s = all.stream()) {
            for (DataFrame df : (Iterable<DataFrame>) s::iterator) {
                rows += df.height();
                sum += sizeSum(df);
                batches++;
                largest = Math.max(largest, df.estimatedBytes());
            }
        }
        // For the log (bench/target/bench-logs): how the budget shaped the batches.
        if (System.getenv("VERBOSE") != null || budget != null) {
            System.err.printf(Locale.ROOT, "stream_all %s t=%d: %d batches, largest %.1f MB%s%n", mode, threads, batches, largest / 1e6,
                    budget == null ? "" : String.format(Locale.ROOT, ", peak tracked %.1f MB of %d MB",
                            budget.peakTrackedBytes() / 1e6, BUDGET_BYTES >> 20));
        }
        return new Worker.Outcome(rows, Worker.json(rows, sum), -1);
    }

    /** sum(size) of a frame through the engine (an INT64 sum; 0 for a frame without non-null sizes). */
    private static long sizeSum(DataFrame df) {
        return lng(df.lazy().withThreads(1).agg(col("size").sum()).collect(), 0);
    }

    /** Column {@code c} of a one-row result as a long (null, the sum of nothing, is 0). */
    private static long lng(DataFrame df, int c) {
        Object v = df.column(c).get(0);
        return v == null ? 0 : ((Number) v).longValue();
    }

    /** Column {@code c} of a one-row result as a double (null is 0). */
    private static double dbl(DataFrame df, int c) {
        Object v = df.column(c).get(0);
        return v == null ? 0 : ((Number) v).doubleValue();
    }

    private final java.util.Map<Path, Long> rowsByFile = new java.util.HashMap<>();

    /**
     * Rows in the file (the input the M rows/s column counts), from the footer once per file: the warm-up run reads
     * it, so the measured runs time the query alone.
     */
    private long fileRows(List<Path> files) {
        long rows = 0;
        for (Path f : files) {
            rows += rowsByFile.computeIfAbsent(f, p -> {
                try (MmapParquetReader r = MmapParquetReader.open(p)) {
                    return r.totalRows();
                }
            });
        }
        return rows;
    }
}
