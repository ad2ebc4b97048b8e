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
}
