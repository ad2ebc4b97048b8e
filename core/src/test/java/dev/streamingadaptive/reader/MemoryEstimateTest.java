package dev.streamingadaptive.reader;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.memory.MemoryManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one size estimate against the heap that {@code readAll()} really takes: DuckDB-written
 * files of several shapes and some corpus files, each measured as the growth of the used heap
 * (after full collections) while the decoded frames are held.
 */
class MemoryEstimateTest {
    private static final long MB = 1L << 20;
    /** Measure at least this much heap per file (small files are read several times). */
    private static final long MIN_MEASURED = 16 * MB;
    private static final double TOLERANCE = 0.25;

    @TempDir
    static Path dir;
    static Path trades, plainNumbers, highCardinality, nullableInt, nested;

    @BeforeAll
    static void generate() throws Exception {
        trades = dir.resolve("trades.parquet");
        plainNumbers = dir.resolve("plain_numbers.parquet");
        highCardinality = dir.resolve("high_cardinality.parquet");
        nullableInt = dir.resolve("nullable_int.parquet");
        nested = dir.resolve("nested.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT TIMESTAMP '2024-01-02 09:30:00' + INTERVAL (i) MILLISECOND AS ts, "
                    + "'SYM' || (hash(i) % 2000) AS symbol, 100 + (hash(i * 7) % 10000) / 100.0 AS price, "
                    + "(hash(i * 3) % 1000)::INTEGER AS size, 'EX' || (i % 8) AS exchange, i % 2 = 0 AS is_buy, i AS trade_id, "
                    + "CASE WHEN hash(i * 11) % 5 = 0 THEN 'C' || (hash(i) % 20) END AS cond FROM range(2000000) t(i)) TO '"
                    + trades + "' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 1000000)");
            // Distinct values everywhere: PLAIN pages; one row group (the readRowGroup path).
            s.execute("COPY (SELECT i AS a, i * 0.5 AS b, (i * 7)::INTEGER AS c, (i * 0.25)::FLOAT AS d FROM range(1000000) t(i)) TO '"
                    + plainNumbers + "' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 1000000)");
            s.execute("COPY (SELECT md5(i::VARCHAR) || repeat('x', (i % 17)::INTEGER) AS s, i AS id FROM range(1000000) t(i)) TO '"
                    + highCardinality + "' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 500000)");
            s.execute("COPY (SELECT CASE WHEN i % 3 = 0 THEN NULL ELSE (i * 13)::INTEGER END AS n, "
                    + "CASE WHEN i % 4 = 0 THEN NULL ELSE i * 1.5 END AS m FROM range(1500000) t(i)) TO '"
                    + nullableInt + "' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 500000)");
            s.execute("COPY (SELECT CASE WHEN i % 10 = 0 THEN NULL ELSE list_transform(range((i % 5)::BIGINT), x -> (x + i)::INTEGER) END AS l, "
                    + "{'a': i, 'b': 'k' || (i % 10)} AS st FROM range(1000000) t(i)) TO '"
                    + nested + "' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 500000)");
        }
    }

    static Path corpus(String name) {
        Path p = Path.of(System.getProperty("parquet.testing.dir", "../shared/parquet-testing"), "data", name);
        assertTrue(Files.exists(p), "corpus file " + p);
        return p;
    }

    @Test
    void estimateMatchesTheHeapOfReadAll() {
        List<Path> files = new ArrayList<>(List.of(trades, plainNumbers, highCardinality, nullableInt, nested));
        for (String name : List.of("alltypes_tiny_pages.parquet", "alltypes_tiny_pages_plain.parquet", "hadoop_lz4_compressed_larger.parquet",
                "delta_byte_array.parquet", "delta_encoding_optional_column.parquet", "overflow_i16_page_cnt.parquet")) {
            files.add(corpus(name));
        }
        List<String> failures = new ArrayList<>();
        for (Path f : files) {
            long estimate;
            long rows;
            try (MmapParquetReader r = MmapParquetReader.open(f)) {
                estimate = r.estimateMemoryRequired();
                rows = r.totalRows();
                checkConsistent(r, estimate);
            }
            int copies = (int) Math.max(1, Math.min(200, Math.ceilDiv(MIN_MEASURED, Math.max(1, estimate))));
            List<DataFrame> held = new ArrayList<>(copies);
            long before = usedHeap();
            for (int k = 0; k < copies; k++) {
                try (MmapParquetReader r = MmapParquetReader.open(f).withThreads(1)) {
                    held.add(r.readAll());
                }
            }
            long measured = usedHeap() - before;
            long frameBytes = held.get(0).estimatedBytes();
            assertEquals(rows, held.get(0).height());
            Reference.reachabilityFence(held);
            double heapRatio = (double) estimate * copies / measured;
            double frameRatio = (double) estimate / frameBytes;
            System.out.printf("%-40s rows %,9d  estimate %,12d  heap %,12d (x%d)  estimate/heap %.3f  estimate/estimatedBytes %.3f%n",
                    f.getFileName(), rows, estimate, measured / copies, copies, heapRatio, frameRatio);
            if (Math.abs(heapRatio - 1) > TOLERANCE) failures.add(f.getFileName() + ": estimate/heap " + heapRatio);
            if (Math.abs(frameRatio - 1) > TOLERANCE) failures.add(f.getFileName() + ": estimate/estimatedBytes " + frameRatio);
            held.clear();
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** Row size, fit test and refusals all use the one figure. */
    private static void checkConsistent(MmapParquetReader r, long estimate) {
        long rows = r.totalRows();
        assertEquals(Math.ceilDiv(estimate, rows), r.estimateRowSize(), "row size of " + r.path());
        assertTrue(r.estimateRowSize() * rows >= estimate && (r.estimateRowSize() - 1) * rows < estimate);
        long needMb = Math.ceilDiv(estimate, MB);
        assertTrue(r.canFitInMemory(needMb), "fits in " + needMb + " MB");
        if (estimate > MB) assertFalse(r.canFitInMemory(needMb - 1), "does not fit in " + (needMb - 1) + " MB");
        long groups = 0;
        for (int i = 0; i < r.numRowGroups(); i++) groups += r.estimateRowGroupBytes(i);
        if (r.numRowGroups() == 1) assertEquals(estimate, groups);
        MemoryBudgetExceededException e = assertThrows(MemoryBudgetExceededException.class,
                () -> r.withMemoryManager(MemoryManager.fixed(estimate - 1)).readAll());
        assertEquals(estimate, e.requiredBytes());
        long first = r.estimateRowGroupBytes(0);
        e = assertThrows(MemoryBudgetExceededException.class, () -> r.withMemoryManager(MemoryManager.fixed(first - 1)).readRowGroup(0));
        assertEquals(first, e.requiredBytes());
        r.withMemoryManager(MemoryManager.system());
        try (AdaptiveStreamingReader a = AdaptiveStreamingReader.open(r.path()).withMemoryManager(MemoryManager.fixed(estimate - 1))) {
            assertEquals(estimate, a.estimateMemoryRequired());
            e = assertThrows(MemoryBudgetExceededException.class, a::collect);
            assertEquals(estimate, e.requiredBytes());
        }
    }

    @Test
    void projectionEstimatesOnlyTheSelectedColumns() {
        try (MmapParquetReader r = MmapParquetReader.open(trades)) {
            long all = r.estimateMemoryRequired();
            long sum = 0;
            for (String c : r.fullSchema().names()) sum += r.withColumns(c).estimateMemoryRequired();
            assertEquals(all, sum);
            r.withColumns("ts", "price");
            assertEquals(2 * 8 * r.totalRows(), r.estimateMemoryRequired());
            assertEquals(16, r.estimateRowSize());
            // Dictionary strings: 4-byte indices plus small dictionaries; 80% nulls add one byte per row.
            long cond = r.withColumns("cond").estimateMemoryRequired();
            assertTrue(cond > 5 * r.totalRows() && cond < 5 * r.totalRows() + 64 * 1024, "cond " + cond);
        }
    }

    /** Used heap after full collections (the smallest of a few readings). */
    static long usedHeap() {
        var bean = ManagementFactory.getMemoryMXBean();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            best = Math.min(best, bean.getHeapMemoryUsage().getUsed());
        }
        return best;
    }
}
