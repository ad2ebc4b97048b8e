package dev.streamingadaptive.exec;

import dev.streamingadaptive.expr.SortKey;
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

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.len;

/**
 * RIGHT and FULL joins whose build side fits probe on all workers ({@link SpillingJoin}) and output the build rows no
 * left row matched only after every left batch has been probed. Each left row group matches build rows no other one
 * does, so a last batch still being probed when the unmatched rows are taken would show its matches twice (joined and
 * unmatched): the counts are checked against DuckDB, many times over, with nulls on both sides, in order where asked.
 */
class InMemoryRightJoinTest {
    @TempDir static Path dir;
    static Path left;
    static Path right;
    static Connection duck;

    @BeforeAll
    static void write() throws Exception {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        left = dir.resolve("left.parquet");
        right = dir.resolve("right.parquet");
        try (Statement s = duck.createStatement()) {
            s.execute("SET threads=1");
            s.execute("COPY (SELECT i AS id, CASE WHEN i % 101 = 0 THEN NULL ELSE i END AS k, i % 7 AS x "
                    + "FROM range(300000) t(i)) TO '" + left + "' (FORMAT parquet, ROW_GROUP_SIZE 20000)");
            s.execute("COPY (SELECT i AS rid, CASE WHEN i % 97 = 0 THEN NULL ELSE i * 2 END AS k, i % 5 AS w "
                    + "FROM range(250000) t(i)) TO '" + right + "' (FORMAT parquet, ROW_GROUP_SIZE 50000)");
        }
    }

    @AfterAll
    static void close() throws Exception {
        duck.close();
    }

    @Test
    void unmatchedBuildRowsComeAfterEveryProbe() throws Exception {
        String from = " FROM '" + left + "' l %s JOIN '" + right + "' r ON l.k = r.k";
        for (int run = 0; run < 10; run++) {
            for (JoinType how : new JoinType[] {JoinType.RIGHT, JoinType.FULL}) {
                LazyFrame joined = LazyFrame.scanParquet(left.toString()).withThreads(2)
                        .join(LazyFrame.scanParquet(right.toString()), "k", how);
                DuckDbRows.assertSame(duck, "SELECT count(*), count(id), count(rid), sum(x), sum(w)" + from.formatted(how),
                        joined.agg(len(), col("id").count(), col("rid").count(), col("x").sum(), col("w").sum()).collect(), false);
            }
        }
        // In the left's order (matched rows), then the unmatched build rows in the build's order.
        LazyFrame ordered = LazyFrame.scanParquet(left.toString()).withThreads(2)
                .join(LazyFrame.scanParquet(right.toString()), "k", JoinType.RIGHT).select("id", "rid", "k");
        DuckDbRows.assertSame(duck, "SELECT id, rid, r.k" + from.formatted("RIGHT") + " ORDER BY id NULLS LAST, rid",
                ordered.sort(SortKey.asc("id").nullsLast(), SortKey.asc("rid")).collect(), true);
    }
}
