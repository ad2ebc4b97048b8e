package dev.streamingadaptive.tpch;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.memory.MemoryManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The 22 TPC-H queries of {@link TpchQueries} at scale factor 0.1 give DuckDB's answers to the
 * standard SQL texts over the same Parquet files (see {@link TpchOracle} for what "the same" means),
 * also within a small memory budget. The data is made once under {@code target/} and reused by
 * later runs; {@code -Dtpch.sf=1} runs the unbudgeted checks at another scale factor.
 */
class TpchQueriesTest {
    static double scaleFactor;
    static Path dir;
    static TpchOracle duck;

    @BeforeAll
    static void open() {
        scaleFactor = TpchOracle.requestedScaleFactor();
        dir = TpchOracle.data(scaleFactor);
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
     * Within a 64 MB budget and without spilling, every query still fits at SF 0.1 (all fit in
     * 24 MB on this project's 2-core machine) and gives the same answers.
     */
    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queries")
    void answersAsDuckDbWithin64Megabytes(int n) {
        assumeTrue(scaleFactor == TpchOracle.SCALE_FACTOR, "the budget is sized for SF " + TpchOracle.SCALE_FACTOR);
        DataFrame ours = TpchQueries.query(n, dir).withMemoryManager(MemoryManager.fixed(64L << 20)).withoutSpilling().collect();
        TpchOracle.assertMatches(n, duck.run(n), ours);
    }
}
