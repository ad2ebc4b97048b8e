package dev.streamingadaptive.lazy;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.memory.MemoryManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.len;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Group-bys and distinct whose groups do not fit a small fixed budget: each query is first shown to
 * be refused without spilling (so the spilling path is what answers), then answered with spilling
 * and compared value by value with DuckDB, and the spill folder is empty afterwards.
 */
class SpillingGroupByTest {
    /** Small enough that ~100K groups of a handful of aggregates do not fit, large enough for the scan's batches. */
    private static final long BUDGET = 32L << 20;
    private static final int ROWS = 600_000;

    @TempDir static Path dir;
    static Path file;
    static Path spill;
    static Connection duck;

    @BeforeAll
    static void write() throws Exception {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        file = dir.resolve("groups.parquet");
        spill = dir.resolve("spill");
        try (Statement s = duck.createStatement()) {
            s.execute("SET TimeZone='UTC'");
            s.execute("COPY (SELECT i AS id, (hash(i) % 400000)::BIGINT AS k, "
                    + "CASE WHEN i % 97 = 0 THEN NULL ELSE 'key-' || (hash(i * 3) % 300000) END AS sk, "
                    + "'d' || (i % 50) AS small, "
                    + "DATE '2000-01-01' + (hash(i * 5) % 2000000)::INTEGER AS dk, "
                    + "(i % 1000 - 500)::INTEGER AS v, "
                    + "CASE WHEN i % 13 = 0 THEN NULL ELSE ((i * 37) % 1001) / 8.0 END::DOUBLE AS d, "
                    + "((i % 20000) - 10000)::DECIMAL(18,2) AS dec, "
                    + "(i * 1234567.8912)::DECIMAL(38,4) AS wide, "
                    + "CASE WHEN i % 11 = 0 THEN NULL ELSE 'v' || (i % 777) END AS s, "
                    // A float key with NaN, -0.0 and 0.0 (one group), nulls, and ~200K other values.
                    + "CASE i % 9 WHEN 0 THEN 'NaN'::DOUBLE WHEN 1 THEN -0.0::DOUBLE WHEN 2 THEN 0.0::DOUBLE WHEN 3 THEN NULL "
                    + "     ELSE (hash(i * 11) % 200000) / 4.0 END AS fk, "
                    + "DATE '2020-01-01' + (i % 3000)::INTEGER AS dt, "
                    // One group per row but the first and the last, whose sum overflows: pieces of that group meet (and
                    // fail) when the spilled partitions are merged.
                    + "CASE WHEN i = 0 OR i = " + (ROWS - 1) + " THEN -1 ELSE i END AS ko, "
                    + "CASE WHEN i = 0 OR i = " + (ROWS - 1) + " THEN 4611686018427387904 ELSE 1 END::BIGINT AS big "
                    + "FROM range(" + ROWS + ") t(i)) TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 100000)");
        }
    }

    @AfterAll
    static void close() throws Exception {
        duck.close();
    }

    private static LazyFrame scan() {
        return LazyFrame.scanParquet(file.toString()).withThreads(2).withMemoryManager(MemoryManager.fixed(BUDGET))
                .withSpillDirectory(spill);
    }

    private static String from() {
        return " FROM '" + file + "'";
    }

    /** Refused without spilling, equal to DuckDB's rows with it, and nothing left in the spill folder. */
    private static void spills(Function<LazyFrame, LazyFrame> query, String sql) throws Exception {
        MemoryBudgetExceededException refused = assertThrows(MemoryBudgetExceededException.class,
                () -> query.apply(scan().withoutSpilling()).collect());
        assertTrue(refused.getMessage().contains("spilling is off"), refused.getMessage());
        assertSameRows(sql, streamed(query.apply(scan())));
        assertSpillFolderEmpty();
    }

    /** The result through stream(): a collect() of it would itself be refused, holding more than half the small budget. */
    static DataFrame streamed(LazyFrame query) {
        try (Stream<DataFrame> batches = query.stream()) {
            List<DataFrame> all = batches.toList();
            return dev.streamingadaptive.scan.Frames.concat(all, query.schema());
        }
    }

    /** {@link DuckDbRows#assertSame} (as multisets), reporting only the first differing rows of large results. */
    static void assertSameRows(String sql, DataFrame ours) throws Exception {
        List<String> expected = new java.util.ArrayList<>();
        try (Statement s = duck.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int c = 1; c <= n; c++) sb.append(c > 1 ? " | " : "").append(DuckDbRows.norm(rs.getObject(c)));
                expected.add(sb.toString());
            }
        }
        List<String> actual = new java.util.ArrayList<>();
        for (int r = 0; r < ours.height(); r++) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < ours.width(); c++) sb.append(c > 0 ? " | " : "").append(DuckDbRows.norm(ours.column(c).get(r)));
            actual.add(sb.toString());
        }
        expected.sort(null);
        actual.sort(null);
        assertEquals(expected.size(), actual.size(), "row count of " + sql);
        List<String> differ = new java.util.ArrayList<>();
        for (int i = 0; i < expected.size() && differ.size() < 5; i++) {
            if (!sameRow(expected.get(i), actual.get(i))) differ.add("DuckDB " + expected.get(i) + " ours " + actual.get(i));
        }
        assertEquals(List.of(), differ, sql);
    }

    /**
     * Rows sort by their leading key columns (never floating), so equal results align; floating values
     * may differ in the last bit (Welford's variance against DuckDB's), which 10 printed digits can round
     * either way: compared to a relative 1e-9.
     */
    private static boolean sameRow(String duckRow, String ourRow) {
        if (duckRow.equals(ourRow)) return true;
        String[] a = duckRow.split(" \\| ", -1);
        String[] b = ourRow.split(" \\| ", -1);
        if (a.length != b.length) return false;
        for (int i = 0; i < a.length; i++) {
            if (a[i].equals(b[i])) continue;
            try {
                double x = Double.parseDouble(a[i]);
                double y = Double.parseDouble(b[i]);
                if (Math.abs(x - y) > 1e-9 * Math.max(Math.abs(x), Math.abs(y))) return false;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    static void assertSpillFolderEmpty() throws Exception {
        if (!Files.exists(spill)) return;
        try (Stream<Path> all = Files.walk(spill)) {
            List<Path> left = all.filter(p -> !p.equals(spill)).toList();
            assertEquals(List.of(), left, "spill files left behind");
        }
    }

    @Test
    void everySpillableAggregateOfAnIntegerKey() throws Exception {
        spills(lf -> lf.groupBy("k").agg(col("v").sum().alias("sv"), col("dec").sum().alias("sdec"), col("wide").sum().alias("swide"),
                        col("d").sum().alias("sd"), col("v").mean().alias("mv"), col("d").mean().alias("md"), col("dec").mean().alias("mdec"),
                        col("v").min().alias("minv"), col("v").max().alias("maxv"), col("s").min().alias("mins"), col("s").max().alias("maxs"),
                        col("dt").min().alias("mindt"), col("dt").max().alias("maxdt"), col("d").min().alias("mind"), col("d").max().alias("maxd"),
                        col("wide").max().alias("maxwide"), col("d").count().alias("cd"), len().alias("n")),
                "SELECT k, sum(v), sum(dec), sum(wide), sum(d), avg(v), avg(d), avg(dec), min(v), max(v), min(s), max(s), min(dt), max(dt), "
                        + "min(d), max(d), max(wide), count(d), count(*)" + from() + " GROUP BY k");
    }

    @Test
    void firstLastVarianceAndStdOfAStringKeyWithNulls() throws Exception {
        spills(lf -> lf.groupBy("sk").agg(col("s").first().alias("fs"), col("s").last().alias("ls"), col("id").first().alias("fid"),
                        col("d").last().alias("ld"), col("dt").first().alias("fdt"), col("d").var().alias("vd"), col("v").std().alias("sv"),
                        len().alias("n")),
                "SELECT sk, first(s ORDER BY id), last(s ORDER BY id), first(id ORDER BY id), last(d ORDER BY id), first(dt ORDER BY id), "
                        + "var_samp(d), stddev_samp(v), count(*)" + from() + " GROUP BY sk");
    }

    @Test
    void dateFloatAndMultiColumnKeysWithADictionaryStringAndNulls() throws Exception {
        spills(lf -> lf.groupBy("dk").agg(col("v").sum().alias("sv"), col("s").max().alias("ms"), len().alias("n")),
                "SELECT dk, sum(v), max(s), count(*)" + from() + " GROUP BY dk");
        spills(lf -> lf.groupBy("small", "k").agg(col("d").sum().alias("sd"), col("id").max().alias("mid")),
                "SELECT small, k, sum(d), max(id)" + from() + " GROUP BY small, k");
        spills(lf -> lf.groupBy("fk", "small").agg(len().alias("n"), col("v").sum().alias("sv"), col("s").max().alias("ms")),
                "SELECT fk, small, count(*), sum(v), max(s)" + from() + " GROUP BY fk, small");
        // Null in one key column: (small, NULL) groups of their own.
        spills(lf -> lf.groupBy("sk", "small").agg(len().alias("n"), col("v").sum().alias("sv")),
                "SELECT sk, small, count(*), sum(v)" + from() + " GROUP BY sk, small");
    }

    @Test
    void distinctRowsAndUniqueOnSubset() throws Exception {
        spills(lf -> lf.select(col("k"), col("small")).unique(), "SELECT DISTINCT k, small" + from());
        // unique on a subset keeps the first row of each key (in scan order).
        spills(lf -> lf.select(col("sk"), col("id"), col("v")).unique("sk"),
                "SELECT sk, first(id ORDER BY id), first(v ORDER BY id)" + from() + " GROUP BY sk");
    }

    @Test
    void nUniqueSpillsItsValueSets() throws Exception {
        spills(lf -> lf.groupBy("k").agg(col("s").nUnique().alias("us"), col("d").nUnique().alias("ud"), col("v").sum().alias("sv")),
                "SELECT k, count(DISTINCT s), count(DISTINCT d), sum(v)" + from() + " GROUP BY k");
    }

    @Test
    void medianWorksInMemoryAndIsRefusedClearlyWhenItWouldSpill() throws Exception {
        DataFrame small = LazyFrame.scanParquet(file.toString()).withThreads(2).groupBy("small")
                .agg(col("k").nUnique().alias("u"), col("d").median().alias("med"), col("v").quantile(0.25).alias("q")).collect();
        assertSameRows("SELECT small, count(DISTINCT k), median(d), quantile_cont(v, 0.25)" + from() + " GROUP BY small", small);
        MemoryBudgetExceededException e = assertThrows(MemoryBudgetExceededException.class,
                () -> scan().groupBy("k").agg(col("d").median().alias("med"), col("v").sum()).collect());
        assertTrue(e.getMessage().contains("median (med)") && e.getMessage().contains("not spilled"), e.getMessage());
        assertSpillFolderEmpty();
    }

    @Test
    void aQueryFailingAfterItSpilledLeavesNoFiles() throws Exception {
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> scan().groupBy("ko").agg(col("big").sum()).collect());
        assertTrue(e.getMessage().contains("overflows"), e.getMessage());
        assertSpillFolderEmpty();
    }

    @Test
    void streamedSpilledResultHasEveryGroupOnce() throws Exception {
        long groups;
        long sum = 0;
        try (Stream<DataFrame> batches = scan().groupBy("k").agg(col("v").sum().alias("sv"), len().alias("n"),
                col("s").max().alias("ms")).stream()) {
            List<DataFrame> all = batches.toList();
            groups = all.stream().mapToLong(DataFrame::height).sum();
            for (DataFrame b : all) for (int i = 0; i < b.height(); i++) sum += (Long) b.column("n").get(i);
        }
        try (Statement s = duck.createStatement(); var rs = s.executeQuery("SELECT count(DISTINCT k)" + from())) {
            rs.next();
            assertEquals(rs.getLong(1), groups);
        }
        assertEquals(ROWS, sum);
        assertSpillFolderEmpty();
    }
}
