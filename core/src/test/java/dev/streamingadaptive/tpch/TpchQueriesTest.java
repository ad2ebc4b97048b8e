package dev.streamingadaptive.tpch;

import dev.streamingadaptive.frame.DataFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.stream.IntStream;

/**
 * The 22 TPC-H queries of {@link TpchQueries} at scale factor 0.1 give DuckDB's answers to the
 * standard SQL texts over the same Parquet files (see {@link TpchOracle} for what "the same" means).
 * The data is made once under {@code target/} and reused by later runs; {@code -Dtpch.sf=1} runs
 * the same checks at another scale factor.
 */
class TpchQueriesTest {
    static Path dir;
    static TpchOracle duck;

    @BeforeAll
    static void open() {
        dir = TpchOracle.data(Double.parseDouble(System.getProperty("tpch.sf", Double.toString(TpchOracle.SCALE_FACTOR))));
        duck = TpchOracle.over(dir);
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
        DataFrame ours = TpchQueries.query(n, dir).collect();
        TpchOracle.assertMatches(n, duck.run(n), ours);
    }
}
