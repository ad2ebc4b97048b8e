package dev.streamingadaptive.lazy;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.memory.FixedMemoryManager;
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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Joins that spill (grace hash join) against DuckDB: every join type on int, string and date keys
 * and on two key columns, with null keys and duplicate keys on both sides and one key holding many
 * build rows (joined in chunks). Most tests lower the in-memory build limit through the join's test
 * property, so that small inputs are partitioned, split again and chunked; one reaches the grace
 * path through a small memory budget alone. Spill files are gone after the query, also when its
 * stream is closed early or it fails.
 */
class GraceJoinTest {
    private static final String BUILD_LIMIT = "streamingadaptive.join.buildLimitBytes";
    private static final String MIN_REDUCED_BUILD = "streamingadaptive.join.minReducedBuildBytes";

    @TempDir static Path dir;
    static Path leftFile;
    static Path rightFile;
    static Path bigLeft;
    static Path bigRight;
    static Connection duck;

    @BeforeAll
    static void write() throws Exception {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        leftFile = dir.resolve("left.parquet");
        rightFile = dir.resolve("right.parquet");
        bigLeft = dir.resolve("big-left.parquet");
        bigRight = dir.resolve("big-right.parquet");
        try (Statement s = duck.createStatement()) {
            s.execute("SET threads=1");
            // k: nulls, duplicates on both sides, and key 7 on 1/8 of the right rows (a partition that cannot be split).
            s.execute("COPY (SELECT i AS id, "
                    + "(CASE WHEN i % 13 = 0 THEN NULL WHEN i % 400 = 0 THEN 7 ELSE (i * 7919) % 3000 END)::INTEGER AS k, "
                    + "CASE WHEN i % 17 = 0 THEN NULL ELSE ['s', 'ä', '東京'][1 + i % 3] || ((i * 31) % 500)::VARCHAR END AS s, "
                    + "CASE WHEN i % 23 = 0 THEN NULL ELSE DATE '2020-01-01' + ((i * 13) % 900)::INTEGER END AS d, "
                    + "i / 8.0 AS v FROM range(20000) t(i)) TO '" + leftFile + "' (FORMAT parquet, ROW_GROUP_SIZE 3000)");
            s.execute("COPY (SELECT i AS rid, "
                    + "(CASE WHEN i % 11 = 0 THEN NULL WHEN i % 8 = 0 THEN 7 ELSE (i * 104729) % 3500 END)::INTEGER AS k, "
                    + "CASE WHEN i % 19 = 0 THEN NULL ELSE ['s', 'ä', '東京'][1 + (i * 2) % 3] || ((i * 37) % 600)::VARCHAR END AS s, "
                    + "CASE WHEN i % 29 = 0 THEN NULL ELSE DATE '2020-01-01' + ((i * 7) % 4000)::INTEGER END AS d, "
                    + "(i % 97)::INTEGER AS w FROM range(8000) t(i)) TO '" + rightFile + "' (FORMAT parquet, ROW_GROUP_SIZE 1000)");
            s.execute("COPY (SELECT i AS id, (CASE WHEN i % 31 = 0 THEN NULL ELSE (i * 7) % 250000 END)::BIGINT AS k, i % 1000 AS v "
                    + "FROM range(300000) t(i)) TO '" + bigLeft + "' (FORMAT parquet)");
            s.execute("COPY (SELECT i AS rid, (CASE WHEN i % 37 = 0 THEN NULL ELSE i % 150000 END)::BIGINT AS k, "
                    + "'name-' || (i % 9973)::VARCHAR || '-' || (i % 7)::VARCHAR AS name, (i % 89)::INTEGER AS w "
                    + "FROM range(200000) t(i)) TO '" + bigRight + "' (FORMAT parquet)");
        }
    }

    @AfterAll
    static void close() throws Exception {
        duck.close();
    }

    private static LazyFrame left() {
        return LazyFrame.scanParquet(leftFile.toString()).withThreads(2);
    }

    private static LazyFrame right() {
        return LazyFrame.scanParquet(rightFile.toString()).withThreads(2);
    }

    private static final List<JoinType> TYPES = List.of(JoinType.INNER, JoinType.LEFT, JoinType.RIGHT, JoinType.FULL, JoinType.SEMI,
            JoinType.ANTI);

    @Test
    void everyJoinTypeOnIntStringDateAndTwoKeysPartitionedAndSplitAgain() throws Exception {
        // 32 KB of build rows in memory: the 8,000 right rows are partitioned in 16.
        withBuildLimit(32 << 10, () -> {
            for (List<String> keys : List.of(List.of("k"), List.of("s"), List.of("d"), List.of("k", "s"))) {
                for (JoinType how : TYPES) check(keys, how, left(), right(), "'" + leftFile + "'", "'" + rightFile + "'");
            }
            return null;
        });
        // 8 KB: every partition is split again.
        withBuildLimit(8 << 10, () -> {
            for (JoinType how : List.of(JoinType.LEFT, JoinType.FULL)) check(List.of("s"), how, left(), right(), "'" + leftFile + "'", "'" + rightFile + "'");
            return null;
        });
    }

    @Test
    void anInt32KeyJoinsAnInt64KeySpilled() throws Exception {
        // Both sides' keys are hashed in their common type (BIGINT), so equal values meet in one partition.
        withBuildLimit(32 << 10, () -> {
            for (JoinType how : List.of(JoinType.INNER, JoinType.LEFT, JoinType.FULL, JoinType.ANTI)) {
                LazyFrame q = left().join(right(), List.of("k"), List.of("rid"), how);
                // INNER and LEFT keep the left key only; FULL both.
                DataFrame ours = switch (how) {
                    case ANTI -> q.select("id", "k").collect();
                    case FULL -> q.select("id", "k", "rid", "w", "d_right").collect();
                    default -> q.select("id", "k", "w", "d_right").collect();
                };
                String cols = switch (how) {
                    case ANTI -> "l.id, l.k";
                    case FULL -> "l.id, l.k, r.rid, r.w, r.d";
                    default -> "l.id, l.k, r.w, r.d";
                };
                same("SELECT " + cols + " FROM '" + leftFile + "' l " + (how == JoinType.FULL ? "FULL OUTER" : how.name()) + " JOIN '" + rightFile
                        + "' r ON l.k = r.rid", ours, false);
            }
            return null;
        });
    }

    @Test
    void aKeyWithTooManyBuildRowsIsJoinedInChunks() throws Exception {
        // 8 KB: key 7's ~900 right rows stay together however often they are split, so they are joined in chunks.
        withBuildLimit(8 << 10, () -> {
            for (JoinType how : TYPES) check(List.of("k"), how, left(), right(), "'" + leftFile + "'", "'" + rightFile + "'");
            return null;
        });
        // SEMI and ANTI read only the right keys (4 bytes a row): 2 KB and fewer right rows chunk key 7 there too.
        withBuildLimit(2 << 10, () -> {
            LazyFrame fewer = right().filter(col("k").eq(lit(7)).or(col("k").lt(lit(100))));
            String fewerSql = "(SELECT * FROM '" + rightFile + "' WHERE k = 7 OR k < 100)";
            for (JoinType how : TYPES) check(List.of("k"), how, left(), fewer, "'" + leftFile + "'", fewerSql);
            return null;
        });
    }

    /**
     * A SEMI or ANTI join whose right is much larger than its left builds from the left (RIGHT_SEMI, RIGHT_ANTI): in
     * memory (rows in the left's order), partitioned, split again and in chunks, and without spilling; null and
     * duplicate keys on both sides.
     */
    @Test
    void semiAndAntiJoinsBuiltFromTheirLeft() throws Exception {
        System.setProperty(MIN_REDUCED_BUILD, "0"); // right (8,000 rows) joined with left (20,000): a right worth swapping
        try {
            // 32 KB: partitioned; 8 KB: split again, and key 7's 1,000 rows joined in chunks.
            for (long limit : new long[] {0, 32 << 10, 8 << 10}) {
                if (limit > 0) System.setProperty(BUILD_LIMIT, Long.toString(limit));
                for (List<String> keys : limit == 8 << 10 ? List.of(List.of("k")) : List.of(List.of("k"), List.of("s"), List.of("d"), List.of("k", "s"))) {
                    for (JoinType how : List.of(JoinType.SEMI, JoinType.ANTI)) {
                        LazyFrame q = right().join(left(), keys, how).select("rid", "k", "s", "w");
                        String plan = q.explain();
                        assertTrue(plan.contains("RIGHT " + how + " JOIN"), plan);
                        DataFrame ours = q.collect();
                        List<String> on = new ArrayList<>();
                        for (String k : keys) on.add("r." + k + " = l." + k);
                        same("SELECT r.rid, r.k, r.s, r.w FROM '" + rightFile + "' r " + how + " JOIN '" + leftFile + "' l ON "
                                + String.join(" AND ", on), ours, false);
                        if (limit == 0) { // built whole: out in the left's order
                            LongColumn rid = (LongColumn) ours.column("rid");
                            for (int i = 1; i < ours.height(); i++) {
                                assertTrue(rid.getLong(i - 1) < rid.getLong(i), how + " " + keys + ": order at row " + i);
                            }
                            same("SELECT r.rid, r.k, r.s, r.w FROM '" + rightFile + "' r " + how + " JOIN '" + leftFile + "' l ON "
                                    + String.join(" AND ", on), right().join(left(), keys, how).select("rid", "k", "s", "w")
                                    .withoutSpilling().collect(), false);
                        }
                    }
                }
            }
        } finally {
            System.clearProperty(MIN_REDUCED_BUILD);
            System.clearProperty(BUILD_LIMIT);
        }
    }

    @Test
    void underFiltersAndAggregations() throws Exception {
        withBuildLimit(16 << 10, () -> {
            LazyFrame q = left().join(right(), "k", JoinType.INNER).filter(col("w").lt(lit(50)).and(col("id").gt(lit(100))))
                    .groupBy("s").agg(col("w").sum().alias("sw"), col("rid").max().alias("mr"), col("v").mean().alias("mv"));
            same("SELECT l.s, sum(r.w), max(r.rid), avg(l.v) FROM '" + leftFile + "' l JOIN '" + rightFile + "' r ON l.k = r.k "
                    + "WHERE r.w < 50 AND l.id > 100 GROUP BY l.s", q.collect(), false);
            return null;
        });
    }

    /** A small budget alone takes the grace path; with spilling off the same join is refused naming the join. */
    @Test
    void aSmallBudgetSpillsAndSpillingOffIsRefused() throws Exception {
        LazyFrame l = LazyFrame.scanParquet(bigLeft.toString()).withThreads(2);
        LazyFrame r = LazyFrame.scanParquet(bigRight.toString()).withThreads(2);
        Path spill = Files.createDirectories(dir.resolve("spill-budget"));
        for (JoinType how : List.of(JoinType.INNER, JoinType.FULL, JoinType.ANTI)) {
            FixedMemoryManager budget = MemoryManager.fixed(24 << 20);
            LazyFrame q = l.join(r, "k", how).withMemoryManager(budget).withSpillDirectory(spill);
            // Streamed, not collected: a collected result may take half the budget, and this one is about that size.
            LazyFrame out = how == JoinType.ANTI ? q.select("id", "v")
                    : how == JoinType.INNER ? q.select("id", "k", "rid", "name", "w") : q.select("id", "k", "rid", "k_right", "name");
            DataFrame ours;
            try (var batches = out.stream()) {
                ours = dev.streamingadaptive.scan.Frames.concat(batches.toList(), out.schema());
            }
            String sql = switch (how) {
                case INNER -> "SELECT l.id, l.k, r.rid, r.name, r.w FROM '" + bigLeft + "' l JOIN '" + bigRight + "' r ON l.k = r.k";
                case FULL -> "SELECT l.id, l.k, r.rid, r.k, r.name FROM '" + bigLeft + "' l FULL JOIN '" + bigRight + "' r ON l.k = r.k";
                default -> "SELECT l.id, l.v FROM '" + bigLeft + "' l ANTI JOIN '" + bigRight + "' r ON l.k = r.k";
            };
            same(sql, ours, false);
            assertTrue(budget.peakTrackedBytes() <= budget.capacityBytes(), how + ": peak " + budget.peakTrackedBytes());
            assertEquals(List.of(), files(spill), how + ": spill files left");
        }
        MemoryBudgetExceededException e = assertThrows(MemoryBudgetExceededException.class,
                () -> l.join(r, "k", JoinType.INNER).withMemoryManager(MemoryManager.fixed(24 << 20)).withoutSpilling().collect());
        assertTrue(e.getMessage().startsWith("join [k]") && e.getMessage().contains("spilling is off"), e.getMessage());
    }

    @Test
    void closingTheStreamEarlyDeletesTheSpillFiles() throws Exception {
        Path spill = Files.createDirectories(dir.resolve("spill-early"));
        withBuildLimit(16 << 10, () -> {
            try (Stream<DataFrame> batches = left().join(right(), "k", JoinType.LEFT).withSpillDirectory(spill).stream()) {
                Iterator<DataFrame> it = batches.iterator();
                assertTrue(it.hasNext());
                assertTrue(it.next().height() > 0);
                assertTrue(!files(spill).isEmpty(), "partition files exist while the join runs");
            }
            assertEquals(List.of(), files(spill));
            return null;
        });
    }

    @Test
    void aFailureAfterTheJoinDeletesTheSpillFiles() throws Exception {
        Path spill = Files.createDirectories(dir.resolve("spill-failure"));
        withBuildLimit(16 << 10, () -> {
            // Text that is no number fails the cast above the join, after partitions were written and joined.
            LazyFrame q = left().join(right(), "k", JoinType.INNER).withColumns(col("s").cast(dev.streamingadaptive.frame.DataType.INT32)
                    .alias("bad")).withSpillDirectory(spill);
            assertThrows(ArithmeticException.class, q::collect);
            assertEquals(List.of(), files(spill));
            return null;
        });
    }

    /** Our join of {@code keys}, the key columns and a value of each side selected, equals DuckDB's. */
    private static void check(List<String> keys, JoinType how, LazyFrame l, LazyFrame r, String lsql, String rsql) throws Exception {
        List<String> ourCols = new ArrayList<>();
        List<String> sqlCols = new ArrayList<>();
        ourCols.add("id");
        sqlCols.add("l.id");
        ourCols.add("v");
        sqlCols.add("l.v");
        if (how != JoinType.RIGHT) for (String k : keys) {
            ourCols.add(k);
            sqlCols.add("l." + k);
        }
        if (how != JoinType.SEMI && how != JoinType.ANTI) {
            ourCols.add("rid");
            sqlCols.add("r.rid");
            ourCols.add("w");
            sqlCols.add("r.w");
            if (how == JoinType.RIGHT || how == JoinType.FULL) for (String k : keys) {
                ourCols.add(how == JoinType.RIGHT ? k : k + "_right");
                sqlCols.add("r." + k);
            }
        }
        List<String> on = new ArrayList<>();
        for (String k : keys) on.add("l." + k + " = r." + k);
        String sql = "SELECT " + String.join(", ", sqlCols) + " FROM " + lsql + " l " + (how == JoinType.FULL ? "FULL OUTER" : how.name())
                + " JOIN " + rsql + " r ON " + String.join(" AND ", on);
        DataFrame ours = l.join(r, keys, how).select(ourCols.toArray(String[]::new)).collect();
        same(sql, ours, false);
    }

    private static List<Path> files(Path base) throws Exception {
        try (Stream<Path> all = Files.walk(base)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }

    private static <T> T withBuildLimit(long bytes, Callable<T> body) throws Exception {
        System.setProperty(BUILD_LIMIT, Long.toString(bytes));
        try {
            return body.call();
        } finally {
            System.clearProperty(BUILD_LIMIT);
        }
    }

    private static void same(String sql, DataFrame ours, boolean ordered) throws Exception {
        DuckDbRows.assertSame(duck, sql, ours, ordered);
    }
}
