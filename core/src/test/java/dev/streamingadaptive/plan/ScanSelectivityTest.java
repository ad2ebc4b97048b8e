package dev.streamingadaptive.plan;

import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.reader.ParallelStreamReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The share of rows a scan's filter keeps, as the join order estimates it: ranges from the footers' min and max,
 * equalities from dictionary sizes, a fifth for what it cannot read, conjuncts multiplied.
 */
class ScanSelectivityTest {
    @TempDir static Path dir;
    static ParquetSource source;
    static final LocalDate DAY0 = LocalDate.of(2020, 1, 1);

    @BeforeAll
    static void write() throws Exception {
        Path file = dir.resolve("t.parquet");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            // d: 1,001 days (0..1000) in no order; tag: 50 values, dictionary-encoded; row groups of 10,000 rows.
            s.execute("COPY (SELECT DATE '2020-01-01' + ((i * 7919) % 1001)::INTEGER AS d, 't' || (i % 50)::VARCHAR AS tag, i AS n "
                    + "FROM range(100000) t(i)) TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 10000)");
        }
        Schema schema;
        try (ParallelStreamReader r = ParallelStreamReader.fromGlob(file.toString())) {
            schema = r.schema();
        }
        source = new ParquetSource(file.toString(), 1, schema, () -> ParallelStreamReader.fromGlob(file.toString()));
    }

    private static double share(Expr filter) {
        return ScanSelectivity.of(ScanNode.of(source).withPredicate(filter));
    }

    @Test
    void rangesKeepThePartOfTheColumnsBoundsTheyCover() {
        assertEquals(1.0, ScanSelectivity.of(ScanNode.of(source)));
        // 250 of the 1,000 days between the column's min and max.
        assertEquals(0.25, share(col("d").gtEq(DAY0.plusDays(100)).and(col("d").lt(DAY0.plusDays(350)))), 1e-9);
        assertEquals(0.25, share(col("d").isBetween(lit(DAY0.plusDays(100)), lit(DAY0.plusDays(350)))), 1e-9);
        // The literal on the left, and a bound past the column's max.
        assertEquals(0.1, share(lit(DAY0.plusDays(900)).lt(col("d")).and(col("d").lt(DAY0.plusDays(5000)))), 1e-9);
        assertEquals(0.5, share(col("n").lt(50_000L)), 1e-4);
        // Outside the bounds: a floor, not zero.
        assertEquals(1e-4, share(col("n").gtEq(1_000_000L)), 1e-12);
    }

    @Test
    void equalitiesKeepTheirShareOfTheDictionarysValues() {
        assertEquals(1.0 / 50, share(col("tag").eq(lit("t7"))), 1e-9);
        assertEquals(3.0 / 50, share(col("tag").isIn("t1", "t2", "t3")), 1e-9);
        // Conjuncts multiply.
        assertEquals(0.25 / 50, share(col("tag").eq(lit("t7")).and(col("d").isBetween(lit(DAY0.plusDays(100)), lit(DAY0.plusDays(350))))), 1e-9);
        // A filter it cannot read keeps a fifth.
        assertEquals(ScanSelectivity.UNKNOWN, share(col("tag").contains("7")), 1e-9);
        assertEquals(ScanSelectivity.UNKNOWN / 50, share(col("tag").contains("7").and(col("tag").eq(lit("t7")))), 1e-9);
    }
}
