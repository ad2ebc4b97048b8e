package dev.streamingadaptive.oracle;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.parquet.write.ParquetWriter;
import dev.streamingadaptive.parquet.write.WriterOptions;
import dev.streamingadaptive.reader.MmapParquetReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Nested columns at volume: DuckDB writes 60,000 rows of lists, structs and maps (nulls and empties at
 * every level, lists of lists, lists of structs, maps of lists); we read them, write them in several
 * batches under several options, and DuckDB must read our copy as the original.
 */
class NestedWriteTest {
    static DuckDbOracle oracle;
    @TempDir static Path dir;
    static Path source;

    @BeforeAll
    static void write() throws Exception {
        oracle = new DuckDbOracle();
        source = dir.resolve("nested.parquet");
        oracle.execute("COPY (SELECT i AS id, "
                + "CASE WHEN i % 11 = 0 THEN NULL ELSE [CASE WHEN j % 5 = 0 THEN NULL ELSE (i * j) % 1000 END FOR j IN range(i % 6)] END AS ints, "
                + "CASE WHEN i % 13 = 0 THEN NULL ELSE ['s' || (j % 7) FOR j IN range(i % 4)] END AS strs, "
                + "CASE WHEN i % 17 = 0 THEN NULL ELSE {'a': CASE WHEN i % 3 = 0 THEN NULL ELSE i END, "
                + "    'b': CASE WHEN i % 4 = 0 THEN NULL ELSE ['x' || j FOR j IN range(i % 3)] END} END AS st, "
                + "CASE WHEN i % 19 = 0 THEN NULL ELSE MAP(['k' || (i % 5), 'z' || (i % 2)], [i / 3.0, CASE WHEN i % 2 = 0 THEN NULL ELSE i END]) END AS m, "
                + "[[j, j + i] FOR j IN range(i % 3)] AS nested, "
                + "CASE WHEN i % 23 = 0 THEN NULL ELSE [{'x': j, 'y': CASE WHEN j = 1 THEN NULL ELSE 'y' || j END} FOR j IN range(i % 4)] END AS structs "
                + "FROM range(60000) t(i)) TO '" + source + "' (FORMAT parquet, ROW_GROUP_SIZE 20000)");
    }

    @AfterAll
    static void close() {
        oracle.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"defaults", "v2-zstd-small-pages", "plain-one-thread"})
    void duckDbReadsOurCopyAsTheOriginal(String config) throws Exception {
        WriterOptions options = switch (config) {
            case "defaults" -> WriterOptions.defaults();
            case "v2-zstd-small-pages" -> WriterOptions.defaults().withCodec("zstd").withDataPageV2(true).withPageSizeBytes(700).withRowGroupRows(7000);
            default -> WriterOptions.defaults().withDictionary(false).withThreads(1).withRowGroupRows(25000);
        };
        DataFrame ours;
        try (MmapParquetReader r = MmapParquetReader.open(source)) {
            ours = r.readAll();
        }
        Path copy = dir.resolve(config + ".parquet");
        try (ParquetWriter w = ParquetWriter.open(copy, ours.schema(), options)) {
            for (int off = 0; off < ours.height(); off += 9_999) w.write(ours.slice(off, Math.min(9_999, ours.height() - off)));
        }
        try (MmapParquetReader r = MmapParquetReader.open(copy).withChecksumVerification(true)) {
            assertEquals(ours, r.readAll(), "our reader reads our copy back");
            if (config.startsWith("v2")) assertTrue(r.metadata().rowGroups().size() >= 8);
        }
        List<String> expected = oracle.expected(source).lines();
        String d = OracleSupport.diff(config + " (DuckDB on our copy vs DuckDB on the original)", expected, oracle.expected(copy).lines());
        if (d != null) fail(d);
    }
}
