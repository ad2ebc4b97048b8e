package dev.streamingadaptive.bench;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.reader.MmapParquetReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;

/**
 * First side-by-side benchmark: decode every column of a DuckDB-written, snappy-compressed
 * trades file with our reader (one thread, row group by row group) and with DuckDB (a scan that
 * touches every column, and CREATE TABLE AS, which materialises it), best of N runs each.
 *
 * <p>Usage: {@code FullLoadBenchmark [rows=40000000] [runs=3] [file=bench-data/trades-<rows>.parquet]}
 */
public final class FullLoadBenchmark {
    private FullLoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 40_000_000L;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path file = args.length > 2 ? Path.of(args[2]) : Path.of("bench-data", "trades-" + rows + ".parquet");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            if (!Files.exists(file)) generate(duck, file, rows);
            long bytes = Files.size(file);
            System.out.printf(Locale.ROOT, "file: %s, %,d rows, %.1f MB, %d run(s) each, best time shown%n", file, rows, bytes / 1e6, runs);

            double ours = Double.MAX_VALUE;
            long decodedBytes = 0;
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                decodedBytes = readAll(file);
                ours = Math.min(ours, seconds(t0));
            }
            double duckScan1 = duckdb(duck, 1, runs, "SELECT count(*), min(ts), max(symbol), sum(price), sum(size), max(exchange), "
                    + "count_if(is_buy), sum(trade_id), count(cond) FROM read_parquet('" + file + "')");
            double duckScan2 = duckdb(duck, 2, runs, "SELECT count(*), min(ts), max(symbol), sum(price), sum(size), max(exchange), "
                    + "count_if(is_buy), sum(trade_id), count(cond) FROM read_parquet('" + file + "')");
            double duckCtas1 = duckdb(duck, 1, Math.min(runs, 2), "CREATE OR REPLACE TABLE t AS SELECT * FROM read_parquet('" + file + "')");

            System.out.println();
            System.out.println("| system | what | threads | seconds | M rows/s | MB/s (file) | ours ÷ peer time |");
            System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
            row("streaming-adaptive", "decode all columns to Java arrays (" + (decodedBytes >> 20) + " MiB)", 1, ours, rows, bytes, ours);
            row("DuckDB " + duckVersion(duck), "scan touching every column (aggregates)", 1, duckScan1, rows, bytes, ours);
            row("DuckDB", "scan touching every column (aggregates)", 2, duckScan2, rows, bytes, ours);
            row("DuckDB", "CREATE TABLE AS (materialise)", 1, duckCtas1, rows, bytes, ours);
        }
    }

    private static long readAll(Path file) {
        long decoded = 0;
        try (MmapParquetReader r = MmapParquetReader.open(file)) {
            for (int g = 0; g < r.numRowGroups(); g++) {
                DataFrame df = r.readRowGroup(g);
                decoded += df.estimatedBytes();
            }
        }
        return decoded;
    }

    private static double duckdb(Connection c, int threads, int runs, String sql) throws Exception {
        double best = Double.MAX_VALUE;
        try (Statement s = c.createStatement()) {
            s.execute("SET threads=" + threads);
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                if (s.execute(sql)) {
                    try (ResultSet rs = s.getResultSet()) {
                        while (rs.next()) { /* drain */ }
                    }
                }
                best = Math.min(best, seconds(t0));
            }
            s.execute("DROP TABLE IF EXISTS t");
        }
        return best;
    }

    private static String duckVersion(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void row(String system, String what, int threads, double s, long rows, long bytes, double ours) {
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %.2f | %.1f | %.0f | %.2f |%n", system, what, threads, s, rows / s / 1e6,
                bytes / s / 1e6, ours / s);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The trades table of the benchmarks, written by DuckDB: 1M-row groups, snappy. */
    static void generate(Connection c, Path file, long rows) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        System.out.printf(Locale.ROOT, "generating %s with DuckDB (%,d rows)...%n", file, rows);
        try (Statement s = c.createStatement()) {
            s.execute("COPY (SELECT TIMESTAMP '2024-01-02 09:30:00' + to_microseconds(i * 37) AS ts, "
                    + "'S' || lpad((hash(i) % 2000)::VARCHAR, 4, '0') AS symbol, "
                    + "round(100 + (hash(i * 7) % 100000) / 100.0, 2) AS price, "
                    + "(1 + hash(i * 13) % 10000)::INTEGER AS size, "
                    + "['NYSE','NASDAQ','ARCA','BATS','IEX','EDGX','EDGA','AMEX'][1 + (hash(i * 17) % 8)::INTEGER] AS exchange, "
                    + "(hash(i * 19) % 2 = 0) AS is_buy, i AS trade_id, "
                    + "CASE WHEN hash(i * 23) % 10 < 8 THEN NULL ELSE ['@','F','T','I'][1 + (hash(i * 29) % 4)::INTEGER] END AS cond "
                    + "FROM range(" + rows + ") t(i)) TO '" + file + "' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 1000000)");
        }
    }
}
