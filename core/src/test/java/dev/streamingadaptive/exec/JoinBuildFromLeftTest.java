package dev.streamingadaptive.exec;

import dev.streamingadaptive.lazy.DuckDbRows;
import dev.streamingadaptive.lazy.JoinType;
import dev.streamingadaptive.lazy.LazyFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An INNER join whose right input passes the in-memory build limit while its left stays within it builds from the
 * left instead of partitioning both sides ({@link SpillingJoin}): the same rows as DuckDB, and no partitioning; with
 * that turned off, or a left that is no smaller, the join partitions. SEMI and ANTI joins the same way, their rows in
 * the left's order. Null and duplicate keys on both sides, one and
 * two key columns, a string key.
 */
class JoinBuildFromLeftTest {
    @TempDir static Path dir;
    static Path leftFile;
    static Path rightFile;
    static Connection duck;

    @BeforeAll
    static void write() throws Exception {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        leftFile = dir.resolve("left.parquet");
        rightFile = dir.resolve("right.parquet");
        try (Statement s = duck.createStatement()) {
            s.execute("SET threads=1");
            s.execute("COPY (SELECT i AS id, (CASE WHEN i % 13 = 0 THEN NULL ELSE (i * 7919) % 300 END)::INTEGER AS k, "
                    + "CASE WHEN i % 17 = 0 THEN NULL ELSE 's' || ((i * 31) % 50)::VARCHAR END AS s, i / 8.0 AS v "
                    + "FROM range(20000) t(i)) TO '" + leftFile + "' (FORMAT parquet, ROW_GROUP_SIZE 3000)");
            s.execute("COPY (SELECT i AS rid, (CASE WHEN i % 11 = 0 THEN NULL ELSE (i * 104729) % 350 END)::INTEGER AS k, "
                    + "CASE WHEN i % 19 = 0 THEN NULL ELSE 's' || ((i * 37) % 60)::VARCHAR END AS s, (i % 97)::INTEGER AS w "
                    + "FROM range(8000) t(i)) TO '" + rightFile + "' (FORMAT parquet, ROW_GROUP_SIZE 1000)");
        }
    }

    @AfterAll
    static void close() throws Exception {
        duck.close();
    }

    @Test
    void aSmallLeftIsBuiltInsteadOfPartitioningBothSides() throws Exception {
        System.setProperty(SpillingJoin.BUILD_LIMIT_PROPERTY, Long.toString(32 << 10)); // right: ~200 KB
        try {
            for (boolean fromLeft : new boolean[] {true, false}) {
                System.setProperty(SpillingJoin.BUILD_FROM_LEFT_PROPERTY, Boolean.toString(fromLeft));
                for (List<String> keys : List.of(List.of("k"), List.of("s"), List.of("k", "s"))) {
                    // 200 left rows: within the limit. Grouped, so that the join's output order is free.
                    int before = SpillingJoin.partitionedJoins();
                    check(keys, 200);
                    assertEquals(fromLeft ? 0 : 1, SpillingJoin.partitionedJoins() - before, keys + ", from the left: " + fromLeft);
                }
            }
            // SEMI and ANTI build from the left as RIGHT_SEMI and RIGHT_ANTI, the left's rows in its order.
            System.setProperty(SpillingJoin.BUILD_FROM_LEFT_PROPERTY, "true");
            for (JoinType how : List.of(JoinType.SEMI, JoinType.ANTI)) {
                for (List<String> keys : List.of(List.of("k"), List.of("k", "s"))) {
                    int before = SpillingJoin.partitionedJoins();
                    LazyFrame left = LazyFrame.scanParquet(leftFile.toString()).withThreads(2).filter(col("id").lt(lit(200L)));
                    LazyFrame right = LazyFrame.scanParquet(rightFile.toString()).withThreads(2);
                    List<String> on = new ArrayList<>();
                    for (String k : keys) on.add("l." + k + " = r." + k);
                    DuckDbRows.assertSame(duck, "SELECT l.* FROM '" + leftFile + "' l " + how + " JOIN '" + rightFile + "' r ON "
                            + String.join(" AND ", on) + " WHERE l.id < 200 ORDER BY l.id", left.join(right, keys, how).collect(), true);
                    assertEquals(0, SpillingJoin.partitionedJoins() - before, how + " " + keys);
                }
            }
            // A left as large as the right's limit: read, then partitioned with the rest.
            System.setProperty(SpillingJoin.BUILD_FROM_LEFT_PROPERTY, "true");
            int before = SpillingJoin.partitionedJoins();
            check(List.of("k"), 20000);
            assertEquals(1, SpillingJoin.partitionedJoins() - before, "a left as large is partitioned");
        } finally {
            System.clearProperty(SpillingJoin.BUILD_LIMIT_PROPERTY);
            System.clearProperty(SpillingJoin.BUILD_FROM_LEFT_PROPERTY);
        }
    }

    /** The INNER join of the first {@code leftRows} left rows with the right on {@code keys}, grouped by left id, as DuckDB's. */
    private static void check(List<String> keys, int leftRows) throws Exception {
        LazyFrame left = LazyFrame.scanParquet(leftFile.toString()).withThreads(2).filter(col("id").lt(lit((long) leftRows)));
        LazyFrame right = LazyFrame.scanParquet(rightFile.toString()).withThreads(2);
        LazyFrame q = left.join(right, keys, JoinType.INNER).groupBy("id")
                .agg(col("rid").sum().alias("rids"), col("w").max().alias("mw"), col("v").min().alias("v"), col("rid").count().alias("n"));
        List<String> on = new ArrayList<>();
        for (String k : keys) on.add("l." + k + " = r." + k);
        DuckDbRows.assertSame(duck, "SELECT l.id, sum(r.rid), max(r.w), min(l.v), count(r.rid) FROM '" + leftFile + "' l JOIN '"
                + rightFile + "' r ON " + String.join(" AND ", on) + " WHERE l.id < " + leftRows + " GROUP BY l.id", q.collect(), false);
    }
}
