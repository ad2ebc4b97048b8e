package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.memory.FixedChunkStrategy;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.reader.AdaptiveStreamingReader;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** DuckDB on one side, HashAggregation over our reader's batches on the other, compared group by group. */
final class AggTestSupport {
    private AggTestSupport() {}

    /** One aggregate: our spec over input column {@code column} (null for LEN), and the DuckDB expression for it. */
    record Agg(AggFunction function, String column, String duckSql, double quantile) {
        static Agg of(AggFunction f, String column, String duckSql) { return new Agg(f, column, duckSql, Double.NaN); }
    }

    static Connection duck() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = c.createStatement()) {
            s.execute("SET TimeZone='UTC'");
            s.execute("SET threads=1");
        }
        return c;
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Writes {@code select} to {@code file} as Parquet with small row groups (so several dictionaries occur). */
    static Path write(Connection c, Path file, String select, int rowGroupSize) throws SQLException {
        exec(c, "COPY (" + select + ") TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE " + rowGroupSize + ")");
        return file;
    }

    static List<DataFrame> batches(Path file, int batchRows) {
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(file).withChunkStrategy(new FixedChunkStrategy(batchRows))) {
            return r.stream().toList();
        }
    }

    static List<AggSpec> specs(DataFrame schemaSource, List<Agg> aggs) {
        List<AggSpec> specs = new ArrayList<>();
        for (int i = 0; i < aggs.size(); i++) {
            Agg a = aggs.get(i);
            String name = "a" + i;
            specs.add(a.column == null ? AggSpec.len(name)
                    : new AggSpec(a.function, name, schemaSource.schema().field(a.column).type(), a.quantile));
        }
        return specs;
    }

    static List<Field> keyFields(DataFrame schemaSource, List<String> keys) {
        List<Field> f = new ArrayList<>();
        for (String k : keys) f.add(schemaSource.schema().field(k));
        return f;
    }

    /** Feeds {@code batches[i]} with sequence {@code seqs[i]} into a new aggregation. */
    static HashAggregation feed(List<DataFrame> batches, List<Integer> order, List<String> keys, List<Agg> aggs, MemoryManager mm) {
        DataFrame first = batches.get(0);
        HashAggregation h = new HashAggregation(keyFields(first, keys), specs(first, aggs), mm, "group-by " + keys);
        for (int i : order) {
            DataFrame b = batches.get(i);
            List<Column> k = new ArrayList<>();
            for (String key : keys) k.add(b.column(key));
            List<Column> in = new ArrayList<>();
            for (Agg a : aggs) in.add(a.column == null ? null : b.column(a.column));
            h.add(k, in, b.height(), i);
        }
        return h;
    }

    static List<Integer> range(int n) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) l.add(i);
        return l;
    }

    static boolean anyDictionary(List<DataFrame> batches) {
        for (DataFrame b : batches) for (Column c : b.columns()) if (c instanceof DictionaryColumn) return true;
        return false;
    }

    /** The DuckDB query of the same aggregation over the file. */
    static String duckQuery(Path file, List<String> keys, List<Agg> aggs, String where) {
        StringBuilder sb = new StringBuilder("SELECT ");
        for (String k : keys) sb.append(keyExpr(k)).append(", ");
        for (int i = 0; i < aggs.size(); i++) sb.append(i > 0 ? ", " : "").append(aggs.get(i).duckSql);
        sb.append(" FROM read_parquet('").append(file).append("')");
        if (where != null) sb.append(" WHERE ").append(where);
        if (!keys.isEmpty()) {
            sb.append(" GROUP BY ");
            for (int i = 0; i < keys.size(); i++) sb.append(i > 0 ? ", " : "").append(i + 1);
        }
        return sb.toString();
    }

    /** Key expressions DuckDB returns in a comparable form (see {@link #canon}). */
    static String keyExpr(String k) {
        return switch (k) {
            case "d" -> "d::VARCHAR";
            case "ts" -> "epoch_us(ts)";
            case "bl" -> "hex(bl)";
            case "u" -> "u::VARCHAR";
            default -> k;
        };
    }

    static Map<List<Object>, List<Object>> duckResult(Connection c, String sql, int keyCount) throws SQLException {
        Map<List<Object>, List<Object>> out = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            while (rs.next()) {
                List<Object> key = new ArrayList<>();
                List<Object> vals = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    Object o = canon(rs.getObject(i));
                    if (i <= keyCount) key.add(keyForm(o));
                    else vals.add(o);
                }
                if (out.put(key, vals) != null) fail("DuckDB returned the group " + key + " twice");
            }
        }
        return out;
    }

    static Map<List<Object>, List<Object>> ourResult(DataFrame df, int keyCount) {
        Map<List<Object>, List<Object>> out = new HashMap<>();
        for (int r = 0; r < df.height(); r++) {
            List<Object> key = new ArrayList<>();
            List<Object> vals = new ArrayList<>();
            for (int i = 0; i < df.width(); i++) {
                Object o = canon(df.column(i).get(r));
                if (i < keyCount) key.add(keyForm(o));
                else vals.add(o);
            }
            if (out.put(key, vals) != null) fail("we returned the group " + key + " twice");
        }
        return out;
    }

    /** Keys compare as strings; a double key's -0.0 is the group of 0.0. */
    static Object keyForm(Object o) {
        if (o instanceof Double d) return "f:" + (d == 0.0 ? 0.0 : d);
        return o;
    }

    /** Exact values as tagged strings, floating values as Double (compared with a tolerance). */
    static Object canon(Object o) {
        return switch (o) {
            case null -> null;
            case Double d -> d;
            case Float f -> (double) f;
            case BigDecimal b -> "n:" + plain(b);
            case Number n -> "n:" + plain(new BigDecimal(n.toString()));
            case byte[] b -> "s:" + HexFormat.of().withUpperCase().formatHex(b);
            case LocalDateTime t -> "n:" + micros(t.toInstant(ZoneOffset.UTC));
            case Instant t -> "n:" + micros(t);
            case java.sql.Timestamp t -> "n:" + micros(t.toInstant());
            case java.time.OffsetDateTime t -> "n:" + micros(t.toInstant());
            case LocalDate d -> "s:" + d;
            case java.sql.Date d -> "s:" + d.toLocalDate();
            case UUID u -> "s:" + u;
            default -> "s:" + o;
        };
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    private static String plain(BigDecimal b) {
        return b.signum() == 0 ? "0" : b.stripTrailingZeros().toPlainString();
    }

    /** Same groups; same values (exact, or relative 1e-9 for doubles; NaN equals NaN). */
    static void assertSame(Map<List<Object>, List<Object>> expected, Map<List<Object>, List<Object>> actual, List<Agg> aggs) {
        assertEquals(expected.keySet(), actual.keySet(), "group sets differ");
        for (var e : expected.entrySet()) {
            List<Object> a = actual.get(e.getKey());
            for (int i = 0; i < e.getValue().size(); i++) {
                Object x = e.getValue().get(i);
                Object y = a.get(i);
                String what = "group " + e.getKey() + ", " + (aggs == null ? "column " + i : aggs.get(i).duckSql) + ": expected " + x + ", got " + y;
                if (x instanceof Double dx && y instanceof Double dy) {
                    if (!close(dx, dy)) fail(what);
                } else if (x == null ? y != null : !x.equals(y)) {
                    fail(what);
                }
            }
        }
    }

    static boolean close(double x, double y) {
        if (Double.isNaN(x) || Double.isNaN(y)) return Double.isNaN(x) && Double.isNaN(y);
        if (Double.isInfinite(x) || Double.isInfinite(y)) return x == y;
        return Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y)) + 1e-12;
    }
}
