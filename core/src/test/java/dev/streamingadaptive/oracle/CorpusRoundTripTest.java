package dev.streamingadaptive.oracle;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.parquet.write.WriterOptions;
import dev.streamingadaptive.reader.MmapParquetReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every corpus file we read, written back by our writer (twice: default options, and small row
 * groups and pages with v2 pages and zstd), then read by DuckDB: its values must equal DuckDB's
 * values of the original file, in the jsonl contract text (and our reader must read back our
 * frame), nested columns included.
 */
class CorpusRoundTripTest {
    static DuckDbOracle oracle;

    @BeforeAll static void start() { oracle = new DuckDbOracle(); }
    @AfterAll static void stop() { oracle.close(); }

    @TempDir Path dir;

    static Stream<String> corpus() throws Exception {
        return CorpusConformanceTest.corpus();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void duckDbReadsOurCopyAsTheOriginal(String rel) throws Exception {
        String name = Path.of(rel).getFileName().toString();
        Assumptions.assumeFalse(name.equals(CorpusConformanceTest.LARGE), "2^30-char strings");
        Path file = CorpusConformanceTest.data().resolve(rel);
        DataFrame ours;
        try (MmapParquetReader r = MmapParquetReader.open(file).withChecksumVerification(!CorpusConformanceTest.CORRUPT_CRC.contains(name))) {
            ours = r.readAll();
        }
        // Where DuckDB cannot read the original (codecs, encodings it lacks), our copy uses ones it reads: then it must
        // give our values of the original, which CorpusConformanceTest checks by other means.
        List<String> expected = CorpusConformanceTest.DUCKDB_CANNOT_READ.containsKey(name) ? OracleSupport.lines(ours)
                : CorpusConformanceTest.corrected(rel, oracle.expected(file).lines());
        int i = 0;
        for (WriterOptions options : List.of(WriterOptions.defaults(),
                WriterOptions.defaults().withCodec("zstd").withDataPageV2(true).withRowGroupRows(97).withPageSizeBytes(512))) {
            Path copy = dir.resolve("copy" + i++ + ".parquet");
            ours.writeParquet(copy, options);
            try (MmapParquetReader r = MmapParquetReader.open(copy).withChecksumVerification(true)) {
                assertEquals(ours, r.readAll(), rel + ": our reader reads our copy back");
            }
            String d = OracleSupport.diff(rel + " (DuckDB on our copy vs DuckDB on the original)", expected, oracle.expected(copy).lines());
            if (d != null) fail(d);
        }
    }
}
