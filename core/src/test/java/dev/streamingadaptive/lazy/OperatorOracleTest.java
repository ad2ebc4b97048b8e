package dev.streamingadaptive.lazy;

import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.expr.SortKey;
import dev.streamingadaptive.frame.DataFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.len;
import static dev.streamingadaptive.expr.Expr.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The engine's operators against DuckDB on a DuckDB-written file with nulls, NaN, infinities, integer
 * extremes, decimals, timestamps and multi-byte strings, several row groups: multi-key sorts with
 * nulls first or last, slices, unique rows (nulls and NaN equal to themselves, as in DuckDB's
 * DISTINCT), concatenation, and group-bys on several keys (null, NaN and decimal keys included) with
 * every aggregation. Same rows, same order where the query defines one.
 */
class OperatorOracleTest {
    @TempDir static Path dir;
    static Path file;
    static Path other;
    static Connection duck;

    @BeforeAll
    static void write() throws Exception {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        file = dir.resolve("ops.parquet");
        other = dir.resolve("ops2.parquet");
        try (Statement s = duck.createStatement()) {
            s.execute("SET TimeZone='UTC'");
            s.execute("SET threads=1");
            s.execute("SET preserve_insertion_order=true");
            String select = "SELECT i AS id, "
                    + "CASE WHEN i % 7 = 0 THEN NULL ELSE ['ä','b','Zürich','東京','a b',''][1 + (i * 5) % 6] END AS s, "
                    + "CASE WHEN i % 11 = 0 THEN NULL WHEN i % 13 = 0 THEN 'NaN'::DOUBLE WHEN i % 17 = 0 THEN 'Infinity'::DOUBLE "
                    + "     WHEN i % 19 = 0 THEN '-Infinity'::DOUBLE ELSE ((i * 37) % 101) / 4.0 END AS d, "
                    + "CASE WHEN i % 5 = 0 THEN NULL WHEN i % 23 = 0 THEN 9223372036854775807 WHEN i % 29 = 0 THEN -9223372036854775808 "
                    + "     ELSE (i * 7) % 9 - 4 END::BIGINT AS big, "
                    + "((i * 3) % 40 - 20)::DECIMAL(9,2) / 4 AS dec, "
                    + "CASE WHEN i % 9 = 0 THEN NULL ELSE TIMESTAMP '2024-02-29 12:00:00' + INTERVAL ((i * 13) % 50) HOUR END AS ts, "
                    + "(i % 4 = 0) AS flag, (i % 3)::INTEGER AS k3, "
                    // Wide decimals, negative too; past row 2500 some do not fit a long.
                    + "CASE WHEN i % 37 = 0 THEN NULL WHEN i >= 2500 AND i % 31 = 0 "
                    + "     THEN (CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END) * 123456789012345678901234.56 "
                    + "     ELSE ((i * 7919) % 2001 - 1000) * 1234567.89 END::DECIMAL(38,2) AS wide ";
            s.execute("COPY (" + select + "FROM range(3000) t(i)) TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 700)");
            s.execute("COPY (" + select + "FROM range(3000, 3500) t(i)) TO '" + other + "' (FORMAT parquet, ROW_GROUP_SIZE 200)");
        }
    }

    @AfterAll
    static void close() throws Exception {
        duck.close();
    }

    private static LazyFrame scan() {
        return LazyFrame.scanParquet(file.toString()).withThreads(2);
    }

    private static String from() {
        return " FROM '" + file + "'";
    }

    @Test
    void multiKeySortsWithNullsFirstAndLast() throws Exception {
        DataFrame ours = scan().sort(SortKey.asc("s").nullsFirst(), SortKey.desc("d").nullsLast(), SortKey.asc("ts").nullsLast(),
                SortKey.asc("id")).select("s", "d", "ts", "id").collect();
        same("SELECT s, d, ts, id" + from() + " ORDER BY s ASC NULLS FIRST, d DESC NULLS LAST, ts ASC NULLS LAST, id", ours, true);
        DataFrame byBig = scan().sort(SortKey.desc("big").nullsFirst(), SortKey.asc("dec").nullsLast(), SortKey.desc("id"))
                .select("big", "dec", "id").collect();
        same("SELECT big, dec, id" + from() + " ORDER BY big DESC NULLS FIRST, dec ASC NULLS LAST, id DESC", byBig, true);
        DataFrame byExpr = scan().sort(SortKey.asc(col("d").abs()).nullsLast(), SortKey.asc("id")).select(col("id")).collect();
        same("SELECT id" + from() + " ORDER BY abs(d) ASC NULLS LAST, id", byExpr, true);
    }

    /**
     * Decimals of more than 18 digits come as a file's fixed 16 bytes, as the shortest bytes of a computed value, as
     * longs (a product or a sum that fits) or as a sum's 16 bytes: each sorts by value, negatives first.
     */
    @Test
    void wideDecimalsSortByValue() throws Exception {
        same("SELECT id, wide" + from() + " ORDER BY wide ASC NULLS LAST, id",
                scan().sort(SortKey.asc("wide").nullsLast(), SortKey.asc("id")).select("id", "wide").collect(), true);
        same("SELECT id, wide * -3 AS w3" + from() + " ORDER BY w3 DESC NULLS FIRST, id",
                scan().select(col("id"), col("wide").mul(lit(-3)).alias("w3"))
                        .sort(SortKey.desc("w3").nullsFirst(), SortKey.asc("id")).collect(), true);
        same("SELECT id % 50 AS g, sum(wide) AS total" + from() + " GROUP BY g ORDER BY total, g",
                scan().groupBy(col("id").mod(lit(50)).alias("g")).agg(col("wide").sum().alias("total"))
                        .sort(SortKey.asc("total"), SortKey.asc("g")).collect(), true);
        same("SELECT id % 50 AS g, sum(wide) AS total" + from() + " WHERE id < 2000 GROUP BY g HAVING sum(wide) > -5000000000 ORDER BY total DESC, g",
                scan().filter(col("id").lt(lit(2000))).groupBy(col("id").mod(lit(50)).alias("g")).agg(col("wide").sum().alias("total"))
                        .filter(col("total").gt(lit(new java.math.BigDecimal("-5000000000"))))
                        .sort(SortKey.desc("total"), SortKey.asc("g")).collect(), true);
    }

    @Test
    void slicesAfterASortAndInFileOrder() throws Exception {
        DataFrame sorted = scan().sort(SortKey.asc("d").nullsLast(), SortKey.asc("id")).slice(1234, 100).select("id", "d").collect();
        same("SELECT id, d" + from() + " ORDER BY d ASC NULLS LAST, id LIMIT 100 OFFSET 1234", sorted, true);
        DataFrame plain = scan().slice(695, 10).select("id", "s").collect();
        same("SELECT id, s" + from() + " LIMIT 10 OFFSET 695", plain, true);
        DataFrame filtered = scan().filter(col("flag")).head(7).select("id").collect();
        same("SELECT id" + from() + " WHERE flag LIMIT 7", filtered, true);
        same("SELECT id" + from() + " LIMIT 0 OFFSET 10", scan().slice(5000, 10).select("id").collect(), true);
    }

    @Test
    void uniqueRowsTreatNullAndNaNAsValues() throws Exception {
        same("SELECT DISTINCT s, flag" + from(), scan().select("s", "flag").unique().collect(), false);
        same("SELECT DISTINCT d" + from(), scan().select("d").unique().collect(), false);
        same("SELECT DISTINCT big, k3" + from(), scan().select("big", "k3").unique().collect(), false);
        DataFrame subset = scan().unique("k3", "flag").select("k3", "flag").collect();
        same("SELECT DISTINCT k3, flag" + from(), subset, false);
    }

    @Test
    void concatenatedScansFilterAndAggregateAsOne() throws Exception {
        LazyFrame both = LazyFrame.concat(scan(), LazyFrame.scanParquet(other.toString()));
        same("SELECT count(*), sum(big::DECIMAL(38,0)), max(id) FROM (SELECT * FROM '" + file + "' UNION ALL SELECT * FROM '" + other
                + "') WHERE id % 3 = 1", both.filter(col("id").mod(lit(3)).eq(lit(1)))
                .agg(len(), col("big").cast(new dev.streamingadaptive.frame.DataType.Decimal(38, 0)).sum(), col("id").max()).collect(), true);
        DataFrame tail = both.slice(2995, 10).select("id").collect();
        same("SELECT id FROM (SELECT * FROM '" + file + "' UNION ALL SELECT * FROM '" + other + "') LIMIT 10 OFFSET 2995", tail, true);
    }

    @Test
    void groupByOnSeveralKeysWithEveryAggregation() throws Exception {
        List<Expr> aggs = List.of(len().alias("n"), col("big").count().alias("c"), col("dec").sum().alias("sd"), col("d").mean().alias("md"),
                col("dec").min().alias("lo"), col("ts").max().alias("hi"), col("s").nUnique().alias("u"),
                col("dec").std().alias("sdv"), col("dec").var().alias("vr"), col("dec").median().alias("med"),
                col("k3").quantile(0.25).alias("q"));
        String sql = "count(*), count(big), sum(dec), avg(d), min(dec), max(ts), count(DISTINCT s), stddev_samp(dec), var_samp(dec), "
                + "median(dec), quantile_cont(k3, 0.25)";
        same("SELECT s, flag, " + sql + from() + " GROUP BY s, flag",
                scan().groupBy("s", "flag").agg(aggs.toArray(Expr[]::new)).collect(), false);
        same("SELECT d, " + sql + from() + " GROUP BY d", scan().groupBy("d").agg(aggs.toArray(Expr[]::new)).collect(), false);
        same("SELECT dec, k3, " + sql + from() + " GROUP BY dec, k3", scan().groupBy("dec", "k3").agg(aggs.toArray(Expr[]::new)).collect(),
                false);
        same("SELECT ts::DATE AS day, " + sql + from() + " GROUP BY day",
                scan().groupBy(col("ts").cast(dev.streamingadaptive.frame.DataType.DATE).alias("day")).agg(aggs.toArray(Expr[]::new)).collect(),
                false);
        // FIRST and LAST follow file order.
        same("SELECT k3, first(id), last(s), first(d)" + from() + " GROUP BY k3",
                scan().groupBy("k3").agg(col("id").first(), col("s").last(), col("d").first().alias("fd")).collect(), false);
    }

    private static void same(String sql, DataFrame ours, boolean ordered) throws Exception {
        DuckDbRows.assertSame(duck, sql, ours, ordered);
    }
}
