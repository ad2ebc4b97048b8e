package dev.streamingadaptive.tpch;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.memory.MemoryManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.stream.IntStream;

/**
 * The 22 TPC-H queries of {@link TpchQueries} at scale factor 0.1 give DuckDB's answers to the
 * standard SQL texts over the same Parquet files (see {@link TpchOracle} for what "the same" means),
 * also within a small memory budget.
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

    /**
     * Within a 64 MB budget and without spilling, every query still fits at SF 0.1 (the largest
     * state, Q18's and Q21's group-by per order, needs about 20 MB) and gives the same answers.
     */
    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queries")
    void answersAsDuckDbWithin64Megabytes(int n) {
        DataFrame ours = TpchQueries.query(n, dir).withMemoryManager(MemoryManager.fixed(64L << 20)).withoutSpilling().collect();
        TpchOracle.assertMatches(n, duck.run(n), ours);
    }
}
