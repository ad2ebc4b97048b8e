package dev.streamingadaptive.reader;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.memory.AdaptiveChunkStrategy;
import dev.streamingadaptive.memory.FixedChunkStrategy;
import dev.streamingadaptive.memory.FixedMemoryManager;
import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.memory.MemoryManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** AdaptiveStreamingReader against fixed budgets on DuckDB-written files. */
class AdaptiveStreamingReaderTest {
    private static final long MB = 1L << 20;
    private static final long ROWS = 2_000_000;
    private static final long HUGE_ROWS = 1_500_000;

    @TempDir
    static Path dir;
    /**
     * 2M rows, several row groups: numbers, a nullable int, a low-cardinality string. Uncompressed
     * (pages are read in place), so that even budgets smaller than one page hold; compressed pages
     * are covered by {@link #compressedPagesStreamWithinTheBudget}.
     */
    static Path many;
    /** One row group of 1.5M rows of numbers (larger than the small budgets: must be split). */
    static Path huge;
    static DataFrame manyAll;
    static DataFrame hugeAll;

    @BeforeAll
    static void generate() throws Exception {
        many = dir.resolve("many.parquet");
        huge = dir.resolve("huge.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT i, i * 0.25 AS d, CASE WHEN i % 7 = 0 THEN NULL ELSE (i % 1000)::INTEGER END AS n, "
                    + "'sym' || (i % 50) AS s FROM range(" + ROWS + ") t(i)) TO '" + many + "' (FORMAT parquet, COMPRESSION uncompressed, ROW_GROUP_SIZE 245760)");
            s.execute("COPY (SELECT i AS a, i * 3 AS b, (i % 97)::DOUBLE AS c FROM range(" + HUGE_ROWS + ") t(i)) TO '" + huge
                    + "' (FORMAT parquet, COMPRESSION uncompressed, ROW_GROUP_SIZE 2000000)");
        }
        try (MmapParquetReader r = MmapParquetReader.open(many)) {
            assertTrue(r.numRowGroups() >= 5, "want several row groups, got " + r.numRowGroups());
            manyAll = r.readAll();
        }
        try (MmapParquetReader r = MmapParquetReader.open(huge)) {
            assertEquals(1, r.numRowGroups());
            hugeAll = r.readAll();
        }
        assertEquals(ROWS, manyAll.height());
        assertEquals(HUGE_ROWS, hugeAll.height());
    }

    /** What one scan did: batch heights and decoded sizes, and the manager's peak. */
    record Scan(List<Integer> heights, List<Long> bytes, long rows, long peak) {
        int maxHeight() { return heights.stream().mapToInt(Integer::intValue).max().orElse(0); }
        long maxBytes() { return bytes.stream().mapToLong(Long::longValue).max().orElse(0); }
    }

    /** Streams {@code file} under a fixed budget, checking every batch against {@code expected} row by row. */
    static Scan scan(Path file, long budget, DataFrame expected, String... columns) {
        FixedMemoryManager m = MemoryManager.fixed(budget);
        List<Integer> heights = new ArrayList<>();
        List<Long> bytes = new ArrayList<>();
        long[] rows = {0};
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(file).withMemoryManager(m)
                .withChunkStrategy(new AdaptiveChunkStrategy(1, 10_000_000, 0.8))) {
            if (columns.length > 0) r.withColumns(columns);
            try (Stream<DataFrame> s = r.stream()) {
                s.forEach(b -> {
                    assertTrue(b.height() > 0, "empty batch");
                    assertTrue(m.trackedBytes() <= budget, "tracked " + m.trackedBytes() + " > budget " + budget);
                    if (expected != null) assertSameRows(expected, rows[0], b);
                    heights.add(b.height());
                    bytes.add(b.estimatedBytes());
                    rows[0] += b.height();
                });
            }
            assertEquals(0, m.trackedBytes(), "everything released at the end of the stream");
        }
        return new Scan(heights, bytes, rows[0], m.peakTrackedBytes());
    }

    /** {@code batch} equals rows [offset, offset + height) of {@code expected}, value by value. */
    static void assertSameRows(DataFrame expected, long offset, DataFrame batch) {
        assertEquals(expected.schema().names(), batch.schema().names());
        for (int c = 0; c < batch.width(); c++) {
            var want = expected.column(c);
            var got = batch.column(c);
            for (int i = 0; i < batch.height(); i++) {
                Object w = want.get((int) offset + i), g = got.get(i);
                if (!Objects.deepEquals(w, g)) {
                    fail("row " + (offset + i) + " column " + got.name() + ": expected " + w + " but streamed " + g);
                }
            }
        }
    }

    @Test
    void batchSizesFollowTheBudget() {
        long[] budgets = {2 * MB, 8 * MB, 32 * MB};
        List<Scan> scans = new ArrayList<>();
        for (long budget : budgets) {
            Scan s = scan(many, budget, null);
            assertEquals(ROWS, s.rows(), "all rows at budget " + budget);
            assertTrue(s.peak() <= budget, "peak " + s.peak() + " > budget " + budget);
            assertTrue(s.maxBytes() <= budget, "batch of " + s.maxBytes() + " bytes > budget " + budget);
            assertTrue(s.peak() > 0);
            scans.add(s);
        }
        for (int i = 1; i < scans.size(); i++) {
            assertTrue(scans.get(i - 1).maxHeight() < scans.get(i).maxHeight(),
                    "smaller budget, smaller batches: " + scans.get(i - 1).maxHeight() + " rows at " + budgets[i - 1]
                            + " vs " + scans.get(i).maxHeight() + " at " + budgets[i]);
            assertTrue(scans.get(i - 1).heights().size() > scans.get(i).heights().size(), "smaller budget, more batches");
        }
        // The budget is used, not wasted: the biggest batch at 32 MB is more than a quarter of it.
        assertTrue(scans.get(2).maxBytes() > 8 * MB, "batches at 32 MB are only " + scans.get(2).maxBytes() + " bytes");
    }

    @Test
    void streamedValuesEqualReadAll() {
        Scan s = scan(many, 4 * MB, manyAll);
        assertEquals(ROWS, s.rows());
        assertTrue(s.heights().size() > 3, "several batches: " + s.heights());
    }

    @Test
    void smallRowGroupsAreMerged() {
        // 2M rows in row groups of ~245k: with a generous budget batches span row groups.
        Scan s = scan(many, 512 * MB, manyAll);
        assertEquals(ROWS, s.rows());
        assertTrue(s.maxHeight() > 245_760, "batches merge row groups, biggest " + s.maxHeight());
    }

    @Test
    void aRowGroupLargerThanTheBudgetIsSplit() {
        long budget = 2 * MB; // the row group decodes to ~36 MB
        Scan s = scan(huge, budget, hugeAll);
        assertEquals(HUGE_ROWS, s.rows());
        assertTrue(s.heights().size() >= 18, "split into many batches: " + s.heights().size());
        assertTrue(s.peak() <= budget, "peak " + s.peak());
        assertTrue(s.maxBytes() <= budget, "largest batch " + s.maxBytes());
    }

    @Test
    void batchesShrinkWhenTheBudgetDropsMidScan() {
        FixedMemoryManager m = MemoryManager.fixed(32 * MB);
        List<Integer> before = new ArrayList<>(), after = new ArrayList<>();
        long rows = 0;
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(many).withMemoryManager(m)
                .withChunkStrategy(new AdaptiveChunkStrategy(1, 10_000_000, 0.8))) {
            Iterator<DataFrame> it = r.iterator();
            while (it.hasNext()) {
                DataFrame b = it.next();
                assertSameRows(manyAll, rows, b);
                rows += b.height();
                if (before.size() < 2) {
                    before.add(b.height());
                    if (before.size() == 2) m.setBudget(2 * MB); // between batches
                } else {
                    after.add(b.height());
                    assertTrue(b.estimatedBytes() <= 2 * MB, "batch after the drop has " + b.estimatedBytes() + " bytes");
                    assertTrue(m.trackedBytes() <= 2 * MB);
                }
            }
        }
        assertEquals(ROWS, rows);
        int minBefore = before.stream().mapToInt(Integer::intValue).min().orElseThrow();
        int maxAfter = after.stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertTrue(maxAfter * 4 <= minBefore, "batches shrank: before " + before + ", after up to " + maxAfter);
        assertEquals(0, m.trackedBytes());
    }

    @Test
    void collectBatchesAdaptiveKeepsEachBatchNearTheCap() {
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(many).withMemoryManager(MemoryManager.fixed(1L << 30))) {
            List<DataFrame> batches = r.collectBatchesAdaptive(8);
            assertTrue(batches.size() > 2, "several batches: " + batches.size());
            long offset = 0;
            for (DataFrame b : batches) {
                assertTrue(b.estimatedBytes() <= 8.8 * MB, "batch of " + b.estimatedBytes() + " bytes > 8 MB + 10%");
                assertSameRows(manyAll, offset, b);
                offset += b.height();
            }
            assertEquals(ROWS, offset);
            // The cap is used: at least one batch is more than half of it.
            assertTrue(batches.stream().mapToLong(DataFrame::estimatedBytes).max().orElse(0) > 4 * MB);
        }
    }

    @Test
    void collectBatchesAdaptiveOnTheHugeRowGroupAndAutomatic() {
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(huge).withMemoryManager(MemoryManager.fixed(1L << 30))) {
            List<DataFrame> batches = r.collectBatchesAdaptive(8);
            long offset = 0;
            for (DataFrame b : batches) {
                assertTrue(b.estimatedBytes() <= 8.8 * MB, "batch of " + b.estimatedBytes() + " bytes");
                offset += b.height();
            }
            assertEquals(HUGE_ROWS, offset);
            assertTrue(batches.size() >= 4);
            List<DataFrame> automatic = r.collectBatchesAdaptive(null);
            assertEquals(HUGE_ROWS, automatic.stream().mapToLong(DataFrame::height).sum());
            assertThrows(IllegalArgumentException.class, () -> r.collectBatchesAdaptive(0));
        }
    }

    @Test
    void rowLimitStopsExactly() {
        FixedMemoryManager m = MemoryManager.fixed(4 * MB);
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(many).withMemoryManager(m).withRowLimit(123_457)) {
            long rows = 0;
            try (Stream<DataFrame> s = r.stream()) {
                for (DataFrame b : (Iterable<DataFrame>) s::iterator) {
                    assertSameRows(manyAll, rows, b);
                    rows += b.height();
                }
            }
            assertEquals(123_457, rows);
            r.withRowLimit(0);
            try (Stream<DataFrame> s = r.stream()) {
                assertEquals(0, s.count(), "limit 0: no batches");
            }
            assertThrows(IllegalArgumentException.class, () -> r.withRowLimit(-1));
        }
        assertEquals(0, m.trackedBytes());
    }

    @Test
    void collectWithARowLimitOnlyNeedsTheLimitedRows() {
        // 10,000 of 2M rows decode to well under 1 MB: the whole-file estimate must not refuse them.
        FixedMemoryManager m = MemoryManager.fixed(4 * MB);
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(many).withMemoryManager(m).withRowLimit(10_000)) {
            DataFrame head = r.collect();
            assertEquals(10_000, head.height());
            assertSameRows(manyAll, 0, head);
        }
        assertEquals(0, m.trackedBytes());
    }

    @Test
    void projectionReadsOnlyTheNamedColumnsInOrder() {
        DataFrame expected = manyAll.select("s", "i");
        Scan s = scan(many, 2 * MB, expected, "s", "i");
        assertEquals(ROWS, s.rows());
        long all, projected;
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(many)) {
            all = r.estimateMemoryRequired();
        }
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(many).withColumns("i")) {
            projected = r.estimateMemoryRequired();
            assertEquals(List.of("i"), r.schema().names());
        }
        assertTrue(projected < all && projected >= ROWS * 8, "projected estimate " + projected + " of " + all);
    }

    @Test
    void estimateIsCloseToTheDecodedSize() {
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(huge)) {
            long estimate = r.estimateMemoryRequired();
            long actual = hugeAll.estimatedBytes();
            assertTrue(estimate >= actual * 0.5 && estimate <= actual * 2, "estimate " + estimate + " vs decoded " + actual);
        }
    }

    @Test
    void collectIsRefusedWhenTheFileDoesNotFit() {
        FixedMemoryManager m = MemoryManager.fixed(1 * MB);
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(many).withMemoryManager(m)) {
            long required = r.estimateMemoryRequired();
            MemoryBudgetExceededException e = assertThrows(MemoryBudgetExceededException.class, r::collect);
            assertEquals(required, e.requiredBytes());
            assertEquals(1 * MB, e.availableBytes());
            String msg = e.getMessage();
            assertTrue(msg.contains((required >> 20) + " MB"), "names the requirement: " + msg);
            assertTrue(msg.contains(String.valueOf(MB)), "names what is available: " + msg);
            assertTrue(msg.contains("stream()"), "points to stream(): " + msg);
            assertTrue(msg.contains("many.parquet"), "names the file: " + msg);
            assertThrows(MemoryBudgetExceededException.class, () -> r.collectBatchesAdaptive(8));
            assertEquals(0, m.trackedBytes(), "nothing tracked after a refusal");
            // The same reader still streams the file under that budget.
            try (Stream<DataFrame> s = r.stream()) {
                assertEquals(ROWS, s.mapToLong(DataFrame::height).sum());
            }
            assertTrue(m.peakTrackedBytes() <= MB, "peak " + m.peakTrackedBytes());
        }
    }

    /**
     * Snappy pages of ~2 MB per column: a budget that cannot keep every column's page decompressed
     * releases each page after its part of a batch and decompresses it again for the next; values
     * and budget hold either way, and a budget below one page is refused up front.
     */
    @Test
    void compressedPagesStreamWithinTheBudget() throws Exception {
        Path snappy = dir.resolve("many-snappy.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM '" + many + "') TO '" + snappy + "' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 245760)");
        }
        for (long budget : new long[] {64 * MB, 12 * MB, 6 * MB}) {
            Scan s = scan(snappy, budget, manyAll);
            assertEquals(ROWS, s.rows());
            assertTrue(s.peak() <= budget, "peak " + s.peak() + " > budget " + budget);
        }
        FixedMemoryManager tiny = MemoryManager.fixed(MB);
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(snappy).withMemoryManager(tiny); Stream<DataFrame> st = r.stream()) {
            MemoryBudgetExceededException e = assertThrows(MemoryBudgetExceededException.class, () -> st.forEach(b -> { }));
            assertTrue(e.getMessage().contains("page buffers"), e.getMessage());
        }
        assertEquals(0, tiny.trackedBytes());
    }

    @Test
    void nestedColumnsStreamTheSameValues() throws Exception {
        Path nested = dir.resolve("nested.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT i, CASE WHEN i % 11 = 0 THEN NULL ELSE [i, i + 1, i + 2] END AS l, "
                    + "{'a': i % 100, 'b': 'v' || (i % 10)} AS st, 'str' || i AS s FROM range(300000) t(i)) TO '" + nested
                    + "' (FORMAT parquet, COMPRESSION uncompressed, ROW_GROUP_SIZE 122880)");
            s.execute("COPY (SELECT * FROM '" + nested + "') TO '" + dir.resolve("nested-zstd.parquet")
                    + "' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)");
        }
        DataFrame all;
        try (MmapParquetReader r = MmapParquetReader.open(nested)) {
            all = r.readAll();
        }
        Scan s = scan(nested, MB, all);
        assertEquals(300_000, s.rows());
        assertTrue(s.heights().size() > 10, "row groups of ~6 MB split under 1 MB: " + s.heights().size());
        assertTrue(s.peak() <= MB, "peak " + s.peak());
        Scan projected = scan(nested, MB, all.select("st", "i"), "st", "i");
        // Compressed pages (~2.8 MB per row group) are decompressed whole but rows still come mid-page.
        Scan zstd = scan(dir.resolve("nested-zstd.parquet"), 6 * MB, all);
        assertEquals(300_000, zstd.rows());
        assertTrue(zstd.heights().size() > 3, "batches: " + zstd.heights());
        assertTrue(zstd.peak() <= 6 * MB, "peak " + zstd.peak());
        assertEquals(300_000, projected.rows());
        // the default manager (the machine's memory) streams the same rows
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(nested); Stream<DataFrame> st = r.stream()) {
            long rows = 0;
            for (DataFrame b : (Iterable<DataFrame>) st::iterator) {
                assertSameRows(all, rows, b);
                rows += b.height();
            }
            assertEquals(300_000, rows);
        }
    }

    @Test
    void mmapReaderRefusesRowGroupsAndReadAllOverTheBudget() {
        FixedMemoryManager m = MemoryManager.fixed(MB);
        try (MmapParquetReader r = MmapParquetReader.open(huge).withMemoryManager(m)) {
            MemoryBudgetExceededException e = assertThrows(MemoryBudgetExceededException.class, () -> r.readRowGroup(0));
            assertTrue(e.getMessage().contains("row group 0") && e.getMessage().contains("huge.parquet"), e.getMessage());
            assertTrue(e.getMessage().contains("stream()"), e.getMessage());
            assertEquals(MB, e.availableBytes());
            assertTrue(e.requiredBytes() > MB);
            assertThrows(MemoryBudgetExceededException.class, r::readAll);
            m.setBudget(1L << 30);
            assertEquals(HUGE_ROWS, r.readRowGroup(0).height());
        }
    }

    @Test
    void collectWithEnoughBudgetEqualsReadAll() {
        FixedMemoryManager m = MemoryManager.fixed(1L << 30);
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(many).withMemoryManager(m)) {
            DataFrame all = r.collect();
            assertEquals(ROWS, all.height());
            assertSameRows(manyAll, 0, all);
        }
    }

    @Test
    void oneRowThatCannotFitIsAnError() {
        FixedMemoryManager m = MemoryManager.fixed(8);
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(many).withMemoryManager(m)) {
            MemoryBudgetExceededException e = assertThrows(MemoryBudgetExceededException.class, () -> {
                try (Stream<DataFrame> s = r.stream()) {
                    s.forEach(b -> { });
                }
            });
            assertEquals(8, e.availableBytes());
            assertTrue(e.requiredBytes() > 8, e.getMessage());
        }
        assertEquals(0, m.trackedBytes());
    }

    @Test
    void earlyCloseReleasesTheCurrentBatch() {
        FixedMemoryManager m = MemoryManager.fixed(4 * MB);
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(many).withMemoryManager(m)) {
            try (Stream<DataFrame> s = r.stream()) {
                Iterator<DataFrame> it = s.iterator();
                DataFrame first = it.next();
                assertTrue(m.trackedBytes() > 0, "the current batch is reserved");
                // The batch, plus slices of it not handed out yet and what the chunk readers keep (dictionaries).
                assertTrue(m.trackedBytes() >= first.estimatedBytes() && m.trackedBytes() <= 4 * MB,
                        m.trackedBytes() + " tracked for a batch of " + first.estimatedBytes());
                it.next();
                assertTrue(m.trackedBytes() <= 4 * MB, "only the current batch is reserved");
            }
            assertEquals(0, m.trackedBytes(), "closing the stream released the batch");
            // closing the stream does not close the reader
            try (Stream<DataFrame> s = r.stream()) {
                assertSameRows(manyAll, 0, s.findFirst().orElseThrow());
            }
            assertEquals(0, m.trackedBytes());
            try (Stream<DataFrame> s = r.stream()) {
                assertEquals(ROWS, s.limit(1_000_000).mapToLong(DataFrame::height).sum());
            }
            assertEquals(0, m.trackedBytes());
            // an exhausted iterator releases without a close
            long rows = 0;
            for (DataFrame b : (Iterable<DataFrame>) r::iterator) rows += b.height();
            assertEquals(ROWS, rows);
            assertEquals(0, m.trackedBytes());
        }
    }

    @Test
    void anAbandonedIteratorIsReleasedByTheCleaner() throws InterruptedException {
        FixedMemoryManager m = MemoryManager.fixed(4 * MB);
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(many).withMemoryManager(m)) {
            abandon(r);
            for (int i = 0; i < 100 && m.trackedBytes() != 0; i++) {
                System.gc();
                Thread.sleep(20);
            }
            assertEquals(0, m.trackedBytes(), "the unreachable batch's reservation was released");
        }
    }

    private static void abandon(AdaptiveStreamingReader r) {
        Iterator<DataFrame> it = r.iterator();
        assertTrue(it.next().height() > 0);
    }

    @Test
    void fixedChunkStrategyGivesExactBatches() {
        FixedMemoryManager m = MemoryManager.fixed(1L << 30);
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(many).withMemoryManager(m)
                .withChunkStrategy(new FixedChunkStrategy(100_000)).withColumns("i")) {
            List<Integer> heights = new ArrayList<>();
            long rows = 0;
            for (DataFrame b : (Iterable<DataFrame>) r::iterator) {
                assertSameRows(manyAll.select("i"), rows, b);
                rows += b.height();
                heights.add(b.height());
            }
            assertEquals(20, heights.size(), heights.toString());
            assertTrue(heights.stream().allMatch(h -> h == 100_000), heights.toString());
        }
    }

    @Test
    void pressureHalvesTheAdaptiveStrategy() {
        FixedMemoryManager m = MemoryManager.fixed(64 * MB);
        AdaptiveChunkStrategy strategy = new AdaptiveChunkStrategy(1, 10_000_000, 0.8);
        try (AdaptiveStreamingReader r = AdaptiveStreamingReader.open(many).withMemoryManager(m).withChunkStrategy(strategy)) {
            Iterator<DataFrame> it = r.iterator();
            it.next();
            assertEquals(1.0, strategy.scale());
            m.setBudget(32 * MB);
            assertEquals(0.5, strategy.scale(), "a lower budget is pressure the reader passes on");
            while (it.hasNext()) it.next();
        }
        assertFalse(m.trackedBytes() > 0);
    }
}
