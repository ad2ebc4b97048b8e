package dev.streamingadaptive.bench;

import dev.streamingadaptive.lazy.LazyFrame;
import dev.streamingadaptive.sql.SqlContext;
import dev.streamingadaptive.tpch.TpchData;
import dev.streamingadaptive.tpch.TpchQueries;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * One system running one TPC-H query in its own JVM, started by {@link TpchBench}: a first run (its
 * time is {@code coldSeconds}), unmeasured warm-ups until {@value #WARMUP_SECONDS} s have gone by in
 * warm-ups (at most {@value Worker#MAX_EXTRA_WARMUPS} more, as {@link WarmRuns}), then {@code runs} more, the best
 * reported as {@code seconds}; prints
 * {@code BENCH-RESULT {"seconds":…,"coldSeconds":…,"rows":…,"peakRssBytes":…,"result":…,"decodedBytes":-1}}
 * or {@code BENCH-ERROR <reason>}.
 *
 * <p>Usage: {@code TpchWorker <ours|ours-sql|duckdb> <query> <data-dir> <threads> <runs> <duckdb-memory-limit>}.
 * {@code ours} runs the LazyFrame form ({@link TpchQueries}), {@code ours-sql} the standard SQL text
 * through {@link SqlContext}, {@code duckdb} the same text in DuckDB (JDBC) over views of the files.
 */
public final class TpchWorker {
    private TpchWorker() {}

    /**
     * Seconds of unmeasured warm-up runs before the measured ones, for every system. Longer than the scan harness's
     * {@link Worker#WARMUP_SECONDS}: C2 keeps compiling our operators for 4-5 s of repeated TPC-H queries (at SF 1, Q12
     * measured 0.49, 0.31, 0.29, 0.24 and 0.21 s in its 1st, 4th, 8th, 12th and 25th runs), so after 1 s the "warm"
     * column mixed the JIT into the engine's speed. The cold column is the first run in a fresh process.
     */
    static final double WARMUP_SECONDS = 5.0;

    static final List<String> TABLES = List.of("lineitem", "orders", "customer", "part", "partsupp", "supplier", "nation", "region");

    /** The standard SQL text of query {@code n} (validation parameters), from the core test jar. */
    static String sql(int n) {
        String name = String.format(Locale.ROOT, "/tpch/q%02d.sql", n);
        try (InputStream in = TpchWorker.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("no " + name + " on the class path (core's test jar)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) {
        String system = args[0];
        int q = Integer.parseInt(args[1]);
        Path dir = Path.of(args[2]);
        int threads = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);
        String duckMemory = args[5];
        try (Connection duck = system.equals("duckdb") ? DriverManager.getConnection("jdbc:duckdb:") : null) {
            if (duck != null) {
                try (Statement s = duck.createStatement()) {
                    s.execute("SET threads = " + threads);
                    s.execute("SET memory_limit = '" + duckMemory + "'");
                    for (String t : TABLES) s.execute("CREATE VIEW " + t + " AS SELECT * FROM read_parquet('" + TpchData.file(dir, t) + "')");
                }
            }
            SqlContext ctx = new SqlContext();
            for (String t : TABLES) ctx.register(t, LazyFrame.scanParquet(TpchData.file(dir, t)));
            String text = sql(q);
            WarmRuns t = WarmRuns.measure(runs, WARMUP_SECONDS, system + " Q" + q, () -> Long.toString(switch (system) {
                case "ours" -> TpchQueries.query(q, dir).withThreads(threads).collect().height();
                case "ours-sql" -> ctx.query(text).withThreads(threads).collect().height();
                case "duckdb" -> duckRows(duck, text);
                default -> throw new IllegalArgumentException("unknown system " + system);
            }));
            double best = t.best(), cold = t.cold();
            long rows = Long.parseLong(t.result());
            System.out.printf(Locale.ROOT, "BENCH-RESULT {\"seconds\":%.6f,\"coldSeconds\":%.6f,\"rows\":%d,\"peakRssBytes\":%d,"
                    + "\"result\":%d,\"decodedBytes\":-1}%n", best, cold, rows, Rss.peakBytes(), rows);
            System.out.flush();
        } catch (Throwable t) {
            Worker.exitFailed(t);
        }
        System.exit(0);
    }

    private static long duckRows(Connection duck, String sql) throws Exception {
        long n = 0;
        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int width = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int c = 1; c <= width; c++) rs.getObject(c);
                n++;
            }
        }
        return n;
    }
}
