package dev.streamingadaptive.tpch;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.lazy.LazyFrame;
import dev.streamingadaptive.sql.SqlContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 22 standard TPC-H SQL texts ({@code tpch/qNN.sql}, validation parameters) run through our SQL
 * front end give DuckDB's answers to the same texts over the same Parquet files at scale factor 0.1
 * ({@code -Dtpch.sf=1} for another).
 */
class TpchSqlTest {
    static Path dir;
    static TpchOracle duck;
    static SqlContext sql;

    @BeforeAll
    static void open() {
        dir = TpchOracle.data(TpchOracle.requestedScaleFactor());
        duck = TpchOracle.over(dir);
        sql = new SqlContext();
        for (String t : TpchOracle.TABLES) sql.register(t, LazyFrame.scanParquet(TpchData.file(dir, t)));
    }

    @AfterAll
    static void close() throws Exception {
        duck.close();
    }

    static IntStream queries() {
        return IntStream.rangeClosed(1, 22);
    }

    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queries")
    void answersAsDuckDb(int n) {
        DataFrame ours = sql.query(TpchOracle.sql(n)).collect();
        TpchOracle.assertMatches(n, duck.run(n), ours);
    }

    /**
     * With every group-by on the right of a join reduced by the left's keys, however small (at SF 0.1 none is large
     * enough to be): the correlated subqueries of Q2, Q17, Q20 and Q21 group only the keys their left holds, and the
     * answers stay DuckDB's.
     */
    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queries")
    void answersAsDuckDbWithEveryGroupByReduced(int n) {
        System.setProperty(MIN_REDUCED_BUILD, "0");
        try {
            LazyFrame q = sql.query(TpchOracle.sql(n));
            if (n == 2 || n == 17 || n == 20 || n == 21) assertTrue(reducedBelowAGroupBy(q.explain()), "the group-by reduced by the left's keys:\n" + q.explain());
            TpchOracle.assertMatches(n, duck.run(n), q.collect());
        } finally {
            System.clearProperty(MIN_REDUCED_BUILD);
        }
    }

    /** Whether a semi join is right below a group-by in {@code plan}: the reduction by the left's keys. */
    private static boolean reducedBelowAGroupBy(String plan) {
        String[] lines = plan.split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            if (lines[i].contains("AGGREGATE BY") && lines[i + 1].contains("SEMI JOIN")) return true;
        }
        return false;
    }

    private static final String MIN_REDUCED_BUILD = "streamingadaptive.join.minReducedBuildBytes";
}
