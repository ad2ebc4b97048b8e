package dev.streamingadaptive.lazy;

import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.len;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Aggregates and filters over the parquet-testing corpus files whose columns are flat numbers,
 * decimals and strings, against DuckDB on the same files: count, count of non-nulls, min, max,
 * sum and distinct count per column, and the rows where a column is not null.
 */
class CorpusQueryTest {
    static final List<String> FILES = List.of("alltypes_plain.parquet", "alltypes_plain.snappy.parquet",
            "alltypes_dictionary.parquet", "alltypes_tiny_pages.parquet", "alltypes_tiny_pages_plain.parquet",
            "int32_decimal.parquet", "int64_decimal.parquet", "byte_array_decimal.parquet", "fixed_length_decimal.parquet",
            "delta_binary_packed.parquet", "delta_encoding_optional_column.parquet", "delta_encoding_required_column.parquet",
            "data_index_bloom_encoding_stats.parquet", "int32_with_null_pages.parquet", "nulls.snappy.parquet",
            "byte_stream_split.zstd.parquet", "lz4_raw_compressed.parquet", "datapage_v2.snappy.parquet");

    static Connection duck;

    @BeforeAll
    static void open() throws Exception {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = duck.createStatement()) {
            s.execute("SET TimeZone='UTC'");
        }
    }

    @AfterAll
    static void close() throws Exception {
        duck.close();
    }

    static Path data(String name) {
        for (String root : List.of("../../shared/parquet-testing", "../shared/parquet-testing", "/work/shared/parquet-testing")) {
            Path p = Path.of(root, "data", name);
            if (Files.exists(p)) return p.toAbsolutePath().normalize();
        }
        throw new IllegalStateException("parquet-testing not found for " + name);
    }

    private static boolean numeric(DataType t) {
        return switch (t.kind()) {
            case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, FLOAT32, FLOAT64, DECIMAL -> true;
            default -> false;
        };
    }

    @Test
    void columnAggregatesMatchDuckDb() throws Exception {
        int compared = 0;
        int fromFooters = 0;
        for (String name : FILES) {
            Path f = data(name);
            LazyFrame lf = LazyFrame.scanParquet(f.toString()).withThreads(2);
            for (Field field : lf.schema().fields()) {
                DataType t = field.type();
                boolean string = t.kind() == DataType.Kind.STRING;
                if (!numeric(t) && !string) continue;
                String c = field.name();
                String q = "\"" + c.replace("\"", "\"\"") + "\"";
                List<Expr> aggs = new ArrayList<>(List.of(len().alias("n"), col(c).count().alias("nn"),
                        col(c).min().alias("lo"), col(c).max().alias("hi"), col(c).nUnique().alias("u")));
                String sql = "SELECT count(*), count(" + q + "), min(" + q + "), max(" + q + "), count(DISTINCT " + q + ")";
                if (numeric(t)) {
                    // 64-bit sums may overflow (an error by design, where DuckDB widens to HUGEINT): sum those as decimals.
                    Expr in = t.kind() == DataType.Kind.INT64 ? col(c).cast(new DataType.Decimal(38, 0)) : col(c);
                    aggs.add(in.sum().alias("s"));
                    sql += ", sum(" + q + ")";
                }
                DataFrame ours = lf.agg(aggs.toArray(Expr[]::new)).collect();
                String what = name + " column " + c + " (" + t + ")";
                try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(sql + " FROM '" + f + "'")) {
                    rs.next();
                    for (int i = 0; i < aggs.size(); i++) {
                        assertEquals(norm(rs.getObject(i + 1)), norm(ours.column(i).get(0)), what + ": " + aggs.get(i));
                    }
                }
                // min/max alone are answered from the statistics when every row group has exact ones (nothing scanned).
                QueryProfile bounds = lf.agg(col(c).min().alias("lo"), col(c).max().alias("hi")).profile();
                try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery("SELECT min(" + q + "), max(" + q + ") FROM '" + f + "'")) {
                    rs.next();
                    assertEquals(norm(rs.getObject(1)), norm(bounds.result().column(0).get(0)), what + ": min alone");
                    assertEquals(norm(rs.getObject(2)), norm(bounds.result().column(1).get(0)), what + ": max alone");
                }
                if (bounds.filesRead() == 0) fromFooters++;
                long notNull = lf.filter(col(c).isNotNull()).select(col(c)).collect().height();
                assertEquals(((Number) ours.column("nn").get(0)).longValue(), notNull, what + ": rows where not null");
                compared++;
            }
        }
        assertTrue(compared >= 150, "columns compared: " + compared);
        System.out.println("min/max answered from footers for " + fromFooters + " of " + compared + " columns");
        assertTrue(fromFooters >= 20, "min/max answered from footers: " + fromFooters + " of " + compared);
    }

    /** Values as text both sides agree on: integers exact, decimals exact, floating values to 12 significant digits. */
    private static String norm(Object v) {
        if (v == null) return "null";
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) return Double.toString(d);
            return new BigDecimal(d).round(new MathContext(12)).stripTrailingZeros().toPlainString();
        }
        if (v instanceof BigDecimal b) return b.stripTrailingZeros().toPlainString();
        if (v instanceof java.math.BigInteger b) return b.toString();
        if (v instanceof Number n) return Long.toString(n.longValue());
        if (v instanceof byte[] b) return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        return v.toString();
    }
}
