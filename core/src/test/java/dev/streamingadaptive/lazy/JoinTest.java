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
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.len;
import static dev.streamingadaptive.expr.Expr.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Equality joins against DuckDB on DuckDB-written files of several row groups: every join type on
 * int32, int64, string (multi-byte), date and decimal keys, one and several key columns, null keys
 * (never equal) and duplicate keys on both sides, empty sides, int32 against int64, joins under
 * filters, group-bys and sorts, the output columns Polars names, and the refusals (key types that
 * do not compare, a build side over the memory budget with spilling off, a cross product too large).
 */
class JoinTest {
    @TempDir static Path dir;
    static Path leftFile;
    static Path rightFile;
    static Connection duck;

    static final String LEFT_SELECT = "SELECT i AS id, "
            + "CASE WHEN i % 13 = 0 THEN NULL ELSE (i % 50)::INTEGER END AS k32, "
            + "CASE WHEN i % 19 = 0 THEN NULL ELSE (i % 40)::BIGINT END AS k64, "
            + "CASE WHEN i % 17 = 0 THEN NULL ELSE ['ä','Zürich','東京','a b','','x'][1 + i % 6] || (i % 5)::VARCHAR END AS s, "
            + "CASE WHEN i % 23 = 0 THEN NULL ELSE DATE '2024-02-20' + (i % 20)::INTEGER END AS d, "
            + "((i % 30) / 4)::DECIMAL(9,2) AS dec, "
            + "(i * 37 % 101) / 4.0 AS v ";
    static final String RIGHT_SELECT = "SELECT i AS rid, "
            + "CASE WHEN i % 11 = 0 THEN NULL ELSE ((i * 7) % 70)::INTEGER END AS k32, "
            + "CASE WHEN i % 7 = 0 THEN NULL ELSE ((i * 3) % 45)::BIGINT END AS k64, "
            + "CASE WHEN i % 9 = 0 THEN NULL ELSE ['ä','Zürich','東京','a b','','y'][1 + (i * 5) % 6] || (i % 4)::VARCHAR END AS s, "
            + "CASE WHEN i % 29 = 0 THEN NULL ELSE DATE '2024-02-25' + (i % 25)::INTEGER END AS d, "
            + "((i % 36) / 4)::DECIMAL(9,2) AS dec, "
            + "(i % 17) * 1.5 AS v, i % 6 AS w ";

    static final String L_ALL = "l.id, l.k32, l.k64, l.s, l.d, l.dec, l.v";
    static final List<String> LEFT_NAMES = List.of("id", "k32", "k64", "s", "d", "dec", "v");

    @BeforeAll
    static void write() throws Exception {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        leftFile = dir.resolve("left.parquet");
        rightFile = dir.resolve("right.parquet");
        try (Statement s = duck.createStatement()) {
            s.execute("SET threads=1");
            s.execute("COPY (" + LEFT_SELECT + "FROM range(2000) t(i)) TO '" + leftFile + "' (FORMAT parquet, ROW_GROUP_SIZE 300)");
            s.execute("COPY (" + RIGHT_SELECT + "FROM range(700) t(i)) TO '" + rightFile + "' (FORMAT parquet, ROW_GROUP_SIZE 250)");
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

    private static String tables() {
        return " FROM '" + leftFile + "' l ";
    }

    private static String r() {
        return " '" + rightFile + "' r ";
    }

    @Test
    void everyJoinTypeOnAnInt32KeyWithNullsAndDuplicates() throws Exception {
        DataFrame inner = left().join(right(), "k32", JoinType.INNER).collect();
        assertEquals(List.of("id", "k32", "k64", "s", "d", "dec", "v", "rid", "k64_right", "s_right", "d_right", "dec_right", "v_right", "w"),
                inner.schema().names());
        String rightNonKey = ", r.rid, r.k64, r.s, r.d, r.dec, r.v, r.w";
        same("SELECT " + L_ALL + rightNonKey + tables() + "JOIN" + r() + "ON l.k32 = r.k32", inner, false);
        assertTrue(inner.height() > 2000, "many-to-many: " + inner.height());

        DataFrame leftJoin = left().join(right(), "k32", JoinType.LEFT).collect();
        same("SELECT " + L_ALL + rightNonKey + tables() + "LEFT JOIN" + r() + "ON l.k32 = r.k32", leftJoin, false);

        DataFrame rightJoin = left().join(right(), "k32", JoinType.RIGHT).collect();
        assertEquals(List.of("id", "k64", "s", "d", "dec", "v", "rid", "k32", "k64_right", "s_right", "d_right", "dec_right", "v_right", "w"),
                rightJoin.schema().names());
        same("SELECT l.id, l.k64, l.s, l.d, l.dec, l.v, r.rid, r.k32, r.k64, r.s, r.d, r.dec, r.v, r.w" + tables() + "RIGHT JOIN" + r()
                + "ON l.k32 = r.k32", rightJoin, false);

        DataFrame full = left().join(right(), "k32", JoinType.FULL).collect();
        assertEquals(List.of("id", "k32", "k64", "s", "d", "dec", "v", "rid", "k32_right", "k64_right", "s_right", "d_right", "dec_right",
                "v_right", "w"), full.schema().names());
        same("SELECT " + L_ALL + ", r.rid, r.k32, r.k64, r.s, r.d, r.dec, r.v, r.w" + tables() + "FULL OUTER JOIN" + r()
                + "ON l.k32 = r.k32", full, false);

        DataFrame semi = left().join(right(), "k32", JoinType.SEMI).collect();
        assertEquals(LEFT_NAMES, semi.schema().names());
        same("SELECT " + L_ALL + tables() + "WHERE EXISTS (SELECT 1 FROM" + r() + "WHERE r.k32 = l.k32) ORDER BY l.id", semi, true);
        same("SELECT " + L_ALL + tables() + "SEMI JOIN" + r() + "ON l.k32 = r.k32", semi, false);

        DataFrame anti = left().join(right(), "k32", JoinType.ANTI).collect();
        same("SELECT " + L_ALL + tables() + "WHERE NOT EXISTS (SELECT 1 FROM" + r() + "WHERE r.k32 = l.k32) ORDER BY l.id", anti, true);
        same("SELECT " + L_ALL + tables() + "ANTI JOIN" + r() + "ON l.k32 = r.k32", anti, false);
    }

    @Test
    void innerAndLeftKeepLeftOrder() throws Exception {
        // Left rows in left order; a left row's matches in right order.
        DataFrame inner = left().join(right(), "k64", JoinType.INNER).select("id", "rid").collect();
        same("SELECT l.id, r.rid" + tables() + "JOIN" + r() + "ON l.k64 = r.k64 ORDER BY l.id, r.rid", inner, true);
        DataFrame leftJoin = left().join(right(), "k64", JoinType.LEFT).select("id", "rid", "w").collect();
        same("SELECT l.id, r.rid, r.w" + tables() + "LEFT JOIN" + r() + "ON l.k64 = r.k64 ORDER BY l.id, r.rid", leftJoin, true);
    }

    @Test
    void stringDateAndDecimalKeysOneAndSeveral() throws Exception {
        for (String key : List.of("s", "d", "dec", "k64")) {
            for (JoinType how : List.of(JoinType.INNER, JoinType.LEFT, JoinType.FULL, JoinType.ANTI)) {
                DataFrame ours = left().join(right(), key, how).collect();
                String sql = switch (how) {
                    case INNER, LEFT -> "SELECT " + L_ALL + ", r.rid, r.w" + tables() + (how == JoinType.LEFT ? "LEFT " : "") + "JOIN" + r()
                            + "ON l." + key + " = r." + key;
                    case FULL -> "SELECT " + L_ALL + ", r.rid, r." + key + ", r.w" + tables() + "FULL JOIN" + r() + "ON l." + key + " = r." + key;
                    default -> "SELECT " + L_ALL + tables() + "ANTI JOIN" + r() + "ON l." + key + " = r." + key;
                };
                List<String> cols = new ArrayList<>(LEFT_NAMES);
                if (how != JoinType.ANTI) cols.add("rid");
                if (how == JoinType.FULL) cols.add(key + "_right");
                if (how != JoinType.ANTI) cols.add("w");
                same(sql, ours.select(cols.toArray(String[]::new)), false);
            }
        }
        List<String> keys = List.of("s", "d", "dec");
        for (JoinType how : List.of(JoinType.INNER, JoinType.LEFT, JoinType.RIGHT, JoinType.FULL, JoinType.SEMI, JoinType.ANTI)) {
            LazyFrame j = left().join(right(), keys, how);
            String on = " ON l.s = r.s AND l.d = r.d AND l.dec = r.dec";
            switch (how) {
                case INNER, LEFT -> same("SELECT l.id, l.s, l.d, l.dec, r.rid, r.v" + tables() + how + " JOIN" + r() + on,
                        j.select("id", "s", "d", "dec", "rid", "v_right").collect(), false);
                case RIGHT -> same("SELECT l.id, r.s, r.d, r.dec, r.rid, r.v" + tables() + "RIGHT JOIN" + r() + on,
                        j.select("id", "s", "d", "dec", "rid", "v_right").collect(), false);
                case FULL -> same("SELECT l.id, l.s, l.d, l.dec, r.rid, r.s, r.d, r.dec" + tables() + "FULL JOIN" + r() + on,
                        j.select("id", "s", "d", "dec", "rid", "s_right", "d_right", "dec_right").collect(), false);
                default -> same("SELECT l.id, l.s" + tables() + how + " JOIN" + r() + on + " ORDER BY l.id",
                        j.select("id", "s").collect(), true);
            }
        }
        // Two integer keys: composite ids.
        same("SELECT l.id, r.rid" + tables() + "JOIN" + r() + "ON l.k32 = r.k32 AND l.k64 = r.k64",
                left().join(right(), List.of("k32", "k64"), JoinType.INNER).select("id", "rid").collect(), false);
    }

    @Test
    void int32JoinsInt64AndDifferentKeyNames() throws Exception {
        DataFrame ours = left().join(right(), List.of("k32"), List.of("k64"), JoinType.INNER).collect();
        assertEquals(List.of("id", "k32", "k64", "s", "d", "dec", "v", "rid", "k32_right", "s_right", "d_right", "dec_right", "v_right", "w"),
                ours.schema().names());
        same("SELECT " + L_ALL + ", r.rid, r.k32, r.s, r.d, r.dec, r.v, r.w" + tables() + "JOIN" + r() + "ON l.k32 = r.k64", ours, false);
        same("SELECT l.id, r.rid" + tables() + "LEFT JOIN" + r() + "ON l.k64 = r.k32",
                left().join(right(), List.of("k64"), List.of("k32"), JoinType.LEFT).select("id", "rid").collect(), false);
    }

    @Test
    void joinOfAJoinAndStreamedOutput() throws Exception {
        LazyFrame twice = left().join(right(), "k32", JoinType.INNER).select("id", "rid", "s")
                .join(left().select("id", "d"), "id", JoinType.LEFT).join(right().select("rid", "w"), "rid", JoinType.SEMI);
        same("SELECT a.id, a.rid, a.s, l2.d FROM (SELECT l.id, r.rid, l.s" + tables() + "JOIN" + r() + "ON l.k32 = r.k32) a "
                + "LEFT JOIN '" + leftFile + "' l2 ON a.id = l2.id WHERE a.rid IN (SELECT rid FROM '" + rightFile + "') ORDER BY a.id, a.rid",
                twice.collect(), true);
        try (var batches = left().join(right(), "k64", JoinType.LEFT).select("id", "rid").stream()) {
            DataFrame streamed = dev.streamingadaptive.scan.Frames.concat(batches.toList());
            same("SELECT l.id, r.rid" + tables() + "LEFT JOIN" + r() + "ON l.k64 = r.k64 ORDER BY l.id, r.rid", streamed, true);
        }
    }

    @Test
    void keyTypesThatDoNotCompareAreRefusedWhenWritten() {
        ExprTypeException e = assertThrows(ExprTypeException.class,
                () -> left().join(right(), List.of("s"), List.of("k32"), JoinType.INNER));
        assertTrue(e.getMessage().contains("left column s") && e.getMessage().contains("right column k32"), e.getMessage());
        assertThrows(ExprTypeException.class, () -> left().join(right(), "nope", JoinType.LEFT));
    }

    @Test
    void emptySides() throws Exception {
        LazyFrame none = right().filter(col("rid").lt(lit(0)));
        assertEquals(0, left().join(none, "k32", JoinType.INNER).collect().height());
        same("SELECT " + L_ALL + ", NULL, NULL" + tables() + "ORDER BY l.id",
                left().join(none, "k32", JoinType.LEFT).select("id", "k32", "k64", "s", "d", "dec", "v", "rid", "w").collect(), true);
        same("SELECT " + L_ALL + tables() + "ORDER BY l.id", left().join(none, "k32", JoinType.ANTI).collect(), true);
        assertEquals(0, left().join(none, "k32", JoinType.SEMI).collect().height());
        LazyFrame noLeft = left().filter(col("id").lt(lit(0)));
        same("SELECT NULL, r.rid, r.k32" + " FROM" + r(), noLeft.join(right(), "k32", JoinType.RIGHT).select("id", "rid", "k32").collect(), false);
        same("SELECT NULL, NULL, r.rid, r.k32" + " FROM" + r(),
                noLeft.join(right(), "k32", JoinType.FULL).select("id", "k32", "rid", "k32_right").collect(), false);
        assertEquals(0, noLeft.join(none, "k32", JoinType.FULL).collect().height());
    }

    @Test
    void joinsUnderFiltersGroupBysAndSorts() throws Exception {
        LazyFrame q = left().join(right(), "k32", JoinType.INNER)
                .filter(col("v").gt(lit(5)).and(col("w").lt(lit(4))).and(col("v").lt(col("v_right").mul(lit(3)))))
                .groupBy("s").agg(len().alias("n"), col("w").sum().alias("sw"), col("rid").max().alias("mr"))
                .sort(SortKey.desc("n"), SortKey.asc("s").nullsFirst());
        String plan = q.explain();

        assertTrue(plan.contains("INNER JOIN on [k32]"), plan);
        same("SELECT l.s, count(*) AS n, sum(r.w), max(r.rid)" + tables() + "JOIN" + r() + "ON l.k32 = r.k32 "
                + "WHERE l.v > 5 AND r.w < 4 AND l.v < r.v * 3 GROUP BY l.s ORDER BY n DESC, l.s ASC NULLS FIRST", q.collect(), true);
        // Filters on one side move below the join into that side's scan; the mixed one stays above.
        assertTrue(plan.contains("FILTER (v < (v_right * 3))\n      INNER JOIN"), plan);
        assertTrue(plan.contains("columns: 3/7 [k32, s, v]\n          pushed filter (prunes row groups, pages, files): (v > 5)"), plan);
        assertTrue(plan.contains("columns: 4/8 [rid, k32, v, w]\n          pushed filter (prunes row groups, pages, files): (w < 4)"), plan);
        LazyFrame pushed = left().join(right(), "k32", JoinType.LEFT).filter(col("id").lt(lit(500)).and(col("w").eq(lit(1))))
                .select("id", "rid", "w");
        // Below a LEFT join only the left side's filter moves: the right one must see the null-extended rows.
        String leftPlan = pushed.explain();
        assertTrue(leftPlan.contains("FILTER (w = 1)\n    LEFT JOIN") && leftPlan.contains("pushed filter (prunes row groups, pages, files): (id < 500)")
                && !leftPlan.contains("(w = 1)\n      SCAN"), leftPlan);
        same("SELECT l.id, r.rid, r.w" + tables() + "LEFT JOIN" + r() + "ON l.k32 = r.k32 WHERE l.id < 500 AND r.w = 1",
                pushed.collect(), false);
        same("SELECT l.id, r.rid" + tables() + "JOIN" + r() + "ON l.k32 = r.k32 WHERE l.id BETWEEN 100 AND 200 AND r.rid % 2 = 0 "
                + "ORDER BY r.rid DESC, l.id LIMIT 25",
                left().join(right(), "k32", JoinType.INNER).filter(col("id").gtEq(lit(100)).and(col("id").ltEq(lit(200))))
                        .filter(col("rid").mod(lit(2)).eq(lit(0))).sort(SortKey.desc("rid"), SortKey.asc("id"))
                        .select("id", "rid").head(25).collect(), true);
        same("SELECT l.id, r.rid" + tables() + "FULL JOIN" + r() + "ON l.k32 = r.k32 WHERE l.id < 300 OR l.id IS NULL",
                left().join(right(), "k32", JoinType.FULL).filter(col("id").lt(lit(300)).or(col("id").isNull())).select("id", "rid").collect(),
                false);
    }

    @Test
    void crossJoinAndDataFrameJoin() throws Exception {
        DataFrame a = left().head(40).select("id", "s").collect();
        DataFrame b = right().head(15).select("rid", "s", "w").collect();
        DataFrame cross = a.lazy().crossJoin(b.lazy()).collect();
        assertEquals(List.of("id", "s", "rid", "s_right", "w"), cross.schema().names());
        same("SELECT l.id, l.s, r.rid, r.s, r.w FROM (SELECT * FROM '" + leftFile + "' WHERE id < 40) l CROSS JOIN (SELECT * FROM '"
                + rightFile + "' WHERE rid < 15) r ORDER BY l.id, r.rid", cross, true);
        LazyFrame filteredCross = left().crossJoin(right()).filter(col("id").lt(lit(30)).and(col("rid").gtEq(lit(680))))
                .select("id", "rid", "v_right");
        String plan = filteredCross.explain();
        assertTrue(plan.contains("(id < 30)") && plan.contains("(rid >= 680)") && !plan.contains("FILTER"), plan);
        same("SELECT l.id, r.rid, r.v" + tables() + "CROSS JOIN" + r() + "WHERE l.id < 30 AND r.rid >= 680", filteredCross.collect(), false);
        // A right column already named like a suffixed one: suffixes chain, and pruning keeps the names.
        LazyFrame chained = left().select("id", "v").join(right().withColumns(col("w").alias("v_right")), List.of("id"), List.of("rid"),
                JoinType.INNER);
        assertEquals(List.of("id", "v", "k32", "k64", "s", "d", "dec", "v_right", "w", "v_right_right"), chained.schema().names());
        same("SELECT r.w" + tables() + "JOIN" + r() + "ON l.id = r.rid ORDER BY l.id", chained.select("v_right_right").collect(), true);
        DataFrame eager = a.join(b, "s", JoinType.LEFT);
        same("SELECT l.id, l.s, r.rid, r.w FROM (SELECT * FROM '" + leftFile + "' WHERE id < 40) l LEFT JOIN (SELECT * FROM '"
                + rightFile + "' WHERE rid < 15) r ON l.s = r.s", eager, false);
        same("SELECT l.id, l.s, r.rid, r.w FROM (SELECT * FROM '" + leftFile + "' WHERE id < 40) l JOIN (SELECT * FROM '"
                + rightFile + "' WHERE rid < 15) r ON l.s = r.s", a.join(b, List.of("s"), JoinType.INNER), false);
    }

    @Test
    void buildSideOverTheBudgetIsRefusedNamingTheJoin() throws Exception {
        DataFrame big = left().collect();
        for (int i = 0; i < 6; i++) big = LazyFrame.concat(big.lazy(), big.lazy()).collect(); // 128,000 rows
        DataFrame small = right().collect();
        DataFrame build = big;
        MemoryBudgetExceededException e = assertThrows(MemoryBudgetExceededException.class,
                () -> small.lazy().join(build.lazy(), "s", JoinType.SEMI).withMemoryManager(MemoryManager.fixed(1 << 20)).withoutSpilling()
                        .collect());
        // Refused collecting the build side (it may take half the budget) or building its table, naming the join either way;
        // the optimizer first reduces so large a semi build by the left's keys (JoinBuildSide), and here nearly every
        // row is kept: then the reduced rows, held for the outer join's build, are what does not fit.
        assertTrue(e.getMessage().startsWith("join [s] build side (right)") || e.getMessage().startsWith("join [s] (build side: right, 128,000 rows")
                || e.getMessage().startsWith("join [s] output"), e.getMessage());
        assertTrue(e.getMessage().contains("spilling is off"), e.getMessage());
        // An INNER join builds from the smaller input (the optimizer swaps the sides): then its output is what does not fit.
        MemoryBudgetExceededException o = assertThrows(MemoryBudgetExceededException.class,
                () -> small.lazy().join(build.lazy(), "s", JoinType.INNER).withMemoryManager(MemoryManager.fixed(12 << 20)).withoutSpilling()
                        .collect());
        assertTrue(o.getMessage().startsWith("join [s] output") && o.getMessage().contains("spilling is off"), o.getMessage());
        MemoryBudgetExceededException c = assertThrows(MemoryBudgetExceededException.class,
                () -> build.lazy().crossJoin(small.lazy()).withMemoryManager(MemoryManager.fixed(64 << 20)).collect());
        assertTrue(c.getMessage().startsWith("cross join"), c.getMessage());
    }

    /** The README's join example, as written there (only the paths differ), equals DuckDB's answer. */
    @Test
    void readmeJoinExample() throws Exception {
        Path trades = java.nio.file.Files.createDirectories(dir.resolve("trades"));
        Path symbols = dir.resolve("symbols.parquet");
        try (Statement s = duck.createStatement()) {
            for (int f = 0; f < 3; f++) {
                s.execute("COPY (SELECT ['AAPL','MSFT','東京','XYZ'][1 + (i % 4)] AS symbol, CASE WHEN i % 9 = 0 THEN -1.0 ELSE i * 0.5 END AS price, "
                        + "(i % 100)::INTEGER AS size FROM range(" + (f * 1000) + ", " + (f * 1000 + 1000) + ") t(i)) TO '"
                        + trades.resolve("part-" + f + ".parquet") + "' (FORMAT parquet)");
            }
            s.execute("COPY (SELECT * FROM (VALUES ('AAPL', 'tech'), ('MSFT', 'tech'), ('東京', 'index')) v(symbol, sector)) TO '" + symbols
                    + "' (FORMAT parquet)");
        }
        String tradesGlob = trades + "/*.parquet";
        String symbolsFile = symbols.toString();
        DataFrame enriched = LazyFrame.scanParquet(tradesGlob)
                .join(LazyFrame.scanParquet(symbolsFile), "symbol", JoinType.LEFT)
                .filter(col("price").gt(lit(0)))          // pushed into the trades scan
                .groupBy("sector")
                .agg(col("size").sum().alias("volume"))
                .collect();
        same("SELECT sector, sum(size) FROM '" + tradesGlob + "' t LEFT JOIN '" + symbols + "' s USING (symbol) WHERE price > 0 GROUP BY sector",
                enriched, false);
    }

    private static void same(String sql, DataFrame ours, boolean ordered) throws Exception {
        DuckDbRows.assertSame(duck, sql, ours, ordered);
    }
}
