package dev.streamingadaptive.bench;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.lazy.LazyFrame;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.len;
import static dev.streamingadaptive.expr.Expr.lit;

/**
 * One system scanning a CSV file in its own JVM, started by {@link CsvScanBench}: a cold first
 * run, warm-ups as {@link Worker}, then {@code runs} measured runs, the best reported; prints
 * {@code BENCH-RESULT {"seconds","coldSeconds","rows","peakRssBytes","result"}} (result: the
 * query's numbers, compared across systems).
 *
 * <p>Usage: {@code CsvScanWorker <ours|duckdb> <file.csv> <sum_two|all_columns|filter_eq> <threads> <runs>}.
 */
public final class CsvScanWorker {
    private CsvScanWorker() {}

    /** The query of each workload in SQL (DuckDB); ours runs the same through the LazyFrame API. */
    static String sql(String workload, String file) {
        String from = " FROM read_csv('" + file + "')";
        return switch (workload) {
            case "sum_two" -> "SELECT count(*), sum(price), sum(size)" + from;
            case "all_columns" -> "SELECT count(*), min(ts)::VARCHAR, max(symbol), sum(price), sum(size), count(exchange), count(cond)" + from;
            case "filter_eq" -> "SELECT count(*), sum(price)" + from + " WHERE symbol = 'SYM0042'";
            default -> throw new IllegalArgumentException("unknown workload " + workload);
        };
    }

    static DataFrame ours(String workload, String file, int threads) {
        LazyFrame lf = LazyFrame.scanCsv(file).withThreads(threads);
        return switch (workload) {
            case "sum_two" -> lf.agg(len(), col("price").sum(), col("size").sum()).collect();
            case "all_columns" -> lf.agg(len(), col("ts").min(), col("symbol").max(), col("price").sum(), col("size").sum(),
                    col("exchange").count(), col("cond").count()).collect();
            case "filter_eq" -> lf.filter(col("symbol").eq(lit("SYM0042"))).agg(len(), col("price").sum()).collect();
            default -> throw new IllegalArgumentException("unknown workload " + workload);
        };
    }

    public static void main(String[] args) {
        String system = args[0], file = args[1], workload = args[2];
        int threads = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);
        try (Connection duck = system.equals("duckdb") ? DriverManager.getConnection("jdbc:duckdb:") : null) {
            if (duck != null) {
                try (Statement s = duck.createStatement()) {
                    s.execute("SET threads = " + threads);
                }
            }
            WarmRuns t = WarmRuns.measure(runs, system + " " + workload, () -> {
                StringBuilder r = new StringBuilder();
                switch (system) {
                    case "ours" -> {
                        DataFrame df = ours(workload, file, threads);
                        for (int c = 0; c < df.width(); c++) r.append(c > 0 ? " " : "").append(df.column(c).get(0));
                    }
                    case "duckdb" -> {
                        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(sql(workload, file))) {
                            rs.next();
                            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) r.append(c > 1 ? " " : "").append(rs.getObject(c));
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown system " + system);
                }
                return r.toString();
            });
            String result = t.result();
            long rows = Long.parseLong(result.split(" ")[0]);
            // Timestamps print differently per system; only the numbers after them are compared.
            String numbers = result.replaceAll("\\d{4}-\\d\\d-\\d\\d[ T][0-9:.]+Z?", "ts").replaceAll("SYM\\d+", "sym");
            System.out.printf(Locale.ROOT, "BENCH-RESULT {\"seconds\":%.6f,\"coldSeconds\":%.6f,\"rows\":%d,\"peakRssBytes\":%d,"
                    + "\"result\":\"%s\",\"decodedBytes\":-1}%n", t.best(), t.cold(), rows, Rss.peakBytes(), numbers);
            System.out.flush();
        } catch (Throwable t) {
            Worker.exitFailed(t);
        }
        System.exit(0);
    }
}
