package dev.streamingadaptive.lazy;

import dev.streamingadaptive.frame.DataFrame;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Compares a frame with what DuckDB returns for a query, row by row, values as text both agree on. */
public final class DuckDbRows {
    private DuckDbRows() {}

    /** The rows of {@code ours} equal DuckDB's answer to {@code sql} (in order, or as multisets). */
    public static void assertSame(Connection duck, String sql, DataFrame ours, boolean ordered) throws Exception {
        assertSame(duck, sql, ours, ordered, DuckDbRows::norm);
    }

    /** {@link #assertSame(Connection, String, DataFrame, boolean)} with values rendered by {@code norm} on both sides. */
    public static void assertSame(Connection duck, String sql, DataFrame ours, boolean ordered,
                                  java.util.function.Function<Object, String> norm) throws Exception {
        List<String> expected = new ArrayList<>();
        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int c = 1; c <= n; c++) sb.append(c > 1 ? " | " : "").append(norm.apply(rs.getObject(c)));
                expected.add(sb.toString());
            }
        }
        List<String> actual = new ArrayList<>();
        for (int r = 0; r < ours.height(); r++) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < ours.width(); c++) sb.append(c > 0 ? " | " : "").append(norm.apply(ours.column(c).get(r)));
            actual.add(sb.toString());
        }
        if (!ordered) {
            expected.sort(null);
            actual.sort(null);
        }
        assertEquals(expected.size(), actual.size(), "row count of " + sql);
        assertEquals(expected, actual, sql);
    }

    /** Integers and decimals exact, floating values to 10 significant digits, temporal values as ISO text. */
    public static String norm(Object v) {
        if (v == null) return "null";
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) return Double.toString(d);
            if (d == 0) return "0";
            return new BigDecimal(d).round(new MathContext(10)).stripTrailingZeros().toPlainString();
        }
        if (v instanceof BigDecimal b) return b.stripTrailingZeros().toPlainString();
        if (v instanceof java.math.BigInteger b) return b.toString();
        if (v instanceof Number n) return Long.toString(n.longValue());
        if (v instanceof java.sql.Timestamp t) return t.toLocalDateTime().toString();
        if (v instanceof java.time.OffsetDateTime t) return t.toLocalDateTime().toString();
        if (v instanceof java.sql.Date d) return d.toLocalDate().toString();
        return v.toString();
    }
}
