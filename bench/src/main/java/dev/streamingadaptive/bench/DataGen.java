package dev.streamingadaptive.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reproducible benchmark data, written by DuckDB through JDBC (snappy, 1M-row row groups). Files
 * are generated once under the data directory and reused when present (a file is written under a
 * temporary name and renamed, so an interrupted run never leaves a half-written file behind).
 */
final class DataGen {
    private DataGen() {}

    static final int ROW_GROUP = 1_000_000;

    /** SQL of the trades rows [from, to): trade_id = i, so split files keep one sorted id sequence. */
    static String tradesSql(long from, long to) {
        return "SELECT TIMESTAMP '2024-01-02 09:30:00' + to_microseconds(i * 37) AS ts, "
                + "'S' || lpad((hash(i) % 2000)::VARCHAR, 4, '0') AS symbol, "
                + "round(100 + (hash(i * 7) % 100000) / 100.0, 2) AS price, "
                + "(1 + hash(i * 13) % 10000)::INTEGER AS size, "
                + "['NYSE','NASDAQ','ARCA','BATS','IEX','EDGX','EDGA','AMEX'][1 + (hash(i * 17) % 8)::INTEGER] AS exchange, "
                + "(hash(i * 19) % 2 = 0) AS is_buy, i AS trade_id, "
                + "CASE WHEN hash(i * 23) % 10 < 8 THEN NULL ELSE ['@','F','T','I'][1 + (hash(i * 29) % 4)::INTEGER] END AS cond "
                + "FROM range(" + from + ", " + to + ") t(i)";
    }

    /** logs: ts, level (5 values), service (40 values), message (50–200 chars of hex words), latency_ms. */
    static String logsSql(long rows) {
        return "SELECT TIMESTAMP '2024-01-02 00:00:00' + to_microseconds(i * 8641) AS ts, "
                + "['TRACE','DEBUG','INFO','WARN','ERROR'][1 + (CASE WHEN hash(i) % 100 < 60 THEN 2 WHEN hash(i) % 100 < 85 THEN 1 "
                + "WHEN hash(i) % 100 < 95 THEN 3 WHEN hash(i) % 100 < 99 THEN 0 ELSE 4 END)::INTEGER] AS level, "
                + "'svc-' || lpad((hash(i * 3) % 40)::VARCHAR, 2, '0') AS service, "
                + "substr('request ' || md5(i::VARCHAR) || ' user ' || md5((i * 5)::VARCHAR) || ' path /api/v1/' "
                + "|| md5((i * 7)::VARCHAR) || ' took ' || (hash(i * 11) % 5000)::VARCHAR || ' ms status ' "
                + "|| md5((i * 13)::VARCHAR) || ' ' || md5((i * 17)::VARCHAR), 1, (50 + hash(i * 19) % 151)::INTEGER) AS message, "
                + "(hash(i * 23) % 5000)::INTEGER AS latency_ms "
                + "FROM range(" + rows + ") t(i)";
    }

    /** features: f00..f49 float64 (3 decimals, 1M distinct values each) and an int32 label of 10 classes. */
    static String featuresSql(long rows) {
        StringBuilder sb = new StringBuilder("SELECT ");
        for (int k = 0; k < 50; k++) {
            sb.append(String.format(Locale.ROOT, "(hash(i * %d + %d) %% 1000000) / 1000.0 - 500 AS f%02d, ", 2 * k + 3, k, k));
        }
        sb.append("(hash(i * 101) % 10)::INTEGER AS label FROM range(").append(rows).append(") t(i)");
        return sb.toString();
    }

    static void copy(Connection c, String sql, Path file) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        long t0 = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute("COPY (" + sql + ") TO '" + tmp + "' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE " + ROW_GROUP + ")");
        }
        Files.move(tmp, file);
        System.out.printf(Locale.ROOT, "  generated %s (%.1f MB, %.1f s)%n", file, Files.size(file) / 1e6, (System.nanoTime() - t0) / 1e9);
    }

    static Path trades(Connection c, Path dir, long rows) throws Exception {
        Path f = dir.resolve("trades-" + rows + ".parquet");
        if (!Files.exists(f)) copy(c, tradesSql(0, rows), f);
        return f;
    }

    /** The same trades rows split into {@code parts} files (trade_id continues across files). */
    static List<Path> tradesSplit(Connection c, Path dir, long rows, int parts) throws Exception {
        Path d = dir.resolve("trades-" + rows + "-x" + parts);
        List<Path> out = new ArrayList<>();
        for (int k = 0; k < parts; k++) {
            Path f = d.resolve(String.format(Locale.ROOT, "part-%03d.parquet", k));
            long from = rows * k / parts;
            long to = rows * (k + 1) / parts;
            if (!Files.exists(f)) copy(c, tradesSql(from, to), f);
            out.add(f);
        }
        return out;
    }

    static Path logs(Connection c, Path dir, long rows) throws Exception {
        Path f = dir.resolve("logs-" + rows + ".parquet");
        if (!Files.exists(f)) copy(c, logsSql(rows), f);
        return f;
    }

    static Path features(Connection c, Path dir, long rows) throws Exception {
        Path f = dir.resolve("features-" + rows + ".parquet");
        if (!Files.exists(f)) copy(c, featuresSql(rows), f);
        return f;
    }
}
