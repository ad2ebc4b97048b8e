package dev.streamingadaptive.lazy;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.sql.SqlContext;
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
import static dev.streamingadaptive.expr.Expr.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Join planning, seen in {@code explain()} and checked against DuckDB: the smaller input becomes the
 * build side (INNER and FULL swap, LEFT and RIGHT trade places, SEMI and ANTI
 * build from their left when the right is much larger), filters move below
 * joins (on the keys of an inner join into both sides, on right columns below a RIGHT join), and the
 * build side's key range prunes the probe scan's row groups at run time.
 */
class JoinPlanningTest {
    @TempDir static Path dir;
    static Path small;
    static Path big;
    /** 1.2M rows of two BIGINTs (k = 0..999): estimated at 19 MB, a build side worth reducing. */
    static Path wide;
    static Path dense;
    static Path denseKeys;
    static Connection duck;

    @BeforeAll
    static void write() throws Exception {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        small = dir.resolve("small.parquet");
        big = dir.resolve("big.parquet");
        try (Statement s = duck.createStatement()) {
            s.execute("SET threads=1");
            s.execute("COPY (SELECT i AS id, (CASE WHEN i % 9 = 0 THEN NULL ELSE (i * 3) % 500 END)::INTEGER AS k, 'n' || (i % 37)::VARCHAR AS name "
                    + "FROM range(300) t(i)) TO '" + small + "' (FORMAT parquet)");
            // Sorted by k in row groups of 1,000 rows: a key range selects few of them.
            s.execute("COPY (SELECT i AS bid, (i / 20)::INTEGER AS k, i % 13 AS x, 'b' || (i % 11)::VARCHAR AS name "
                    + "FROM range(20000) t(i)) TO '" + big + "' (FORMAT parquet, ROW_GROUP_SIZE 1000)");
            // 400K rows whose key p = i * 7919 mod 200,000 is in no order (no row group is pruned by a range); keys: every
            // 20th p (10,000 keys, past the few a plain IN list holds, within a range a bitmap tests), and a null.
            dense = dir.resolve("dense.parquet");
            denseKeys = dir.resolve("dense-keys.parquet");
            s.execute("COPY (SELECT i AS did, (i * 7919) % 200000 AS p, i % 17 AS v FROM range(400000) t(i)) TO '" + dense
                    + "' (FORMAT parquet, ROW_GROUP_SIZE 50000)");
            s.execute("COPY (SELECT CASE WHEN i = 3 THEN NULL ELSE i * 20 END AS p, 'k' || (i % 7)::VARCHAR AS tag FROM range(10000) t(i)) TO '"
                    + denseKeys + "' (FORMAT parquet)");
            wide = dir.resolve("wide.parquet");
            s.execute("COPY (SELECT i AS wid, i // 1200 AS k FROM range(1200000) t(i)) TO '" + wide + "' (FORMAT parquet)");
        }
    }

    @AfterAll
    static void close() throws Exception {
        duck.close();
    }

    private static LazyFrame small() {
        return LazyFrame.scanParquet(small.toString()).withThreads(2);
    }

    private static LazyFrame big() {
        return LazyFrame.scanParquet(big.toString()).withThreads(2);
    }

    private static LazyFrame wide() {
        return LazyFrame.scanParquet(wide.toString()).withThreads(2);
    }

    @Test
    void theSmallerInputIsBuiltAndColumnsKeepTheirOrder() throws Exception {
        String from = " FROM '" + small + "' s %s JOIN '" + big + "' b ON s.k = b.k";
        for (JoinType how : List.of(JoinType.INNER, JoinType.LEFT, JoinType.RIGHT, JoinType.FULL)) {
            LazyFrame q = small().join(big(), "k", how);
            String plan = q.explain();
            String expected = switch (how) {
                case LEFT -> "RIGHT JOIN";
                case RIGHT -> "LEFT JOIN";
                default -> how + " JOIN";
            };
            assertTrue(plan.contains(expected), how + ":\n" + plan);
            assertTrue(plan.indexOf(big.toString()) < plan.indexOf(small.toString()), how + ": big side probed\n" + plan);
            DataFrame ours = q.collect();
            String sql = switch (how) {
                case INNER -> "SELECT s.id, s.k, s.name, b.bid, b.x, b.name" + from.formatted("");
                case LEFT -> "SELECT s.id, s.k, s.name, b.bid, b.x, b.name" + from.formatted("LEFT");
                case RIGHT -> "SELECT s.id, s.name, b.bid, b.k, b.x, b.name" + from.formatted("RIGHT");
                default -> "SELECT s.id, s.k, s.name, b.bid, b.k, b.x, b.name" + from.formatted("FULL");
            };
            DuckDbRows.assertSame(duck, sql, ours, false);
        }
        List<String> names = small().join(big(), "k", JoinType.INNER).collect().schema().names();
        assertEquals(List.of("id", "k", "name", "bid", "x", "name_right"), names);
        // SEMI outputs left rows only; with a much larger right it becomes a RIGHT SEMI join of the swapped inputs,
        // built from the small side it outputs, probed by the large one, its rows in the small side's order.
        String semi = small().join(wide(), "k", JoinType.SEMI).explain();
        assertTrue(semi.startsWith("RIGHT SEMI JOIN"), semi);
        assertTrue(semi.indexOf(wide.toString()) < semi.indexOf(small.toString()), "the small side is built:\n" + semi);
        DataFrame semiRows = small().join(wide(), "k", JoinType.SEMI).collect();
        DuckDbRows.assertSame(duck, "SELECT * FROM '" + small + "' s SEMI JOIN '" + wide + "' b ON s.k = b.k ORDER BY s.id", semiRows, true);
        // ANTI the same way: the small side's rows that nothing in wide matched.
        String anti = small().join(wide(), "k", JoinType.ANTI).explain();
        assertTrue(anti.startsWith("RIGHT ANTI JOIN"), anti);
        assertTrue(anti.indexOf(wide.toString()) < anti.indexOf(small.toString()), "the small side is built:\n" + anti);
        DataFrame kept = small().join(wide(), "k", JoinType.ANTI).collect();
        assertEquals(34, kept.height(), "every non-null key of small is in wide: only its 34 null keys stay");
        DuckDbRows.assertSame(duck, "SELECT * FROM '" + small + "' s ANTI JOIN '" + wide + "' b ON s.k = b.k ORDER BY s.id", kept, true);
        DuckDbRows.assertSame(duck, "SELECT * FROM '" + small + "' s WHERE id < 120 AND NOT EXISTS (SELECT 1 FROM '" + wide
                + "' b WHERE b.k = s.k)", small().filter(col("id").lt(120L)).join(wide(), "k", JoinType.ANTI).collect(), false);
        // A small right (big: 20,000 rows, 0.3 MB) builds as it is: reducing it would cost more than it saves.
        for (JoinType how : List.of(JoinType.SEMI, JoinType.ANTI)) {
            String plain = small().join(big(), "k", how).explain();
            assertEquals(1, plain.split("(SEMI|ANTI) JOIN", -1).length - 1, plain);
        }
        // The larger input already on the right: nothing changes.
        assertFalse(big().join(small(), "k", JoinType.INNER).explain().startsWith("SELECT"));
    }

    @Test
    void filtersMoveBelowJoins() throws Exception {
        // A filter on an inner join's key filters both sides; below a RIGHT join a right-only filter goes right.
        LazyFrame inner = big().join(small(), "k", JoinType.INNER).filter(col("k").lt(lit(100)).and(col("x").gt(lit(3))));
        String plan = inner.explain();
        assertFalse(plan.contains("FILTER"), plan);
        assertEquals(2, plan.split("\\(k < 100\\)", -1).length - 1, plan);
        DuckDbRows.assertSame(duck, "SELECT b.bid, b.k, b.x, s.id FROM '" + big + "' b JOIN '" + small + "' s ON b.k = s.k WHERE b.k < 100 AND b.x > 3",
                inner.select("bid", "k", "x", "id").collect(), false);

        LazyFrame right = big().join(small(), "k", JoinType.RIGHT).filter(col("id").lt(lit(150)).and(col("bid").isNull()));
        String rplan = right.explain();
        assertTrue(rplan.contains("(id < 150)") && !rplan.contains("FILTER (id < 150)"), rplan);
        assertTrue(rplan.contains("FILTER (bid IS NULL)") || rplan.contains("FILTER bid IS NULL") || rplan.contains("FILTER"), rplan);
        DuckDbRows.assertSame(duck, "SELECT b.bid, s.k, s.id FROM '" + big + "' b RIGHT JOIN '" + small + "' s ON b.k = s.k "
                + "WHERE s.id < 150 AND b.bid IS NULL", right.select("bid", "k", "id").collect(), false);
    }

    @Test
    void theBuildSidesKeyRangePrunesTheProbeScan() throws Exception {
        // Build: small rows with k in [120, 147]; probe: big, sorted by k (20 rows a key, 11 row groups).
        LazyFrame build = small().filter(col("id").gtEq(lit(40)).and(col("id").lt(lit(50)))).select("k", "name");
        for (JoinType how : List.of(JoinType.INNER, JoinType.SEMI, JoinType.LEFT)) {
            QueryProfile p = big().join(build, "k", how).profile();
            long pruned = p.scanStatistics().rowGroupsPrunedByStatistics();
            if (how == JoinType.LEFT) assertEquals(0, pruned, "a LEFT join outputs every probe row");
            else assertTrue(pruned >= 8, how + ": pruned " + pruned + "\n" + p.scanStatistics().describe()); // of 11 (DuckDB rounds to 2,048 rows)
            String sql = "SELECT b.* " + (how == JoinType.SEMI ? "" : ", s.name ") + "FROM '" + big + "' b " + (how == JoinType.SEMI ? "SEMI" : how.name())
                    + " JOIN (SELECT k, name FROM '" + small + "' WHERE id >= 40 AND id < 50) s ON b.k = s.k";
            DuckDbRows.assertSame(duck, sql, p.result(), false);
        }
    }

    @Test
    void aFewBuildKeysAreTestedInTheProbeScan() throws Exception {
        // Build: two rows, k = 3 and k = 498 (ids 1 and 166): their range spans 5 of big's 11 row groups and 9,920 rows,
        // the keys themselves 40 rows; the scan prunes by the list and passes on only the rows of those keys.
        LazyFrame build = small().filter(col("id").isIn(1L, 166L)).select("k", "name");
        for (JoinType how : List.of(JoinType.INNER, JoinType.SEMI)) {
            QueryProfile p = big().join(build, "k", how).profile();
            long pruned = p.scanStatistics().rowGroupsPrunedByStatistics();
            assertTrue(pruned >= 7, how + ": pruned " + pruned + "\n" + p.scanStatistics().describe());   // the range: 6
            assertTrue(p.scanStatistics().rowsMatched() <= 42, how + "\n" + p.scanStatistics().describe());    // 40 + the build's 2
            String sql = "SELECT b.* " + (how == JoinType.SEMI ? "" : ", s.name ") + "FROM '" + big + "' b " + (how == JoinType.SEMI ? "SEMI" : how.name())
                    + " JOIN (SELECT k, name FROM '" + small + "' WHERE id IN (1, 166)) s ON b.k = s.k";
            DuckDbRows.assertSame(duck, sql, p.result(), false);
        }
    }

    @Test
    void manyBuildKeysCloseTogetherAreTestedInTheProbeScan() throws Exception {
        // 9,999 build keys (a bitmap of a 200K range), 20,000 of dense's 400,000 rows carry one: the scan passes on
        // those alone. With the keys' range only, it passed on all 400,000.
        LazyFrame keys = LazyFrame.scanParquet(denseKeys.toString()).withThreads(2);
        LazyFrame probe = LazyFrame.scanParquet(dense.toString()).withThreads(2);
        for (JoinType how : List.of(JoinType.INNER, JoinType.SEMI)) {
            QueryProfile p = probe.join(keys, "p", how).profile();
            assertTrue(p.scanStatistics().rowsMatched() <= 20_000 + 10_000, how + "\n" + p.scanStatistics().describe());
            String sql = "SELECT d.* " + (how == JoinType.SEMI ? "" : ", k.tag ") + "FROM '" + dense + "' d " + (how == JoinType.SEMI ? "SEMI" : how.name())
                    + " JOIN '" + denseKeys + "' k ON d.p = k.p";
            DuckDbRows.assertSame(duck, sql, p.result(), false);
        }
        // The same keys spread 100 times wider (a range of 20M): too wide for the list, a bitmap of the range tests them.
        assertProbeScanPasses(100, 20_000 + 10_000);
        // And 1,000 times wider: past what a bitmap holds, only their range narrows the scan (not at all here).
        assertProbeScanPasses(1_000, 400_000);
    }

    /**
     * Joins dense and its keys with both key columns times {@code spread}, checks the rows its scans pass on (at most
     * {@code passed}: at least, when that is all of them) and DuckDB's answer.
     */
    private static void assertProbeScanPasses(long spread, long passed) throws Exception {
        Path keys = dir.resolve("keys-" + spread + ".parquet"), probe = dir.resolve("probe-" + spread + ".parquet");
        try (Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT did, p * " + spread + " AS p, v FROM '" + dense + "') TO '" + probe + "' (FORMAT parquet, ROW_GROUP_SIZE 50000)");
            s.execute("COPY (SELECT p * " + spread + " AS p, tag FROM '" + denseKeys + "') TO '" + keys + "' (FORMAT parquet)");
        }
        QueryProfile p = LazyFrame.scanParquet(probe.toString()).withThreads(2)
                .join(LazyFrame.scanParquet(keys.toString()).withThreads(2), "p", JoinType.INNER).profile();
        long matched = p.scanStatistics().rowsMatched();
        if (passed >= 400_000) assertTrue(matched >= passed, spread + "\n" + p.scanStatistics().describe());
        else assertTrue(matched <= passed, spread + "\n" + p.scanStatistics().describe());
        DuckDbRows.assertSame(duck, "SELECT d.*, k.tag FROM '" + probe + "' d JOIN '" + keys + "' k ON d.p = k.p", p.result(), false);
    }

    @Test
    void buildKeysFillingTheirRangeAreNotTestedByABitmap() throws Exception {
        // 750,000 build keys, three in four values of their range: too many for the list, too dense for a bitmap to pay
        // (three in four probe rows match). The range narrows nothing: every probe row passes, and every build row.
        Path keys = dir.resolve("most-keys.parquet"), probe = dir.resolve("most.parquet");
        try (Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT i AS p FROM range(1000000) t(i) WHERE i % 4 <> 0) TO '" + keys + "' (FORMAT parquet)");
            s.execute("COPY (SELECT i AS hid, (i * 7919) % 1000000 AS p FROM range(400000) t(i)) TO '" + probe + "' (FORMAT parquet)");
        }
        QueryProfile p = LazyFrame.scanParquet(probe.toString()).withThreads(2)
                .join(LazyFrame.scanParquet(keys.toString()).withThreads(2), "p", JoinType.SEMI).profile();
        assertTrue(p.scanStatistics().rowsMatched() >= 400_000 + 750_000 - 1, p.scanStatistics().describe());   // the range drops p = 0
        DuckDbRows.assertSame(duck, "SELECT h.* FROM '" + probe + "' h SEMI JOIN '" + keys + "' k ON h.p = k.p", p.result(), false);
    }

    /**
     * The build keys narrow the scan their probe column comes from, through the joins and group-bys below the join:
     * left and right sides of inner and left joins, a group key; and one narrowed scan's keys narrow the next.
     */
    @Test
    void buildKeysNarrowTheScanBelowAnotherJoin() throws Exception {
        LazyFrame build = small().filter(col("id").isIn(1L, 166L)).select("k", "name");   // k = 3, 498
        String buildSql = "(SELECT k, name FROM '" + small + "' WHERE id IN (1, 166))";
        LazyFrame dim = small().select(col("id").alias("xid"), col("k").alias("sk"));
        String dimSql = "(SELECT id AS xid, k AS sk FROM '" + small + "')";
        for (JoinType lower : List.of(JoinType.INNER, JoinType.LEFT)) {
            // k comes from the lower join's left side, big: 40 of its 20,000 rows pass (plus small's 300 + 2).
            QueryProfile p = big().select("bid", "k", "x").join(dim, List.of("x"), List.of("xid"), lower).join(build, "k", JoinType.INNER).profile();
            assertTrue(p.scanStatistics().rowsMatched() <= 342, lower + "\n" + p.scanStatistics().describe());
            DuckDbRows.assertSame(duck, "SELECT b.bid, b.k, b.x, d.sk, s.name FROM '" + big + "' b " + lower + " JOIN " + dimSql
                    + " d ON b.x = d.xid JOIN " + buildSql + " s ON b.k = s.k", p.result(), false);
        }
        // sk comes from the lower join's right side: small's k = 3 or 498 (ids 1 and 166), then the lower join's own keys
        // narrow big to x = 1: 1,539 rows.
        QueryProfile right = big().select("bid", "x").join(dim, List.of("x"), List.of("xid"), JoinType.INNER)
                .join(build, List.of("sk"), List.of("k"), JoinType.INNER).profile();
        assertTrue(right.scanStatistics().rowsMatched() <= 1_539 + 2 + 2, right.scanStatistics().describe());
        DuckDbRows.assertSame(duck, "SELECT b.bid, b.x, d.sk, s.name FROM '" + big + "' b JOIN " + dimSql + " d ON b.x = d.xid JOIN "
                + buildSql + " s ON d.sk = s.k", right.result(), false);
        // A group key: only the groups that can match are aggregated.
        QueryProfile grouped = big().groupBy("k").agg(col("x").sum().alias("sx")).join(build, "k", JoinType.INNER).profile();
        assertTrue(grouped.scanStatistics().rowsMatched() <= 42, grouped.scanStatistics().describe());
        DuckDbRows.assertSame(duck, "SELECT g.k, g.sx, s.name FROM (SELECT k, sum(x) AS sx FROM '" + big + "' GROUP BY k) g JOIN "
                + buildSql + " s ON g.k = s.k", grouped.result(), false);
        // A join used twice is computed once, not narrowed into a copy of its own for one use.
        LazyFrame joined = big().join(small().select("k", "id"), "k", JoinType.INNER).select("bid", "k", "x", "id");
        QueryProfile twice = joined.join(build, "k", JoinType.INNER).groupBy("k").agg(col("x").sum().alias("sx"))
                .crossJoin(joined.agg(col("x").sum().alias("total"))).sort("k").profile();
        long once = joined.profile().scanStatistics().rowsDecoded();
        assertTrue(twice.scanStatistics().rowsDecoded() <= once + 300, "once " + once + "\n" + twice.scanStatistics().describe());
        DuckDbRows.assertSame(duck, "WITH j AS (SELECT b.bid, b.k, b.x, s.id FROM '" + big + "' b JOIN '" + small + "' s ON b.k = s.k) "
                + "SELECT g.k, g.sx, t.total FROM (SELECT j.k, sum(x) AS sx FROM j JOIN " + buildSql + " s ON j.k = s.k GROUP BY j.k) g, "
                + "(SELECT sum(x) AS total FROM j) t ORDER BY g.k", twice.result(), true);
    }

    /**
     * A join used twice with different columns (as TPC-H Q11: summed whole and grouped) runs once: both uses read the
     * union of their columns and its probe scan decodes each row group once. A budget too small to hold it makes each
     * use compute it on its own, with the same answer.
     */
    @Test
    void aJoinUsedTwiceIsComputedOnce() throws Exception {
        String sql = "WITH j AS (SELECT b.bid, b.k, b.x, s.id FROM '" + big + "' b JOIN '" + small + "' s ON b.k = s.k) "
                + "SELECT g.k, g.sx, t.total FROM (SELECT k, sum(x) AS sx FROM j GROUP BY k) g, (SELECT sum(x) AS total FROM j) t ORDER BY g.k";
        LazyFrame joined = big().join(small().select("k", "id"), "k", JoinType.INNER).select("bid", "k", "x", "id");
        LazyFrame total = joined.agg(col("x").sum().alias("total"));
        QueryProfile p = joined.groupBy("k").agg(col("x").sum().alias("sx")).crossJoin(total).sort("k").profile();
        long once = joined.profile().scanStatistics().rowsDecoded();
        assertEquals(once, p.scanStatistics().rowsDecoded(), p.scanStatistics().describe());
        DuckDbRows.assertSame(duck, sql, p.result(), true);

        // A self join of every row (20,000 rows, ~0.7 MB) is more than a shared result may take of a 4 MB budget (1/8):
        // computed per use.
        String selfSql = "WITH j AS (SELECT a.bid, a.k, a.x, a.name, b.name AS other FROM '" + big + "' a JOIN '" + big + "' b ON a.bid = b.bid) "
                + "SELECT g.k, g.sx, t.n, t.o, t.m FROM (SELECT k, sum(x) AS sx FROM j GROUP BY k) g, (SELECT sum(bid) AS n, max(other) AS o, min(name) AS m FROM j) t ORDER BY g.k";
        LazyFrame self = big().withMemoryManager(MemoryManager.fixed(4L << 20))
                .join(big().select(col("bid"), col("name").alias("other")), "bid", JoinType.INNER).select("bid", "k", "x", "name", "other");
        QueryProfile q = self.groupBy("k").agg(col("x").sum().alias("sx")).crossJoin(self.agg(col("bid").sum().alias("n"), col("other").max().alias("o"), col("name").min().alias("m"))).sort("k").profile();
        // Both uses scan both sides (4 x 20,000 rows), after the first collect gave up part way.
        assertTrue(q.scanStatistics().rowsDecoded() >= 4 * 20_000, q.scanStatistics().describe());
        DuckDbRows.assertSame(duck, selfSql, q.result(), true);
    }

    /**
     * The distinct rows of an inner join's columns that all come from one side (a key standing for the other side's
     * key of the same type) are taken from a semi join keeping that side: RIGHT SEMI for the build side's columns,
     * SEMI for the probe side's. Columns of both sides, a distinct on a subset, or a key of another type keep the join.
     */
    @Test
    void distinctRowsOfOneSideOfAJoinComeFromASemiJoin() throws Exception {
        String from = " FROM '" + big + "' b JOIN '" + small + "' s ON b.k = s.k";
        LazyFrame joined = big().join(small(), "k", JoinType.INNER);

        LazyFrame right = joined.select(col("k"), col("name_right").alias("sname")).unique();
        assertTrue(right.explain().contains("RIGHT SEMI JOIN"), right.explain());
        DuckDbRows.assertSame(duck, "SELECT DISTINCT b.k, s.name AS sname" + from, right.collect(), false);

        LazyFrame left = joined.select("x", "k").unique();
        assertTrue(left.explain().contains("SEMI JOIN") && !left.explain().contains("RIGHT SEMI"), left.explain());
        DuckDbRows.assertSame(duck, "SELECT DISTINCT b.x, b.k" + from, left.collect(), false);

        LazyFrame both = joined.select("x", "name_right").unique();
        assertTrue(both.explain().contains("INNER JOIN"), both.explain());
        DuckDbRows.assertSame(duck, "SELECT DISTINCT b.x, s.name" + from, both.collect(), false);

        LazyFrame subset = joined.select("k", "name_right").unique("k");
        assertTrue(subset.explain().contains("INNER JOIN"), subset.explain());
        try (Statement st = duck.createStatement(); var rs = st.executeQuery("SELECT count(DISTINCT b.k)" + from)) {
            rs.next();
            assertEquals(rs.getLong(1), subset.collect().height());
        }

        // The left key is INTEGER, the right BIGINT: the output's key is the left's, which the right side cannot give.
        LazyFrame wider = big().join(small().select(col("k").cast(DataType.INT64).alias("k"), col("name")), "k", JoinType.INNER)
                .select("k", "name_right").unique();
        assertTrue(wider.explain().contains("INNER JOIN"), wider.explain());
        DuckDbRows.assertSame(duck, "SELECT DISTINCT b.k, s.name" + from, wider.collect(), false);
    }

    /**
     * A LEFT join whose right is a large group-by on the join keys (how SQL's correlated subqueries come out) groups only
     * the keys its filtered left holds: the reduction goes below the group-by, through the keys renamed by added
     * columns (SQL's join keys). Left rows without a match, and with a null key, keep null aggregates.
     */
    @Test
    void leftJoinsGroupOnlyTheKeysTheirLeftHolds() throws Exception {
        LazyFrame left = small().filter(col("id").lt(200L));
        LazyFrame perK = wide().groupBy("k").agg(col("wid").sum().alias("sw"), col("wid").count().alias("n"));
        String perKSql = "(SELECT k, sum(wid) AS sw, count(wid) AS n FROM '" + wide + "' GROUP BY k)";
        LazyFrame q = left.join(perK.withColumns(col("k").alias("kk")), "k", "kk", JoinType.LEFT).select("id", "k", "name", "sw", "n");
        String plan = q.explain();
        assertTrue(plan.indexOf("AGGREGATE BY k") < plan.indexOf("SEMI JOIN"), "the reduction under the group-by:\n" + plan);
        DuckDbRows.assertSame(duck, "SELECT s.id, s.k, s.name, g.sw, g.n FROM '" + small + "' s LEFT JOIN " + perKSql
                + " g ON g.k = s.k WHERE s.id < 200", q.collect(), false);
        // An unfiltered left holds every key: nothing to reduce.
        assertFalse(small().join(perK, "k", JoinType.LEFT).explain().contains("SEMI JOIN"));
        // A filtered group-by input is reduced all the same: its own filter keeps rows of every key. (Its estimate,
        // halved for the filter, is under the size worth reducing: the test hook lowers it.)
        System.setProperty("streamingadaptive.join.minReducedBuildBytes", "0");
        try {
            LazyFrame perKOdd = wide().filter(col("wid").gt(1_000L)).groupBy("k").agg(col("wid").min().alias("mw"));
            LazyFrame odd = left.join(perKOdd, "k", JoinType.LEFT).select("id", "k", "mw");
            assertTrue(odd.explain().indexOf("AGGREGATE BY k") < odd.explain().indexOf("SEMI JOIN"), odd.explain());
            DuckDbRows.assertSame(duck, "SELECT s.id, s.k, g.mw FROM '" + small + "' s LEFT JOIN (SELECT k, min(wid) AS mw FROM '" + wide
                    + "' WHERE wid > 1000 GROUP BY k) g ON g.k = s.k WHERE s.id < 200", odd.collect(), false);
        } finally {
            System.clearProperty("streamingadaptive.join.minReducedBuildBytes");
        }

        // The same through SQL: a correlated scalar subquery, and EXISTS decided on the bounds of a group.
        String scalar = "SELECT id, k FROM '" + small + "' s WHERE id < 200 AND id * 6000 < (SELECT sum(wid) FROM '" + wide
                + "' w WHERE w.k = s.k)";
        String exists = "SELECT id, k FROM '" + small + "' s WHERE id < 200 AND EXISTS (SELECT 1 FROM '" + wide
                + "' w WHERE w.k = s.k AND w.wid <> s.id * 1200)";
        for (String text : List.of(scalar, exists)) {
            LazyFrame viaSql = new SqlContext().query(text);
            String sqlPlan = viaSql.explain();
            assertTrue(sqlPlan.contains("SEMI JOIN") && sqlPlan.lastIndexOf("AGGREGATE BY") < sqlPlan.lastIndexOf("SEMI JOIN"),
                    "the subquery's group-by reduced:\n" + sqlPlan);
            DataFrame rows = viaSql.collect();
            assertTrue(rows.height() > 0, text);
            DuckDbRows.assertSame(duck, text, rows, false);
        }
    }

    /**
     * A semi or anti join on the keys of a group-by below it moves under that group-by, which then only aggregates the
     * groups the join keeps; a large group-by on the right of a filtered left is first reduced by the left's keys and
     * then grouped only for those keys (TPC-H Q21's orders grouped by their lines).
     */
    @Test
    void semiAndAntiJoinsFilterTheGroupByBelowThem() throws Exception {
        String perWidSql = "(SELECT wid, sum(k) AS sk FROM '" + wide + "' GROUP BY wid)";
        LazyFrame perWid = wide().groupBy("wid").agg(col("k").sum().alias("sk"));
        // The group-by on the left: the join goes below it, on the renamed key too.
        for (JoinType how : List.of(JoinType.SEMI, JoinType.ANTI)) {
            LazyFrame q = perWid.select(col("wid").alias("w"), col("sk")).filter(col("sk").gt(3L))
                    .join(small().filter(col("id").lt(250L)), "w", "id", how);
            String plan = q.explain();
            assertTrue(plan.indexOf("AGGREGATE BY wid") < plan.indexOf(how + " JOIN"), "the join under the group-by:\n" + plan);
            DuckDbRows.assertSame(duck, "SELECT wid AS w, sk FROM " + perWidSql + " g WHERE sk > 3 AND " + (how == JoinType.ANTI ? "NOT " : "")
                    + "EXISTS (SELECT 1 FROM '" + small + "' s WHERE s.id = g.wid AND s.id < 250)", q.collect(), false);
        }
        // Null group keys: SEMI drops the null group, ANTI keeps it, as before the move.
        for (JoinType how : List.of(JoinType.SEMI, JoinType.ANTI)) {
            LazyFrame q = small().groupBy("k").agg(col("id").sum().alias("ids")).join(big().filter(col("x").lt(4L)), "k", how);
            assertTrue(q.explain().indexOf("AGGREGATE BY k") < q.explain().indexOf(how + " JOIN"), q.explain());
            DuckDbRows.assertSame(duck, "SELECT k, sum(id) AS ids FROM '" + small + "' s GROUP BY k HAVING " + (how == JoinType.ANTI ? "NOT " : "")
                    + "EXISTS (SELECT 1 FROM '" + big + "' b WHERE b.k = s.k AND b.x < 4)", q.collect(), false);
        }
        // A computed key stays above: its groups are not the join's keys.
        String computed = perWid.withColumns(col("wid").add(1L).alias("wid")).join(small(), "wid", "id", JoinType.SEMI).explain();
        assertTrue(computed.indexOf("SEMI JOIN") < computed.indexOf("AGGREGATE BY wid"), computed);

        // The group-by on the right of a filtered left (1.2M rows grouped): reduced by the left's keys, then grouped
        // only for them, the left computed once.
        LazyFrame left = small().filter(col("id").lt(200L));
        for (JoinType how : List.of(JoinType.SEMI, JoinType.ANTI)) {
            LazyFrame q = left.join(perWid.filter(col("sk").gt(100L)).select("wid"), "id", "wid", how);
            String plan = q.explain();
            assertEquals(how == JoinType.SEMI ? 2 : 1, plan.split("SEMI JOIN", -1).length - 1, plan);
            assertTrue(plan.indexOf("AGGREGATE BY wid") < plan.lastIndexOf("SEMI JOIN"), "the reduction under the group-by:\n" + plan);
            DuckDbRows.assertSame(duck, "SELECT * FROM '" + small + "' s WHERE id < 200 AND " + (how == JoinType.ANTI ? "NOT " : "")
                    + "EXISTS (SELECT 1 FROM " + perWidSql + " g WHERE g.wid = s.id AND g.sk > 100)", q.collect(), false);
        }
        // On an aggregate, not a group key, the reduction could not go below the group-by: it is not made.
        String onSum = left.join(perWid.select("sk"), "id", "sk", JoinType.SEMI).explain();
        assertEquals(1, onSum.split("SEMI JOIN", -1).length - 1, onSum);
        // Two reductions in a row (TPC-H Q21): the second's build repeats the first's result, group-by included; both
        // group-bys still get their reduction below them.
        LazyFrame perWidMax = wide().groupBy("wid").agg(col("k").max().alias("mk"));
        LazyFrame chain = left.join(perWid.filter(col("sk").gt(100L)).select("wid"), "id", "wid", JoinType.SEMI)
                .join(perWidMax.filter(col("mk").gt(50L)).select("wid"), "id", "wid", JoinType.SEMI);
        String[] lines = chain.explain().split("\n");
        int groupBys = 0;
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].contains("AGGREGATE BY wid")) continue;
            groupBys++;
            assertTrue(lines[i + 1].contains("SEMI JOIN"), "reduced below every group-by:\n" + chain.explain());
        }
        assertTrue(groupBys >= 2, chain.explain());
        DuckDbRows.assertSame(duck, "SELECT * FROM '" + small + "' s WHERE id < 200 AND EXISTS (SELECT 1 FROM " + perWidSql
                + " g WHERE g.wid = s.id AND g.sk > 100) AND EXISTS (SELECT 1 FROM (SELECT wid, max(k) AS mk FROM '" + wide
                + "' GROUP BY wid) m WHERE m.wid = s.id AND m.mk > 50)", chain.collect(), false);
        // A group-by used twice is computed once: a semi join does not go below one of its uses.
        LazyFrame perKey = big().groupBy("k").agg(col("x").sum().alias("total"));
        QueryProfile twice = perKey.join(small().filter(col("id").lt(250L)), "k", JoinType.SEMI)
                .crossJoin(perKey.agg(col("total").max().alias("top"))).sort("k").profile();
        assertTrue(twice.plan().indexOf("SEMI JOIN") < twice.plan().indexOf("AGGREGATE BY k"), twice.plan());
        assertEquals(20_000 + 300, twice.scanStatistics().rowsDecoded(), "big decoded once\n" + twice.scanStatistics().describe());
        DuckDbRows.assertSame(duck, "WITH t AS (SELECT k, sum(x) AS total FROM '" + big + "' GROUP BY k) SELECT t.*, m.top FROM t, "
                + "(SELECT max(total) AS top FROM t) m WHERE t.k IN (SELECT k FROM '" + small + "' WHERE id < 250) ORDER BY t.k", twice.result(), true);
        // An unfiltered left holds as many keys as the group-by may: it is built as it is (TPC-H Q18's orders).
        String whole = small().join(perWid.select("wid"), "id", "wid", JoinType.SEMI).explain();
        assertEquals(1, whole.split("SEMI JOIN", -1).length - 1, whole);
    }

    /** A group-by used twice (joined with its own maximum, as TPC-H Q15) runs once: its scan reads each row group once. */
    @Test
    void aGroupByUsedTwiceIsComputedOnce() throws Exception {
        LazyFrame perKey = big().groupBy("k").agg(col("x").sum().alias("total"));
        LazyFrame best = perKey.agg(col("total").max().alias("top"));
        LazyFrame q = perKey.join(best, List.of("total"), List.of("top"), JoinType.SEMI).sort("k");
        QueryProfile p = q.profile();
        assertEquals(20_000, p.scanStatistics().rowsDecoded(), "two scans planned, one run\n" + p.scanStatistics().describe());
        DuckDbRows.assertSame(duck, "WITH t AS (SELECT k, sum(x) AS total FROM '" + big + "' GROUP BY k) "
                + "SELECT * FROM t WHERE total = (SELECT max(total) FROM t) ORDER BY k", p.result(), true);
        // The same plan streamed, and run again: each run computes it afresh.
        try (var s = q.stream()) {
            assertEquals(p.result().height(), s.mapToInt(DataFrame::height).sum());
        }
        assertEquals(p.result().height(), q.collect().height());
    }

    /**
     * A join's output is estimated as a key join's (its larger input's rows): a chain of joins over small tables then
     * probes the big one rather than building it, as a SQL FROM list in that order would.
     */
    /**
     * Inner joins written in an order that makes a large intermediate result (SQL's FROM order: wide's k and big's x,
     * 24M pairs) are reordered by estimated sizes: the filtered small table joins big first, and wide probes what is
     * left. The columns come out as written, a key the new order drops taken from its equal partner.
     */
    @Test
    void innerJoinsAreOrderedByEstimatedSizes() throws Exception {
        String text = "SELECT w.wid, w.k, b.x, b.bid, s.id, s.name FROM '" + wide + "' w, '" + big + "' b, '" + small
                + "' s WHERE w.k = b.x AND b.bid = s.id AND s.name = 'n5'";
        LazyFrame q = new SqlContext().query(text);
        String plan = q.explain();
        int wideAt = plan.indexOf(wide.toString()), bigAt = plan.indexOf(big.toString()), smallAt = plan.indexOf(small.toString());
        int firstJoin = plan.indexOf("INNER JOIN"), secondJoin = plan.indexOf("INNER JOIN", firstJoin + 1);
        // wide probes the top join (its left, listed first); small and big are joined below it, on the other side.
        assertTrue(firstJoin < wideAt && wideAt < secondJoin && secondJoin < bigAt && secondJoin < smallAt,
                "wide probes the join of small and big:\n" + plan);
        DataFrame rows = q.collect();
        assertEquals(List.of("wid", "k", "x", "bid", "id", "name"), rows.schema().names());
        assertEquals(8 * 1200, rows.height());
        DuckDbRows.assertSame(duck, text, rows, false);

        // Written in a good order (small with big first), the same answer.
        String good = "SELECT w.wid, s.id FROM '" + small + "' s, '" + big + "' b, '" + wide + "' w WHERE b.bid = s.id AND w.k = b.x AND s.name = 'n5'";
        DuckDbRows.assertSame(duck, good, new SqlContext().query(good).collect(), false);
        // Keys of different types (w.k BIGINT, b.k INTEGER) are left in the order written: an inner join outputs its
        // left key's type, which a new order would change.
        String mixed = "SELECT w.wid, s.id FROM '" + wide + "' w, '" + big + "' b, '" + small + "' s WHERE w.k = b.k AND b.bid = s.id AND s.id < 3";
        LazyFrame mixedQ = new SqlContext().query(mixed);
        assertTrue(mixedQ.explain().indexOf(wide.toString()) < mixedQ.explain().indexOf(small.toString()), mixedQ.explain());
        DuckDbRows.assertSame(duck, mixed, mixedQ.collect(), false);
    }

    @Test
    void aJoinChainOfSmallTablesProbesTheBigOne() throws Exception {
        LazyFrame pairs = small().select("id", "k").join(small().select(col("id").alias("id2"), col("name")), "id", "id2", JoinType.INNER);
        LazyFrame chain = pairs.join(big().select("bid", "k"), "k", JoinType.INNER);
        String plan = chain.explain();
        assertTrue(plan.indexOf(big.toString()) < plan.indexOf(small.toString()), "the big table probes:\n" + plan);
        DuckDbRows.assertSame(duck, "SELECT s.id, s.k, t.name, b.bid FROM '" + small + "' s JOIN '" + small + "' t ON s.id = t.id JOIN '"
                + big + "' b ON s.k = b.k", chain.select("id", "k", "name", "bid").collect(), false);
        // A semi join's rows are at most its left's: a small semi-joined left is built, not the big right.
        LazyFrame semiLeft = small().join(big().select("k"), "k", JoinType.SEMI).join(big().select("bid", "k"), "k", JoinType.INNER);
        String semiPlan = semiLeft.explain();
        assertTrue(semiPlan.startsWith("SELECT"), "swapped:\n" + semiPlan);
    }
}
