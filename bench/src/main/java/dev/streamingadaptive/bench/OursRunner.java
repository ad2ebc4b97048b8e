package dev.streamingadaptive.bench;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.predicate.AndPredicate;
import dev.streamingadaptive.predicate.ComparisonPredicate;
import dev.streamingadaptive.predicate.RowPredicate;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.reader.AdaptiveStreamingReader;
import dev.streamingadaptive.reader.MmapParquetReader;
import dev.streamingadaptive.reader.ParallelStreamReader;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * streaming-adaptive: loads go through {@link MmapParquetReader#readAll()} per file (so a parallel
 * path in the core is used as soon as it exists); aggregations stream {@code readRowGroup(i)} and
 * aggregate by hand on the decoded arrays (dictionary indices for strings); filters go through
 * {@link ParallelStreamReader#withPredicate} over the one file (pushdown: pruning and late materialisation; row groups
 * decoded on {@code threads} threads). Several files are read
 * as one dataset by {@link ParallelStreamReader} (row groups of all files on a work-stealing pool of
 * {@code threads} threads, {@code collectParallel()}).
 *
 * <p>{@link Workload#stream_all} goes through {@link AdaptiveStreamingReader#open}: {@code stream()} over every
 * column (every batch touched: rows and sum(size)), or, as the variants the harness runs next to it,
 * {@code collect()} ({@link Mode#COLLECT}) and {@code stream()} under {@code MemoryManager.fixed(32 MB)}
 * ({@link Mode#BUDGET}).
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
        if (w == Workload.stream_all) {
            if (files.size() != 1) throw new UnsupportedOperationException("multi-file " + w);
            return streamAll(files.get(0), p.threads(), mode);
        }
        if (files.size() == 1) return one(w, files.get(0), p, p.threads());
        if (w != Workload.load_all && w != Workload.load_two) throw new UnsupportedOperationException("multi-file " + w);
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

    private static MmapParquetReader open(Path f, Workload w, int threads) {
        MmapParquetReader r = MmapParquetReader.open(f).withThreads(threads);
        return w.columns.isEmpty() ? r : r.withColumns(w.columns.toArray(String[]::new));
    }

    private static Worker.Outcome one(Workload w, Path f, Worker.Params p, int threads) {
        try (MmapParquetReader r = open(f, w, threads)) {
            return switch (w) {
                case load_all, load_two -> {
                    DataFrame df = r.readAll();
                    yield new Worker.Outcome(df.height(), Integer.toString(df.height()), df.estimatedBytes());
                }
                case sum_two -> sumTwo(r);
                case group_by -> groupBy(r);
                case filter_eq -> filterEq(f, threads, p.symbol());
                case filter_range -> filterRange(f, threads, p.lo(), p.hi());
                case stream_all -> throw new IllegalStateException("stream_all is read by streamAll");
            };
        }
    }

    private static Worker.Outcome sumTwo(MmapParquetReader r) {
        double sp = 0;
        long ss = 0;
        for (int g = 0; g < r.numRowGroups(); g++) {
            DataFrame df = r.readRowGroup(g);
            DoubleColumn price = (DoubleColumn) df.column("price");
            IntColumn size = (IntColumn) df.column("size");
            double[] pv = price.rawValues();
            int[] sv = size.rawValues();
            int n = df.height();
            boolean pn = price.nullCount() > 0;
            boolean sn = size.nullCount() > 0;
            for (int i = 0; i < n; i++) if (!pn || !price.isNull(i)) sp += pv[i];
            for (int i = 0; i < n; i++) if (!sn || !size.isNull(i)) ss += sv[i];
        }
        return new Worker.Outcome(r.totalRows(), Worker.json(Workload.round2(sp), ss), -1);
    }

    private static Worker.Outcome groupBy(MmapParquetReader r) {
        BytesKeyMap.Aggs global = new BytesKeyMap.Aggs();
        for (int g = 0; g < r.numRowGroups(); g++) {
            DataFrame df = r.readRowGroup(g);
            Column sym = df.column("symbol");
            DoubleColumn price = (DoubleColumn) df.column("price");
            IntColumn size = (IntColumn) df.column("size");
            double[] pv = price.rawValues();
            int[] sv = size.rawValues();
            int n = df.height();
            boolean nulls = sym.nullCount() > 0 || price.nullCount() > 0 || size.nullCount() > 0;
            if (sym instanceof DictionaryColumn dc && dc.dictionary() instanceof BinaryColumn dict) {
                // Dictionary indices make the group-by a plain array aggregation per row group.
                int k = dict.size();
                double[] sp = new double[k];
                long[] ss = new long[k];
                long[] cnt = new long[k];
                int[] idx = dc.rawIndices();
                for (int i = 0; i < n; i++) {
                    if (nulls && (sym.isNull(i) || price.isNull(i) || size.isNull(i))) continue;
                    int j = idx[i];
                    sp[j] += pv[i];
                    ss[j] += sv[i];
                    cnt[j]++;
                }
                byte[] data = dict.rawData();
                int[] off = dict.rawOffsets();
                for (int j = 0; j < k; j++) {
                    if (cnt[j] == 0) continue;
                    global.merge(data, off[j], off[j + 1] - off[j], sp[j], ss[j], cnt[j]);
                }
            } else if (sym instanceof BinaryColumn bc) {
                byte[] data = bc.rawData();
                int[] off = bc.rawOffsets();
                for (int i = 0; i < n; i++) {
                    if (nulls && (sym.isNull(i) || price.isNull(i) || size.isNull(i))) continue;
                    global.add(data, off[i], off[i + 1] - off[i], pv[i], sv[i]);
                }
            } else {
                throw new IllegalStateException("symbol decoded as " + sym.getClass().getSimpleName());
            }
        }
        return new Worker.Outcome(r.totalRows(), Integer.toString(global.groups()), -1);
    }

    /**
     * symbol = X through the pushdown API on a {@link ParallelStreamReader} (row groups decoded on
     * {@code threads} threads): pruning, late materialisation, then a plain sum over the matches.
     */
    private static Worker.Outcome filterEq(Path f, int threads, String symbol) {
        long count = 0;
        double sum = 0;
        try (ParallelStreamReader r = new ParallelStreamReader(List.of(f)).withThreads(threads).withColumns("price")
                .withPredicate(new ComparisonPredicate("symbol", ComparisonPredicate.Op.EQ, symbol));
             Stream<DataFrame> batches = r.streamUnordered()) {
            for (DataFrame df : (Iterable<DataFrame>) batches::iterator) {
                DoubleColumn price = (DoubleColumn) df.column("price");
                double[] pv = price.rawValues();
                boolean pn = price.nullCount() > 0;
                count += df.height();
                for (int i = 0; i < df.height(); i++) if (!pn || !price.isNull(i)) sum += pv[i];
            }
            return new Worker.Outcome(fileRows(f), Worker.json(count, Workload.round2(sum)), -1);
        }
    }

    /** lo <= trade_id <= hi through the pushdown API (row groups outside the range are never read). */
    private static Worker.Outcome filterRange(Path f, int threads, long lo, long hi) {
        long count = 0;
        RowPredicate range = new AndPredicate(new ComparisonPredicate("trade_id", ComparisonPredicate.Op.GE, lo),
                new ComparisonPredicate("trade_id", ComparisonPredicate.Op.LE, hi));
        try (ParallelStreamReader r = new ParallelStreamReader(List.of(f)).withThreads(threads).withColumns("trade_id").withPredicate(range);
             Stream<DataFrame> batches = r.streamUnordered()) {
            for (DataFrame df : (Iterable<DataFrame>) batches::iterator) count += df.height();
            return new Worker.Outcome(fileRows(f), Long.toString(count), -1);
        }
    }

    /**
     * Every column of the file through {@link AdaptiveStreamingReader}: streamed batch by batch (each batch's rows
     * counted and its size column summed, nothing kept), or materialised by {@code collect()} and then summed.
     */
    private static Worker.Outcome streamAll(Path f, int threads, Mode mode) {
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(f).withThreads(threads)) {
            MemoryManager budget = mode == Mode.BUDGET ? MemoryManager.fixed(BUDGET_BYTES) : null;
            if (budget != null) r.withMemoryManager(budget);
            if (mode == Mode.COLLECT) {
                DataFrame df = r.collect();
                return new Worker.Outcome(df.height(), Worker.json(df.height(), sumInts(df, "size")), df.estimatedBytes());
            }
            long rows = 0;
            long sum = 0;
            long batches = 0;
            long largest = 0;
            try (Stream<DataFrame> s = r.stream()) {
                for (DataFrame df : (Iterable<DataFrame>) s::iterator) {
                    rows += df.height();
                    sum += sumInts(df, "size");
                    batches++;
                    largest = Math.max(largest, df.estimatedBytes());
                }
            }
            // For the log (bench/target/bench-logs): how the budget shaped the batches.
            if (System.getenv("VERBOSE") != null || budget != null) {
                System.err.printf(java.util.Locale.ROOT, "stream_all %s t=%d: %d batches, largest %.1f MB%s%n", mode, threads, batches,
                        largest / 1e6, budget == null ? "" : String.format(java.util.Locale.ROOT, ", peak tracked %.1f MB of %d MB",
                                budget.peakTrackedBytes() / 1e6, BUDGET_BYTES >> 20));
            }
            return new Worker.Outcome(rows, Worker.json(rows, sum), -1);
        }
    }

    /** The sum of an int column's non-null values. */
    private static long sumInts(DataFrame df, String name) {
        IntColumn c = (IntColumn) df.column(name);
        int[] v = c.rawValues();
        int n = df.height();
        long sum = 0;
        if (c.nullCount() == 0) {
            for (int i = 0; i < n; i++) sum += v[i];
        } else {
            for (int i = 0; i < n; i++) if (!c.isNull(i)) sum += v[i];
        }
        return sum;
    }

    /** Rows in the file (the input the M rows/s column counts). */
    private static long fileRows(Path f) {
        try (MmapParquetReader r = MmapParquetReader.open(f)) {
            return r.totalRows();
        }
    }
}
