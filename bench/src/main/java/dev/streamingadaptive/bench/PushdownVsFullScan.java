package dev.streamingadaptive.bench;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.predicate.PredicatePushdown;
import dev.streamingadaptive.predicate.RowGroupMetadata;
import dev.streamingadaptive.predicate.RowPredicate;
import dev.streamingadaptive.predicate.WhereParser;
import dev.streamingadaptive.reader.AdaptiveStreamingReader;

import java.nio.file.Path;
import java.util.Locale;

/**
 * One selective filter read twice in one JVM: with pushdown (pruning, late materialisation) and
 * as a full scan that decodes every row group and filters afterwards. Prints both times, best of
 * {@code runs}, and their ratio. Usage (after {@code bench/run} generated the data):
 * {@code java -cp "bench/target/streaming-adaptive-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
 * dev.streamingadaptive.bench.PushdownVsFullScan bench-data/trades-40000000.parquet
 * "trade_id between 20000000 and 20399999" trade_id,price,symbol 5}
 */
public final class PushdownVsFullScan {
    private PushdownVsFullScan() {}

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        RowPredicate where = WhereParser.parse(args[1]);
        String[] columns = args[2].split(",");
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        PredicatePushdown fullScan = new PredicatePushdown() {   // the same filter, nothing pruned
            @Override public boolean shouldSkipRowGroup(RowGroupMetadata stats) { return false; }
            @Override public DataFrame apply(DataFrame df) { return where.bind(df.schema()).apply(df); }
        };
        double best0 = Double.MAX_VALUE, best1 = Double.MAX_VALUE;
        for (int run = 0; run <= runs; run++) {   // run 0 warms up
            double pushdown = time(file, columns, where);
            double full = time(file, columns, fullScan);
            if (run > 0) {
                best0 = Math.min(best0, pushdown);
                best1 = Math.min(best1, full);
            }
        }
        System.out.printf(Locale.ROOT, "pushdown %.3f s, full scan %.3f s: %.1fx faster (best of %d, %s, columns %s)%n",
                best0, best1, best1 / best0, runs, args[1], args[2]);
    }

    private static double time(Path file, String[] columns, PredicatePushdown p) {
        long t0 = System.nanoTime();
        long rows = 0;
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(file).withThreads(1).withColumns(columns).withPredicate(p)) {
            for (DataFrame df : r) rows += df.height();
            if (rows < 0) throw new IllegalStateException();
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
