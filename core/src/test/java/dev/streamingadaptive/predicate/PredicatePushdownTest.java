package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.reader.AdaptiveStreamingReader;
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
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Row-group pruning and row filtering give exactly DuckDB's answers (count and the ids of matching rows). */
class PredicatePushdownTest {
    @TempDir
    static Path dir;
    static Path file;
    static Connection duck;

    @BeforeAll
    static void write() throws Exception {
        file = dir.resolve("t.parquet");
        duck = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT i AS id, 'S' || (i % 97) AS sym, CASE WHEN i % 11 = 0 THEN NULL ELSE ((i % 1000) * 0.5)::DOUBLE END AS price, "
                    + "(i % 13)::INTEGER AS size, CASE WHEN i % 5 = 0 THEN 'nan'::DOUBLE ELSE i / 7.0 END AS d "
                    + "FROM range(100000) t(i)) TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 10000)");
        }
    }

    @AfterAll
    static void close() throws Exception {
        duck.close();
    }

    private static long[] duckdb(String where) throws Exception {
        try (Statement s = duck.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), coalesce(sum(id), 0) FROM '" + file + "' WHERE " + where)) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    /**
     * Count and sum of ids of our matching rows, read twice: through the generic PredicatePushdown
     * path (filter after decoding) and with the RowPredicate itself (late materialisation, all
     * pruning levels); both must agree. Counts the row groups pruned by statistics.
     */
    private static long[] ours(RowPredicate p, AtomicInteger skipped) {
        PredicatePushdown generic = new PredicatePushdown() {
            @Override public boolean shouldSkipRowGroup(RowGroupMetadata stats) { return p.shouldSkipRowGroup(stats); }
            @Override public DataFrame apply(DataFrame df) { return p.apply(df); }
        };
        long[] viaGeneric = countAndSum(generic, null);
        long[] direct = countAndSum(p, skipped);
        assertEquals(viaGeneric[0], direct[0], p + ": count, generic vs late materialisation");
        assertEquals(viaGeneric[1], direct[1], p + ": sum, generic vs late materialisation");
        return direct;
    }

    private static long[] countAndSum(PredicatePushdown p, AtomicInteger skipped) {
        long count = 0;
        long sum = 0;
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(file).withPredicate(p)) {
            // A RowPredicate names its columns, so the reader decodes them without their being selected.
            if (p instanceof RowPredicate) r.withColumns("id");
            for (DataFrame df : r) {
                count += df.height();
                for (int i = 0; i < df.height(); i++) sum += (Long) df.column("id").get(i);
            }
            if (skipped != null) skipped.set((int) r.scanStatistics().rowGroupsPrunedByStatistics());
        }
        return new long[] {count, sum};
    }

    private static void same(String where, RowPredicate p, int minSkipped) throws Exception {
        AtomicInteger skipped = new AtomicInteger();
        long[] expected = duckdb(where);
        long[] actual = ours(p, skipped);
        assertEquals(expected[0], actual[0], where + ": count");
        assertEquals(expected[1], actual[1], where + ": sum of ids");
        assertTrue(skipped.get() >= minSkipped, where + ": skipped " + skipped.get() + " row groups, expected at least " + minSkipped);
    }

    @Test
    void rangeOnSortedColumnSkipsRowGroups() throws Exception {
        same("id >= 42000 AND id < 43000",
                new ComparisonPredicate("id", ComparisonPredicate.Op.GE, 42000).and(new ComparisonPredicate("id", ComparisonPredicate.Op.LT, 43000)), 9);
        same("id = 77777", new ComparisonPredicate("id", ComparisonPredicate.Op.EQ, 77777L), 9);
        same("id > 99999", new ComparisonPredicate("id", ComparisonPredicate.Op.GT, 99999), 10);
        same("id <= 5", new ComparisonPredicate("id", ComparisonPredicate.Op.LE, 5), 9);
        same("id != 5", new ComparisonPredicate("id", ComparisonPredicate.Op.NE, 5), 0);
    }

    @Test
    void stringsNullsNanAndBooleanLogic() throws Exception {
        same("sym = 'S5'", new ComparisonPredicate("sym", ComparisonPredicate.Op.EQ, "S5"), 0);
        same("sym IN ('S5', 'S96', 'nope')", new ColumnFilterPredicate("sym", List.of("S5", "S96", "nope")), 0);
        same("sym > 'S90'", new ComparisonPredicate("sym", ComparisonPredicate.Op.GT, "S90"), 0);
        same("price > 400", new ComparisonPredicate("price", ComparisonPredicate.Op.GT, 400), 0);
        same("NOT (price > 400)", new NotPredicate(new ComparisonPredicate("price", ComparisonPredicate.Op.GT, 400)), 0);
        same("price > 400 OR size = 3",
                new ComparisonPredicate("price", ComparisonPredicate.Op.GT, 400).or(new ComparisonPredicate("size", ComparisonPredicate.Op.EQ, 3)), 0);
        same("size = 3 AND id < 20000",
                new ComparisonPredicate("size", ComparisonPredicate.Op.EQ, 3).and(new ComparisonPredicate("id", ComparisonPredicate.Op.LT, 20000)), 8);
        same("d > 1000", new ComparisonPredicate("d", ComparisonPredicate.Op.GT, 1000), 0);
        // Floating max bounds leave NaN out and NaN sorts highest, so only the min bound prunes.
        same("price > 1000", new ComparisonPredicate("price", ComparisonPredicate.Op.GT, 1000), 0);
        same("price < -1", new ComparisonPredicate("price", ComparisonPredicate.Op.LT, -1), 10);
        same("d = 'nan'::DOUBLE", new ComparisonPredicate("d", ComparisonPredicate.Op.EQ, Double.NaN), 0);
    }
}
