package dev.streamingadaptive.lazy;

import dev.streamingadaptive.expr.ExprTypeException;
import dev.streamingadaptive.expr.SortKey;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.memory.MemoryManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.len;
import static dev.streamingadaptive.expr.Expr.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LazyFrame pipelines against DuckDB on the same generated file: same rows (in order where the
 * query defines one, as sets otherwise), and the pushdown really happened (columns, row groups
 * and rows decoded), not only the answer.
 */
class LazyFrameTest {
    @TempDir
    static Path dir;
    static Path file;
    static Connection duck;

    @BeforeAll
    static void write() throws Exception {
        file = dir.resolve("trades.parquet");
        duck = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = duck.createStatement()) {
            s.execute("SET threads=1");
            s.execute("COPY (SELECT i AS trade_id, "
                    + "CASE WHEN i % 101 = 0 THEN NULL ELSE ['AAPL','MSFT','GOOG','Zürich','東京'][1 + i % 5] END AS symbol, "
                    + "CASE WHEN i % 37 = 0 THEN NULL ELSE round(100 + (i % 1000) * 0.25, 2)::DOUBLE END AS price, "
                    + "(i % 2000000000 + 2000000000)::INTEGER AS size, "
                    + "(DATE '2024-01-01' + (i % 400)::INTEGER) AS day "
                    + "FROM range(200000) t(i)) TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 20000)");
        }
    }

    @AfterAll
    static void close() throws Exception {
        duck.close();
    }

    private static LazyFrame scan() {
        return LazyFrame.scanParquet(file.toString()).withThreads(2);
    }

    @Test
    void groupByMeanSumCountMatchesDuckDb() throws Exception {
        DataFrame ours = scan().groupBy("symbol")
                .agg(col("price").mean().alias("avg_price"), col("size").sum().alias("total_size"), len().alias("n"))
                .collect();
        assertSameRows("SELECT symbol, avg(price), sum(size), count(*) FROM '" + file + "' GROUP BY symbol", ours, false);
        // int32 sizes whose sum overflows int32 many times over: widened, exact.
        assertEquals(List.of("symbol", "avg_price", "total_size", "n"), ours.schema().names());
    }

    @Test
    void filterSelectSortLimitMatchesDuckDbInOrder() throws Exception {
        DataFrame ours = scan().filter(col("price").gt(lit(300)).and(col("symbol").neq(lit("MSFT"))))
                .select(col("trade_id"), col("price").mul(lit(2)).alias("double_price"), col("symbol"))
                .sort(SortKey.desc("double_price"), SortKey.asc("trade_id"))
                .limit(50)
                .collect();
        assertSameRows("SELECT trade_id, price * 2, symbol FROM '" + file + "' WHERE price > 300 AND symbol <> 'MSFT' "
                + "ORDER BY 2 DESC, trade_id LIMIT 50", ours, true);
    }

    @Test
    void globalAggregatesMatchDuckDb() throws Exception {
        DataFrame ours = scan().filter(col("day").gtEq(lit(java.time.LocalDate.of(2024, 6, 1))))
                .agg(col("price").sum(), col("size").sum().alias("s"), col("price").min().alias("lo"),
                        col("price").max().alias("hi"), col("symbol").nUnique().alias("u"), col("price").count().alias("c"))
                .collect();
        assertSameRows("SELECT sum(price), sum(size), min(price), max(price), count(DISTINCT symbol), count(price) FROM '" + file
                + "' WHERE day >= DATE '2024-06-01'", ours, true);
    }

    @Test
    void headReadsOneRowGroupAndOnlyItsColumns() {
        LazyFrame q = scan().select("trade_id", "symbol").head(10);
        String plan = q.explain();
        assertTrue(plan.contains("columns: 2/5 [trade_id, symbol]"), plan);
        assertTrue(plan.contains("limit: 10 rows"), plan);
        QueryProfile p = q.withThreads(1).profile();
        assertEquals(10, p.result().height());
        assertEquals(0L, p.result().column("trade_id").get(0));
        int groups;
        try (var r = dev.streamingadaptive.reader.MmapParquetReader.open(file)) {
            groups = r.numRowGroups();
        }
        assertTrue(groups >= 5, groups + " row groups");
        // The scan stops at the limit: at most the units already started when the first batch was out.
        assertTrue(p.scanStatistics().rowGroupsRead() <= 2, "row groups read: " + p.scanStatistics().describe());
        assertTrue(p.scanStatistics().rowsDecoded() <= 2 * 200_000 / groups + 2048, p.scanStatistics().describe());
    }

    @Test
    void filterOnSortedColumnPrunesRowGroups() throws Exception {
        LazyFrame q = scan().filter(col("trade_id").isBetween(lit(50_000L), lit(50_999L))).select("trade_id", "price");
        String plan = q.explain();
        assertTrue(plan.contains("pushed filter"), plan);
        QueryProfile p = q.profile();
        assertEquals(1, p.scanStatistics().rowGroupsRead(), p.scanStatistics().describe());
        assertSameRows("SELECT trade_id, price FROM '" + file + "' WHERE trade_id BETWEEN 50000 AND 50999", p.result(), true);
    }

    @Test
    void residualFilterIsEvaluatedInTheScan() throws Exception {
        LazyFrame q = scan().filter(col("price").mul(lit(2)).gt(col("trade_id").mod(lit(700))));
        assertTrue(q.explain().contains("filter evaluated in the scan"), q.explain());
        DataFrame ours = q.select("trade_id").collect();
        assertSameRows("SELECT trade_id FROM '" + file + "' WHERE price * 2 > trade_id % 700", ours, true);
    }

    @Test
    void countOfWholeDatasetComesFromFooters() {
        LazyFrame q = scan().agg(len());
        assertTrue(q.explain().contains("AGGREGATE FROM FOOTERS: len"), q.explain());
        QueryProfile p = q.profile();
        assertEquals(200_000L, p.result().column("len").get(0));
        assertEquals(0, p.scanStatistics().rowsDecoded());
        assertEquals(0, p.filesRead(), "no file read");
        assertEquals(1, p.filesTotal());
        assertTrue(p.scanStatistics().describe().startsWith("row groups read: 0/10,"), p.scanStatistics().describe());
    }

    /**
     * min/max of whole columns come from exact statistics, typed like the column, equal to DuckDB's,
     * including a row group where the column is all null, a column null everywhere and multi-byte
     * strings (DuckDB marks its string bounds exact); a floating
     * column (NaN is left out of its bounds) and a filtered query are scanned instead.
     */
    @Test
    void minAndMaxOfWholeColumnsComeFromStatistics() throws Exception {
        Path f = dir.resolve("bounds.parquet");
        try (Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT i, CASE WHEN i BETWEEN 1000 AND 1999 THEN NULL ELSE (i * 7919) % 100003 - 50000 END::BIGINT AS big, "
                    + "(i % 200 - 100)::TINYINT AS tiny, (i * 13 % 65000)::USMALLINT AS us, "
                    + "DATE '1969-12-25' + (i * 17 % 900)::INTEGER AS d, "
                    + "TIMESTAMP '2024-02-29 23:59:59.123456' - INTERVAL (i * 7 % 100000) SECOND AS ts, "
                    + "TIMESTAMP_NS '2200-04-11 23:47:16.854775807' - INTERVAL (i % 1000) MICROSECOND AS tsn, "
                    + "(((i * 31 % 20001) - 10000) / 1000)::DECIMAL(18,3) AS dec18, "
                    + "(((i * 37 % 200001) - 100000) / 7)::DECIMAL(38,10) AS dec38, i % 3 = 0 AS flag, "
                    + "CASE WHEN i % 5 = 0 THEN NULL ELSE ['Zürich','東京','a','AAPL'][1 + i % 4] || (i % 97)::VARCHAR END AS str, "
                    + "NULL::INTEGER AS nothing, CASE WHEN i % 11 = 0 THEN 'NaN'::DOUBLE ELSE i * 0.5 END AS dbl "
                    + "FROM range(5000) t(i)) TO '" + f + "' (FORMAT parquet, ROW_GROUP_SIZE 1000)");
        }
        LazyFrame lf = LazyFrame.scanParquet(f.toString()).withThreads(2);
        for (String c : List.of("big", "tiny", "us", "d", "ts", "tsn", "dec18", "dec38", "flag", "str", "nothing")) {
            LazyFrame q = lf.agg(col(c).min().alias("lo"), col(c).max().alias("hi"), len());
            assertTrue(q.explain().contains("AGGREGATE FROM FOOTERS"), q.explain());
            QueryProfile p = q.profile();
            assertEquals(0, p.filesRead(), c + ": answered without reading the file");
            assertEquals(lf.schema().field(c).type(), p.result().schema().field("lo").type(), c);
            assertSameRows("SELECT min(" + c + "), max(" + c + "), count(*) FROM '" + f + "'", p.result(), true);
        }
        QueryProfile dbl = lf.agg(col("dbl").min(), col("dbl").max().alias("hi")).profile();
        assertEquals(1, dbl.filesRead(), "a floating column is scanned");
        assertTrue(Double.isNaN((Double) dbl.result().column("hi").get(0)), "NaN is the max, as in DuckDB");
        assertSameRows("SELECT min(dbl) FROM '" + f + "'", dbl.result().select("dbl"), true);
        QueryProfile filtered = lf.filter(col("i").gt(lit(10))).agg(col("big").max()).profile();
        assertTrue(filtered.filesRead() == 1 && !filtered.plan().contains("FROM FOOTERS"), filtered.plan());
        assertSameRows("SELECT max(big) FROM '" + f + "' WHERE i > 10", filtered.result(), true);
    }

    @Test
    void withColumnsUniqueAndStreamMatchDuckDb() throws Exception {
        LazyFrame q = scan().withColumns(col("size").sub(lit(2_000_000_000)).alias("small"), col("day").month().alias("m"))
                .select("symbol", "m").unique();
        assertSameRows("SELECT DISTINCT symbol, month(day) FROM '" + file + "'", q.collect(), false);
        long rows = 0;
        try (Stream<DataFrame> s = scan().filter(col("symbol").eq(lit("東京"))).stream()) {
            for (DataFrame df : (Iterable<DataFrame>) s::iterator) rows += df.height();
        }
        assertEquals(duckLong("SELECT count(*) FROM '" + file + "' WHERE symbol = '東京'"), rows);
    }

    @Test
    void whereTextFiltersAsTheCliDoes() throws Exception {
        DataFrame ours = scan().filter("symbol = 'AAPL' and price >= 300.5").select("trade_id").collect();
        assertSameRows("SELECT trade_id FROM '" + file + "' WHERE symbol = 'AAPL' AND price >= 300.5", ours, true);
    }

    @Test
    void errorsNameTheColumnAndTheColumnsThereAre() {
        ExprTypeException e = assertThrows(ExprTypeException.class, () -> scan().filter(col("prise").gt(lit(1))));
        assertTrue(e.getMessage().contains("prise") && e.getMessage().contains("price"), e.getMessage());
        assertThrows(ExprTypeException.class, () -> scan().select(col("price").sum()));
        assertThrows(ExprTypeException.class, () -> scan().groupBy("symbol").agg(col("symbol").mean()));
    }

    @Test
    void groupByOverBudgetFailsNamingTheOperator() {
        MemoryBudgetExceededException e = assertThrows(MemoryBudgetExceededException.class,
                () -> scan().withMemoryManager(MemoryManager.fixed(2L << 20)).withoutSpilling().groupBy("trade_id").agg(col("price").sum())
                        .collect());
        assertTrue(e.getMessage().contains("group-by") && e.getMessage().contains("spilling is off"), e.getMessage());
    }

    @Test
    void eagerDataFrameMethodsRunTheSameEngine() throws Exception {
        DataFrame df = scan().select("symbol", "price").collect();
        DataFrame sums = df.filter(col("price").lt(lit(150))).groupBy("symbol").agg(col("price").sum().alias("s"));
        assertSameRows("SELECT symbol, sum(price) FROM '" + file + "' WHERE price < 150 GROUP BY symbol", sums, false);
    }

    // ---- comparison helpers ----------------------------------------------------------------

    private static long duckLong(String sql) throws Exception {
        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void assertSameRows(String sql, DataFrame ours, boolean ordered) throws Exception {
        DuckDbRows.assertSame(duck, sql, ours, ordered);
    }

    /**
     * Where memory is tight a worker's hash table takes a batch in morsels of 65,536 rows; FIRST and
     * LAST still follow row order across the morsels of one batch (a 300,000-row frame is one batch of
     * five morsels).
     */
    @Test
    void firstAndLastFollowRowOrderAcrossTheMorselsOfABatch() {
        int n = 300_000;
        long[] k = new long[n];
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            k[i] = i % 3;
            v[i] = i;
        }
        DataFrame df = new DataFrame(List.of(new dev.streamingadaptive.frame.LongColumn("k", k, n, null),
                new dev.streamingadaptive.frame.LongColumn("v", v, n, null)), n);
        // A small budget: the workers' scratch for whole batches would not fit, so the batch goes in morsels.
        DataFrame g = LazyFrame.of(df).withThreads(2).withMemoryManager(MemoryManager.fixed(8 << 20)).groupBy("k")
                .agg(col("v").first().alias("f"), col("v").last().alias("l"), len().alias("n")).sort("k").collect();
        assertEquals(3, g.height());
        for (int key = 0; key < 3; key++) {
            assertEquals((long) key, g.column("f").get(key), "first of " + key);
            assertEquals((long) (n - 3 + key), g.column("l").get(key), "last of " + key);
            assertEquals((long) n / 3, g.column("n").get(key));
        }
    }

    /**
     * withStatistics: the query's scans count into the given statistics while they run (a progress
     * display polls it): midway through a stream some but not all rows are counted; at the end every
     * planned row group, every row and the compressed bytes of the columns read.
     */
    @Test
    void liveStatisticsShowProgressWhileAStreamRuns() {
        dev.streamingadaptive.reader.ScanStatistics live = new dev.streamingadaptive.reader.ScanStatistics();
        // A small budget keeps batches to a few row groups (with plenty of memory one batch holds them all).
        try (Stream<DataFrame> s = LazyFrame.scanParquet(file.toString()).withThreads(1).withMemoryManager(MemoryManager.fixed(1 << 20))
                .withStatistics(live).select("trade_id", "price").stream()) {
            var it = s.iterator();
            it.next();
            assertEquals(10, live.rowGroupsPlanned());
            assertTrue(live.rowsDecoded() > 0 && live.rowsDecoded() < 200_000, "midway: " + live.rowsDecoded());
            it.forEachRemaining(b -> { });
        }
        assertEquals(10, live.rowGroupsPlanned());
        assertEquals(10, live.rowGroupsTotal());
        assertEquals(200_000, live.rowsDecoded());
        assertTrue(live.bytesRead() > 0, "bytes read");
        // Only the two columns' chunks are counted: less than the whole file.
        assertTrue(live.bytesRead() < file.toFile().length(), live.bytesRead() + " of " + file.toFile().length());
    }

    /**
     * sort + head is a top-k: explain says so, a filter above it stays above it, and across rounds (the
     * 200,000 rows arrive in several batches) ties keep file order, as a stable sort does.
     */
    @Test
    void sortThenHeadIsATopKThatKeepsTiesInFileOrder() throws Exception {
        LazyFrame q = scan().sort(SortKey.asc("symbol").nullsFirst()).head(500).select("trade_id", "symbol");
        assertTrue(q.explain().contains("SORT BY symbol ASC NULLS FIRST (TOP 500)"), q.explain());
        assertSameRows("SELECT trade_id, symbol FROM '" + file + "' ORDER BY symbol ASC NULLS FIRST, trade_id LIMIT 500", q.collect(), true);
        DataFrame byPrice = scan().sort(SortKey.desc("price").nullsLast(), SortKey.asc("trade_id")).slice(150_000, 20).select("trade_id", "price")
                .collect();
        assertSameRows("SELECT trade_id, price FROM '" + file + "' ORDER BY price DESC NULLS LAST, trade_id LIMIT 20 OFFSET 150000", byPrice, true);
        LazyFrame filtered = scan().sort(SortKey.asc("trade_id")).head(100).filter(col("size").gt(lit(2_000_000_050)));
        assertTrue(filtered.explain().startsWith("FILTER") && !filtered.explain().contains("pushed filter"), filtered.explain());
        assertSameRows("SELECT * FROM (SELECT * FROM '" + file + "' ORDER BY trade_id LIMIT 100) WHERE size > 2000000050", filtered.collect(), true);
    }

}
