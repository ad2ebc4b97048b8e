package dev.streamingadaptive.parquet.write;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.lazy.LazyFrame;
import dev.streamingadaptive.memory.FixedMemoryManager;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.parquet.meta.ColumnChunk;
import dev.streamingadaptive.parquet.meta.ColumnIndex;
import dev.streamingadaptive.parquet.meta.FileMetaData;
import dev.streamingadaptive.parquet.meta.MetadataParser;
import dev.streamingadaptive.parquet.meta.OffsetIndex;
import dev.streamingadaptive.parquet.meta.PageLocation;
import dev.streamingadaptive.parquet.meta.RowGroup;
import dev.streamingadaptive.reader.MmapParquetReader;
import dev.streamingadaptive.reader.ScanStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.lit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page index and chunk statistics we write, checked page by page against the values, and used. */
class PageIndexWriteTest {
    @TempDir Path dir;

    static final int N = 25_000;

    /** id ascending; sym in sorted blocks (dictionary); x with a NaN; v nullable with an all-null stretch; down descending. */
    static DataFrame frame() {
        SplittableRandom r = new SplittableRandom(3);
        long[] id = new long[N], down = new long[N];
        double[] x = new double[N];
        int[] v = new int[N];
        boolean[] vNull = new boolean[N];
        ByteArrayOutputStream syms = new ByteArrayOutputStream();
        int[] off = new int[N + 1];
        for (int i = 0; i < N; i++) {
            id[i] = i * 3L - 1000;
            down[i] = -id[i];
            x[i] = r.nextDouble() * 100 - 50;
            v[i] = r.nextInt(1_000_000) - 500_000;
            vNull[i] = (i >= 4_000 && i < 9_000) || r.nextInt(9) == 0;
            syms.writeBytes(String.format("SYM%05d", i / 500).getBytes(StandardCharsets.UTF_8));
            off[i + 1] = syms.size();
        }
        x[17_000] = Double.NaN;
        // low cardinality: dictionary-encoded numbers; q holds both zeros, and a NaN in the last row group
        int[] lvl = new int[N];
        double[] q = new double[N];
        double[] qs = {-1.5, -0.0, 0.0, 2.25, 1e300};
        for (int i = 0; i < N; i++) {
            lvl[i] = (i / 97) % 7 - 3;
            q[i] = qs[(i / 13) % qs.length];
        }
        q[20_500] = Double.NaN;
        return new DataFrame(List.of(
                new IntColumn("lvl", DataType.INT32, lvl, N, null),
                new DoubleColumn("q", q, N, null),
                new LongColumn("id", DataType.INT64, id, N, null),
                new BinaryColumn("sym", DataType.STRING, off, syms.toByteArray(), N, null),
                new DoubleColumn("x", x, N, null),
                new IntColumn("v", DataType.INT32, v, N, vNull),
                new LongColumn("down", DataType.INT64, down, N, null)));
    }

    static WriterOptions smallPages() {
        return WriterOptions.defaults().withRowGroupRows(10_000).withPageSizeBytes(4096).withMetadata("origin", "page-index-test");
    }

    @Test
    void everyPageIsDescribedByItsOffsetsAndItsValues() throws Exception {
        DataFrame df = frame();
        Path file = dir.resolve("indexed.parquet");
        ParquetWriterTest.writeInBatches(file, df, smallPages(), 3_333);
        ParquetWriterTest.assertSameValues(df, ParquetWriterTest.readOurs(file));

        FileMetaData meta;
        try (MmapParquetReader r = MmapParquetReader.open(file)) {
            meta = r.metadata();
        }
        assertEquals("page-index-test", meta.keyValue("origin"));
        assertEquals(3, meta.rowGroups().size());
        int[] pagesOf = new int[df.width()];
        try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
            long firstRowOfGroup = 0;
            for (RowGroup g : meta.rowGroups()) {
                for (int c = 0; c < df.width(); c++) {
                    ColumnChunk chunk = g.columns().get(c);
                    Column column = df.column(c);
                    OffsetIndex oi = MetadataParser.parseOffsetIndex(seg, chunk.offsetIndexOffset(), chunk.offsetIndexLength());
                    List<PageLocation> pages = oi.pageLocations();
                    pagesOf[c] += pages.size();
                    assertEquals(chunk.metaData().dataPageOffset(), pages.get(0).offset(), "first data page");
                    assertEquals(0, pages.get(0).firstRowIndex());
                    long chunkStart = chunk.metaData().dictionaryPageOffset() != null ? chunk.metaData().dictionaryPageOffset() : chunk.metaData().dataPageOffset();
                    PageLocation last = pages.get(pages.size() - 1);
                    assertEquals(chunkStart + chunk.metaData().totalCompressedSize(), last.offset() + last.compressedPageSize(), "pages end where the chunk ends");
                    for (int p = 1; p < pages.size(); p++) {
                        assertEquals(pages.get(p - 1).offset() + pages.get(p - 1).compressedPageSize(), pages.get(p).offset(), "pages are contiguous");
                        assertTrue(pages.get(p).firstRowIndex() > pages.get(p - 1).firstRowIndex());
                    }
                    if ((column.name().equals("x") && firstRowOfGroup == 10_000) || (column.name().equals("q") && firstRowOfGroup == 20_000)) {
                        assertNull(chunk.columnIndexOffset(), "a chunk with NaN has no column index");
                        assertNull(chunk.metaData().statistics().minValue(), "nor min/max");
                        continue;
                    }
                    ColumnIndex ci = MetadataParser.parseColumnIndex(seg, chunk.columnIndexOffset(), chunk.columnIndexLength());
                    assertEquals(pages.size(), ci.nullPages().size());
                    for (int p = 0; p < pages.size(); p++) {
                        int from = (int) (firstRowOfGroup + pages.get(p).firstRowIndex());
                        int to = (int) (firstRowOfGroup + (p + 1 < pages.size() ? pages.get(p + 1).firstRowIndex() : g.numRows()));
                        checkPage(column, from, to, ci, p);
                    }
                    if (column.name().equals("lvl") || column.name().equals("q")) {
                        assertTrue(chunk.metaData().encodings().contains(dev.streamingadaptive.parquet.meta.Encoding.RLE_DICTIONARY),
                                column.name() + " is dictionary-encoded: " + chunk.metaData().encodings());
                    }
                    int expectedOrder = switch (column.name()) {
                        case "id", "sym", "lvl", "q" -> ColumnIndex.ASCENDING;   // lvl, q: one dictionary page per row group
                        case "down" -> ColumnIndex.DESCENDING;
                        default -> ColumnIndex.UNORDERED;
                    };
                    assertEquals(expectedOrder, ci.boundaryOrder(), column.name() + " boundary order");
                }
                firstRowOfGroup += g.numRows();
            }
        }
        for (int c = 0; c < df.width(); c++) {
            if (df.column(c).name().equals("lvl") || df.column(c).name().equals("q")) continue;   // 3-bit dictionary ids: 10,922 rows per page
            assertTrue(pagesOf[c] > 3, df.column(c).name() + " has several pages per row group: " + pagesOf[c]);
        }
    }

    /** The page's null flag, null count and min/max equal what its rows hold. */
    private static void checkPage(Column column, int from, int to, ColumnIndex ci, int p) {
        long nulls = 0;
        Comparable<Object> min = null, max = null;
        for (int i = from; i < to; i++) {
            Object v = column.get(i);
            if (v == null) {
                nulls++;
                continue;
            }
            @SuppressWarnings("unchecked") Comparable<Object> c = (Comparable<Object>) v;
            if (min == null || c.compareTo(min) < 0) min = c;
            if (max == null || c.compareTo(max) > 0) max = c;
        }
        String at = column.name() + " page " + p + " rows " + from + ".." + to;
        assertEquals(nulls, ci.nullCounts().get(p), at + " null count");
        assertEquals(nulls == to - from, ci.nullPages().get(p), at + " null page");
        if (min == null) return;
        Object lo = decode(column, ci.minValues().get(p)), hi = decode(column, ci.maxValues().get(p));
        if ((Object) min instanceof Double d) {
            // numeric comparison: a zero minimum is written as -0.0 and a zero maximum as +0.0
            assertEquals(d, (Double) lo, 0.0, at + " min");
            double mx = (Double) (Object) max;
            assertEquals(mx, (Double) hi, 0.0, at + " max");
            if (d == 0) assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits((Double) lo), at + " min zero is -0.0");
            if (mx == 0) assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits((Double) hi), at + " max zero is +0.0");
            return;
        }
        assertEquals(min, lo, at + " min");
        assertEquals(max, hi, at + " max");
    }

    private static Object decode(Column column, byte[] b) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        return switch (column.type().kind()) {
            case INT64 -> bb.getLong();
            case INT32 -> bb.getInt();
            case FLOAT64 -> bb.getDouble();
            case STRING -> new String(b, StandardCharsets.UTF_8);
            default -> throw new AssertionError(column.type());
        };
    }

    @Test
    void aFilterOnTheSortedColumnSkipsPagesAndKeepsTheValues() {
        DataFrame df = frame();
        Path file = dir.resolve("prune.parquet");
        ParquetWriterTest.writeInBatches(file, df, smallPages(), 5_000);
        ScanStatistics stats = new ScanStatistics();
        DataFrame got = LazyFrame.scanParquet(file).withStatistics(stats)
                .filter(col("id").gtEq(lit(30_000L)).and(col("id").lt(lit(30_300L)))).collect();
        assertEquals(100, got.height());
        for (int i = 0; i < got.height(); i++) {
            int row = (int) ((30_000L + 1000) / 3) + i + 1;   // id = 3 * row - 1000
            assertEquals(df.column("id").get(row), got.column("id").get(i));
            assertEquals(df.column("sym").get(row), got.column("sym").get(i));
            assertEquals(df.column("v").get(row), got.column("v").get(i));
        }
        assertTrue(stats.rowsSkippedByPageIndex() > 0, "the page index skipped pages: " + stats.describe());
        assertTrue(stats.rowsDecoded() < 5_000, "rows decoded: " + stats.describe());
    }

    @Test
    void duckDbReadsOurChunkStatisticsAndMetadata() throws Exception {
        DataFrame df = frame();
        Path file = dir.resolve("duck.parquet");
        ParquetWriterTest.writeInBatches(file, df, smallPages(), 10_000);
        try (Connection con = DriverManager.getConnection("jdbc:duckdb:"); Statement st = con.createStatement()) {
            String f = "'" + file + "'";
            try (ResultSet rs = st.executeQuery("SELECT row_group_id, path_in_schema, stats_min_value, stats_max_value, stats_null_count"
                    + " FROM parquet_metadata(" + f + ") ORDER BY row_group_id, column_id")) {
                for (int g = 0; g < 3; g++) {
                    int from = g * 10_000, to = Math.min(N, from + 10_000);
                    for (Column c : df.columns()) {
                        assertTrue(rs.next());
                        assertEquals(c.name(), rs.getString(2));
                        long nulls = 0;
                        Object min = null, max = null;
                        boolean nan = false;
                        for (int i = from; i < to; i++) {
                            Object v = c.get(i);
                            if (v == null) { nulls++; continue; }
                            if (v instanceof Double d && d.isNaN()) nan = true;
                            @SuppressWarnings("unchecked") Comparable<Object> cv = (Comparable<Object>) v;
                            if (min == null || cv.compareTo(min) < 0) min = v;
                            if (max == null || cv.compareTo(max) > 0) max = v;
                        }
                        String at = c.name() + " row group " + g;
                        assertEquals(nulls, rs.getLong(5), at + " null count");
                        if (nan) {
                            assertNull(rs.getString(3), at);
                            continue;
                        }
                        if (min instanceof Double d) {
                            assertEquals(d, Double.parseDouble(rs.getString(3)), 0.0, at + " min");
                            assertEquals((Double) max, Double.parseDouble(rs.getString(4)), 0.0, at + " max");
                            continue;
                        }
                        assertEquals(String.valueOf(min), rs.getString(3), at + " min");
                        assertEquals(String.valueOf(max), rs.getString(4), at + " max");
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT decode(key), decode(value) FROM parquet_kv_metadata(" + f + ")")) {
                assertTrue(rs.next());
                assertEquals("origin", rs.getString(1));
                assertEquals("page-index-test", rs.getString(2));
            }
            // DuckDB prunes with our chunk statistics: an id range inside one row group
            try (ResultSet rs = st.executeQuery("SELECT count(*), sum(v) FROM " + f + " WHERE id BETWEEN 50000 AND 50300")) {
                assertTrue(rs.next());
                long sum = 0, count = 0;
                for (int i = 0; i < N; i++) {
                    long id = (Long) df.column("id").get(i);
                    if (id >= 50_000 && id <= 50_300) {
                        count++;
                        Object v = df.column("v").get(i);
                        if (v != null) sum += (Integer) v;
                    }
                }
                assertEquals(count, rs.getLong(1));
                assertEquals(sum, rs.getLong(2));
            }
        }
    }

    @Test
    void rowGroupsCloseByBufferedBytesAndTheBufferIsReserved() {
        DataFrame df = frame();
        long rowBytes = df.estimatedBytes() / N;
        Path file = dir.resolve("bytes.parquet");
        FixedMemoryManager memory = MemoryManager.fixed(1L << 30);
        WriterOptions opt = WriterOptions.defaults().withRowGroupBytes(rowBytes * 4_000);
        try (ParquetWriter w = ParquetWriter.open(file, df.schema(), opt, memory)) {
            for (int off = 0; off < N; off += 1_000) {
                w.write(df.slice(off, 1_000));
                assertTrue(memory.trackedBytes() >= 0);
            }
            assertTrue(memory.peakTrackedBytes() >= rowBytes * 3_000, "buffered rows are reserved: " + memory.peakTrackedBytes());
        }
        assertEquals(0, memory.trackedBytes(), "released on close");
        try (MmapParquetReader r = MmapParquetReader.open(file)) {
            long[] rows = r.metadata().rowGroups().stream().mapToLong(RowGroup::numRows).toArray();
            assertTrue(rows.length >= 6, "row groups of about 4,000 rows: " + Arrays.toString(rows));
            for (int i = 0; i + 1 < rows.length; i++) assertTrue(Math.abs(rows[i] - 4_000) <= 100, Arrays.toString(rows));
        }
        ParquetWriterTest.assertSameValues(df, ParquetWriterTest.readOurs(file));

        // a small budget shrinks row groups to a quarter of it (1 MiB here, about 25,000 rows)
        Path small = dir.resolve("small-budget.parquet");
        FixedMemoryManager tight = MemoryManager.fixed(4L << 20);
        try (ParquetWriter w = ParquetWriter.open(small, df.schema(), WriterOptions.defaults(), tight)) {
            for (int copy = 0; copy < 4; copy++) {
                for (int off = 0; off < N; off += 500) w.write(df.slice(off, 500));
            }
            assertTrue(tight.peakTrackedBytes() <= tight.budget(), "within the budget: " + tight.peakTrackedBytes());
        }
        try (MmapParquetReader r = MmapParquetReader.open(small)) {
            assertEquals(4 * N, r.totalRows());
            assertTrue(r.numRowGroups() >= 3 && r.numRowGroups() <= 6, "row groups: " + r.numRowGroups());
        }
    }

    @Test
    void anyNumberOfEncodingThreadsWritesTheSameBytes() throws Exception {
        DataFrame df = frame();
        byte[] first = null;
        for (int threads : new int[] {1, 2, 5}) {
            for (String codec : new String[] {"snappy", "zstd"}) {
                Path file = dir.resolve("threads-" + threads + "-" + codec + ".parquet");
                ParquetWriterTest.writeInBatches(file, df, smallPages().withThreads(threads).withCodec(codec), 4_000);
                ParquetWriterTest.assertSameValues(df, ParquetWriterTest.readOurs(file));
                if (codec.equals("zstd")) {
                    byte[] bytes = java.nio.file.Files.readAllBytes(file);
                    if (first == null) first = bytes;
                    else assertArrayEquals(first, bytes, threads + " threads");
                }
            }
        }
    }

    @Test
    void aFailingColumnAbortsAParallelWriteAndLeavesNoFile() throws Exception {
        // a non-nullable field given nulls fails inside a helper thread's encoding
        DataFrame df = frame();
        var fields = new java.util.ArrayList<>(df.schema().fields());
        fields.set(3, new dev.streamingadaptive.frame.Field("v", DataType.INT32, false));
        Path file = dir.resolve("failing.parquet");
        ParquetWriter w = ParquetWriter.open(file, new dev.streamingadaptive.frame.Schema(fields), smallPages().withThreads(3));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> w.write(df));
        assertTrue(e.getMessage().contains("'v'"), e.getMessage());
        w.close();
        assertTrue(java.nio.file.Files.notExists(file));
        try (var s = java.nio.file.Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".tmp")));
        }
    }

    @Test
    void bloomFiltersHoldEveryValueAndArePrunedOnByUsAndDuckDb() throws Exception {
        DataFrame df = frame();
        Path file = dir.resolve("bloom.parquet");
        ParquetWriterTest.writeInBatches(file, df, smallPages().withBloomFilter("sym", "id", "lvl"), 6_000);
        try (MmapParquetReader r = MmapParquetReader.open(file)) {
            for (RowGroup g : r.metadata().rowGroups()) {
                for (ColumnChunk c : g.columns()) {
                    boolean wanted = List.of("sym", "id", "lvl").contains(c.metaData().pathInSchema().get(0));
                    assertEquals(wanted, c.metaData().bloomFilterOffset() != null, c.metaData().pathInSchema() + " has a Bloom filter");
                }
            }
        }
        // between two present values of the first row group, so its min/max cannot prune it: only its filter can
        ScanStatistics stats = new ScanStatistics();
        assertEquals(0, LazyFrame.scanParquet(file).withStatistics(stats).filter(col("sym").eq(lit("SYM00010x"))).collect().height());
        assertEquals(1, stats.rowGroupsPrunedByBloomFilter(), stats.describe());
        assertEquals(0, stats.rowGroupsRead(), stats.describe());
        ScanStatistics present = new ScanStatistics();
        DataFrame hit = LazyFrame.scanParquet(file).withStatistics(present).filter(col("sym").eq(lit("SYM00021"))).collect();
        assertEquals(500, hit.height());
        assertEquals(10_500L * 3 - 1000, hit.column("id").get(0));
        assertEquals(0, present.rowGroupsPrunedByBloomFilter());
        ScanStatistics ids = new ScanStatistics();
        assertEquals(0, LazyFrame.scanParquet(file).withStatistics(ids).filter(col("id").eq(lit(30_001L))).collect().height());
        assertEquals(1, ids.rowGroupsPrunedByBloomFilter(), ids.describe());   // 30,001 lies in the second row group's id range
        assertEquals(0, ids.rowGroupsRead(), ids.describe());
        try (Connection con = DriverManager.getConnection("jdbc:duckdb:"); Statement st = con.createStatement()) {
            String f = "'" + file + "'";
            try (ResultSet rs = st.executeQuery("SELECT row_group_id, bloom_filter_excludes FROM parquet_bloom_probe(" + f
                    + ", 'sym', 'SYM00003') ORDER BY row_group_id")) {
                for (int g = 0; g < 3; g++) {
                    assertTrue(rs.next());
                    assertEquals(g != 0, rs.getBoolean(2), "row group " + g + " excludes SYM00003");
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE bloom_filter_excludes) FROM parquet_bloom_probe(" + f
                    + ", 'lvl', 2)")) {
                assertTrue(rs.next());
                assertEquals(0, rs.getLong(1), "every row group holds lvl = 2");
            }
        }
        assertTrue(BloomFilterBuilder.numBytes(1_000_000, 0.01) >= 1 << 20 && BloomFilterBuilder.numBytes(1, 0.01) == 32);
    }

    @Test
    void withoutPageIndexTheChunksHaveNone() {
        DataFrame df = frame();
        Path file = dir.resolve("plain.parquet");
        ParquetWriterTest.writeInBatches(file, df, smallPages().withPageIndex(false), 10_000);
        try (MmapParquetReader r = MmapParquetReader.open(file)) {
            for (RowGroup g : r.metadata().rowGroups()) {
                for (ColumnChunk c : g.columns()) {
                    assertNull(c.offsetIndexOffset());
                    assertNull(c.columnIndexOffset());
                    assertNotNull(c.metaData().statistics());
                }
            }
        }
        ParquetWriterTest.assertSameValues(df, ParquetWriterTest.readOurs(file));
    }

    @Test
    void pageStatisticsFoldIntoChunkStatisticsInEveryTypeOrder() {
        // unsigned and signed orders differ: UINT32 above 2^31 is the max, not the min
        LeafSpec u32 = LeafSpec.of(dev.streamingadaptive.frame.Field.of("u", DataType.UINT32));
        LeafSpec i32 = LeafSpec.of(dev.streamingadaptive.frame.Field.of("i", DataType.INT32));
        byte[] big = ValueWriter.le32(-5), small = ValueWriter.le32(7);
        assertTrue(StatOrder.compare(u32, big, small) > 0);
        assertTrue(StatOrder.compare(i32, big, small) < 0);
        LeafSpec f64 = LeafSpec.of(dev.streamingadaptive.frame.Field.of("d", DataType.FLOAT64));
        assertEquals(0, StatOrder.compare(f64, ValueWriter.le64(Double.doubleToRawLongBits(-0.0)), ValueWriter.le64(Double.doubleToRawLongBits(0.0))));
        assertTrue(StatOrder.compare(f64, ValueWriter.le64(Double.doubleToRawLongBits(-1.5)), ValueWriter.le64(Double.doubleToRawLongBits(0.25))) < 0);
        LeafSpec s = LeafSpec.of(dev.streamingadaptive.frame.Field.of("s", DataType.STRING));
        assertTrue(StatOrder.compare(s, new byte[] {(byte) 0xC3}, new byte[] {0x7A}) > 0, "bytes compare unsigned");
        assertArrayEquals(new byte[] {7, 0, 0, 0}, small);
    }
}
