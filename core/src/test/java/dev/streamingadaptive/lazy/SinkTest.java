package dev.streamingadaptive.lazy;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.format.FileFormat;
import dev.streamingadaptive.memory.FixedMemoryManager;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.parquet.write.WriterOptions;
import dev.streamingadaptive.reader.MmapParquetReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.len;
import static dev.streamingadaptive.expr.Expr.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** sinkParquet / sinkCsv / sinkNdjson and DataFrame.write*: what DuckDB reads from our files equals the query's result. */
class SinkTest {
    private static final int ROWS = 300_000;

    @TempDir static Path dir;
    static Path file;
    static Connection duck;

    @BeforeAll
    static void write() throws Exception {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        file = dir.resolve("source.parquet");
        try (Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT i AS id, 'sym' || (i % 37) AS sym, "
                    + "CASE WHEN i % 11 = 0 THEN NULL ELSE (i % 1000) / 8.0 END::DOUBLE AS price, "
                    + "(i % 500)::INTEGER AS size, DATE '2020-01-01' + (i % 700)::INTEGER AS day, "
                    + "CASE WHEN i % 5 = 0 THEN NULL ELSE 'note, \"quoted\" ' || (i % 3) END AS note, "
                    + "((i % 20000) - 10000)::DECIMAL(18,2) AS amount "
                    + "FROM range(" + ROWS + ") t(i)) TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 50000)");
        }
    }

    @AfterAll
    static void close() throws Exception {
        duck.close();
    }

    private static LazyFrame scan() {
        return LazyFrame.scanParquet(file.toString()).withThreads(2);
    }

    private static LazyFrame filtered() {
        return scan().filter(col("size").gt(lit(100))).withColumns(col("price").mul(lit(2)).alias("price2"));
    }

    private static LazyFrame grouped() {
        return scan().groupBy("sym").agg(len().alias("n"), col("price").sum().alias("total"), col("day").max().alias("last_day"));
    }

    @Test
    void sinkParquetOfAFilterAndOfAGroupByIsReadByDuckDbAsTheResult() throws Exception {
        Path out = dir.resolve("filtered.parquet");
        long rows = filtered().sinkParquet(out);
        DataFrame expected = filtered().collect();
        assertEquals(expected.height(), rows);
        DuckDbRows.assertSame(duck, "SELECT * FROM '" + out + "'", expected, true);

        Path agg = dir.resolve("grouped.parquet");
        assertEquals(37, grouped().sinkParquet(agg, WriterOptions.defaults().withCodec("zstd").withMetadata("query", "grouped")));
        DuckDbRows.assertSame(duck, "SELECT * FROM '" + agg + "'", grouped().collect(), false);
        try (MmapParquetReader r = MmapParquetReader.open(agg)) {
            assertEquals("grouped", r.metadata().keyValue("query"));
        }
        assertNoTempFiles();
    }

    @Test
    void sinkCsvAndNdjsonAreReadByDuckDbAsTheResult() throws Exception {
        DataFrame expected = filtered().select("id", "sym", "price", "size", "day", "note").collect();
        Path csv = dir.resolve("filtered.csv");
        assertEquals(expected.height(), filtered().select("id", "sym", "price", "size", "day", "note").sinkCsv(csv));
        DuckDbRows.assertSame(duck, "SELECT * FROM read_csv('" + csv + "', header = true)", expected, true);

        Path gz = dir.resolve("filtered.csv.gz");
        filtered().select("id", "sym", "price", "size", "day", "note").sinkCsv(gz);
        DuckDbRows.assertSame(duck, "SELECT * FROM read_csv('" + gz + "', header = true)", expected, true);

        Path json = dir.resolve("filtered.ndjson");
        filtered().select("id", "sym", "price", "size", "day", "note").sinkNdjson(json);
        DuckDbRows.assertSame(duck, "SELECT id, sym, price, size, day::DATE, note FROM read_json('" + json + "', format = 'newline_delimited')",
                expected, true);
        assertNoTempFiles();
    }

    @Test
    void dataFrameWritesEachFormat() throws Exception {
        DataFrame df = grouped().sort("sym").collect();
        Path p = dir.resolve("frame.parquet"), c = dir.resolve("frame.csv"), j = dir.resolve("frame.jsonl");
        df.writeParquet(p);
        df.writeCsv(c);
        df.writeNdjson(j);
        DuckDbRows.assertSame(duck, "SELECT * FROM '" + p + "'", df, true);
        DuckDbRows.assertSame(duck, "SELECT sym, n, total, last_day FROM read_csv('" + c + "', header = true)", df, true);
        DuckDbRows.assertSame(duck, "SELECT sym, n, total, last_day::DATE FROM read_json('" + j + "', format = 'newline_delimited')", df, true);
        assertEquals(FileFormat.NDJSON, FileFormat.of(j));
        Path folder = Files.createDirectories(dir.resolve("a-folder.parquet"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> df.writeParquet(folder));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> df.writeCsv(folder));
        assertThrows(IllegalArgumentException.class, () -> FileFormat.of(dir.resolve("x.txt")));
    }

    @Test
    void aSinkThatFailsLeavesTheTargetAsItWas() throws Exception {
        // a copy whose last row group is damaged: the scan fails after earlier batches were written
        Path damaged = dir.resolve("damaged.parquet");
        Files.copy(file, damaged);
        long at;
        try (MmapParquetReader r = MmapParquetReader.open(damaged)) {
            var chunk = r.metadata().rowGroups().get(5).columns().get(1).metaData();
            at = chunk.dictionaryPageOffset() != null ? chunk.dictionaryPageOffset() : chunk.dataPageOffset();
        }
        try (RandomAccessFile raf = new RandomAccessFile(damaged.toFile(), "rw")) {
            raf.seek(at);
            raf.write(new byte[64]);   // the page header: zeros are no valid header
        }
        for (String name : new String[] {"out.parquet", "out.csv", "out.ndjson"}) {
            Path target = dir.resolve("failing-" + name);
            Files.writeString(target, "previous contents");
            LazyFrame q = LazyFrame.scanParquet(damaged.toString()).withThreads(1);
            RuntimeException e = assertThrows(RuntimeException.class, () -> q.sink(target, FileFormat.of(target), WriterOptions.defaults()));
            assertTrue(e instanceof ParquetFormatException || e.getCause() instanceof ParquetFormatException, e.toString());
            assertEquals("previous contents", Files.readString(target), name + " untouched");
            Path fresh = dir.resolve("fresh-" + name);
            assertThrows(RuntimeException.class, () -> q.sink(fresh, FileFormat.of(fresh), WriterOptions.defaults()));
            assertFalse(Files.exists(fresh), name + " not created");
        }
        assertNoTempFiles();
    }

    @Test
    void sinkParquetStaysWithinAFixedBudget() throws Exception {
        FixedMemoryManager memory = MemoryManager.fixed(24L << 20);
        Path out = dir.resolve("budget.parquet");
        long rows = scan().withMemoryManager(memory).filter(col("id").gtEq(lit(0L))).sinkParquet(out);
        assertEquals(ROWS, rows);
        assertTrue(memory.peakTrackedBytes() <= memory.budget(), "peak " + memory.peakTrackedBytes() + " of " + memory.budget());
        try (MmapParquetReader r = MmapParquetReader.open(out)) {
            assertTrue(r.numRowGroups() > 1, "row groups capped at a quarter of the budget: " + r.numRowGroups());
        }
        DuckDbRows.assertSame(duck, "SELECT * FROM '" + out + "' EXCEPT ALL SELECT * FROM '" + file + "'", DataFrame.empty(), true);
        DuckDbRows.assertSame(duck, "SELECT count(*) FROM '" + out + "'", scan().agg(len()).collect(), true);
    }

    @Test
    void partitionedAndRolledDatasetsReadBackAsTheResult() throws Exception {
        // hive folders by sym and bucket (111 partitions of about 900 rows), files rolled at 300 rows
        LazyFrame q = scan().filter(col("id").lt(lit(100_000L))).withColumns(col("size").mod(lit(3)).alias("bucket"));
        Path out = dir.resolve("by-sym");
        long rows = q.sinkParquet(out, WriterOptions.defaults().withPartitionBy("sym", "bucket").withMaxRowsPerFile(300));
        assertEquals(100_000, rows);
        try (Stream<Path> s = Files.walk(out)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".parquet")).toList();
            assertTrue(files.size() >= 37 * 3, "a file per partition at least: " + files.size());
            assertTrue(files.stream().anyMatch(p -> p.toString().contains("sym=sym0/bucket=0/part-00002.parquet")), "rolled at 300 rows");
            for (Path f : files) {
                try (MmapParquetReader r = MmapParquetReader.open(f)) {
                    assertTrue(r.totalRows() <= 300, f + " holds " + r.totalRows());
                    assertFalse(r.schema().names().contains("sym"), "partition columns are in the folder names, not the files");
                }
            }
        }
        // our scan and DuckDB's hive_partitioning give the query's rows back
        DataFrame expected = q.select("id", "sym", "price", "bucket").sort("id").collect();
        DataFrame back = LazyFrame.scanParquet(out.toString()).select("id", "sym", "price", "bucket").sort("id").collect();
        DuckDbRows.assertSame(duck, "SELECT id, sym, price, bucket FROM read_parquet('" + out + "/**/*.parquet', hive_partitioning = true) ORDER BY id",
                back, true);
        assertEquals(expected.height(), back.height());
        for (int i = 0; i < expected.height(); i += 997) {
            assertEquals(expected.column("id").get(i), back.column("id").get(i));
            assertEquals(expected.column("sym").get(i), back.column("sym").get(i));
            assertEquals(((Number) expected.column("bucket").get(i)).longValue(), ((Number) back.column("bucket").get(i)).longValue());
        }
        // a second write into the same directory is refused before anything is written
        assertThrows(IllegalArgumentException.class, () -> q.sinkParquet(out, WriterOptions.defaults().withPartitionBy("sym")));
        // rolling alone, without partitions
        Path rolled = dir.resolve("rolled");
        scan().sinkParquet(rolled, WriterOptions.defaults().withMaxRowsPerFile(70_000));
        try (Stream<Path> s = Files.list(rolled)) {
            assertEquals(List.of("part-00000.parquet", "part-00001.parquet", "part-00002.parquet", "part-00003.parquet", "part-00004.parquet"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        DuckDbRows.assertSame(duck, "SELECT count(*), sum(id) FROM '" + rolled + "/*.parquet'", scan().agg(len(), col("id").sum()).collect(), true);
        assertNoTempFiles();
    }

    private static void assertNoTempFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }
}
