package dev.streamingadaptive.tpch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Times the 22 TPC-H queries, ours (LazyFrame) against DuckDB (the SQL texts over views on the
 * same Parquet files), each the best of a few runs after one warm-up, and prints a table. Not a
 * check, so it runs only when asked:
 * {@code mvn -o -q test -pl core -Dtest=TpchTimingsTest -Dtpch.timings=true [-Dtpch.sf=1] [-Dtpch.runs=3]}.
 */
@EnabledIfSystemProperty(named = "tpch.timings", matches = "true")
class TpchTimingsTest {

    @Test
    void printTimings() throws Exception {
        double sf = Double.parseDouble(System.getProperty("tpch.sf", Double.toString(TpchOracle.SCALE_FACTOR)));
        int runs = Integer.getInteger("tpch.runs", 3);
        long made = System.nanoTime();
        Path dir = TpchOracle.data(sf);
        System.out.printf(Locale.ROOT, "TPC-H SF %s, data ready in %.1f s, %d cores, best of %d runs%n",
                sf, (System.nanoTime() - made) / 1e9, Runtime.getRuntime().availableProcessors(), runs);
        System.out.println("query   ours ms  DuckDB ms  ours/DuckDB");
        double oursTotal = 0, duckTotal = 0;
        try (TpchOracle duck = TpchOracle.over(dir)) {
            for (int n = 1; n <= 22; n++) {
                int q = n;
                double ours = best(runs, () -> TpchQueries.query(q, dir).collect());
                double theirs = best(runs, () -> duck.run(q));
                oursTotal += ours;
                duckTotal += theirs;
                System.out.printf(Locale.ROOT, "Q%-5d %9.1f %10.1f %11.2f%n", n, ours, theirs, ours / theirs);
            }
        }
        System.out.printf(Locale.ROOT, "total  %9.1f %10.1f %11.2f%n", oursTotal, duckTotal, oursTotal / duckTotal);
    }

    /** The fastest of {@code runs} runs after a warm-up, in milliseconds. */
    private static double best(int runs, Runnable query) {
        query.run();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            query.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        return best / 1e6;
    }
}
