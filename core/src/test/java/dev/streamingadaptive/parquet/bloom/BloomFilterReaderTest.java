package dev.streamingadaptive.parquet.bloom;

import dev.streamingadaptive.parquet.meta.ColumnMetaData;
import dev.streamingadaptive.parquet.meta.CompressionCodec;
import dev.streamingadaptive.parquet.meta.PhysicalType;
import dev.streamingadaptive.reader.MmapParquetReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Split-block filters and their headers: the parquet-testing samples, and malformed input. */
class BloomFilterReaderTest {

    static Path data(String name) {
        String prop = System.getProperty("parquet.testing.dir");
        for (String candidate : new String[] {prop, "../../shared/parquet-testing", "/work/shared/parquet-testing"}) {
            if (candidate == null) continue;
            Path p = Path.of(candidate);
            if (Files.isDirectory(p.resolve("data"))) return p.resolve("data").resolve(name);
        }
        throw new IllegalStateException("parquet-testing corpus not found (set -Dparquet.testing.dir)");
    }

    private static long h(String s) {
        return XxHash64.hash(s.getBytes(StandardCharsets.UTF_8));
    }

    /** How many of n made-up strings the filter rejects. */
    private static int rejected(SplitBlockBloomFilter f, int n) {
        int count = 0;
        for (int i = 0; i < n; i++) if (!f.mightContain(h("absent value #" + i))) count++;
        return count;
    }

    // ------------------------------------------------------------------ the standalone sample

    @Test
    void xxhashSampleHoldsItsFourStrings() throws IOException {
        byte[] bytes = Files.readAllBytes(data("bloom_filter.xxhash.bin"));
        MemorySegment seg = MemorySegment.ofArray(bytes);
        for (Integer length : new Integer[] {null, bytes.length}) {
            SplitBlockBloomFilter f = BloomFilterReader.readAt(seg, 0, length);
            assertNotNull(f);
            assertEquals(1024, f.numBytes());
            assertEquals(32, f.numBlocks());
            for (String s : List.of("hello", "parquet", "bloom", "filter")) assertTrue(f.mightContain(h(s)), s);
            assertTrue(rejected(f, 1000) > 990, "4 values in 1 KiB: almost everything else is rejected");
        }
    }

    @Test
    void murmurSampleIsNotAThriftHeader() throws IOException {
        // The deprecated format starts with a binary header; it must be refused, not misread.
        byte[] bytes = Files.readAllBytes(data("bloom_filter.bin"));
        assertNull(BloomFilterReader.readAt(MemorySegment.ofArray(bytes), 0, null));
    }

    // ------------------------------------------------------------------ the parquet-testing files

    private static List<String> duckValues(Path file) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM read_parquet('" + file + "')")) {
            while (rs.next()) if (rs.getString(1) != null) out.add(rs.getString(1));
        }
        return out;
    }

    private static void checkCorpusFile(String name, Integer expectedLength) throws Exception {
        Path file = data(name);
        List<String> values = duckValues(file);
        assertEquals(14, values.size());
        try (MmapParquetReader reader = MmapParquetReader.open(file)) {
            ColumnMetaData md = reader.metadata().rowGroups().get(0).columns().get(0).metaData();
            assertEquals(expectedLength, md.bloomFilterLength());
            SplitBlockBloomFilter f = BloomFilterReader.read(reader.segment(), md);
            assertNotNull(f, name);
            for (String v : values) assertTrue(f.mightContain(h(v)), name + ": " + v);
            for (String absent : List.of("Hello!", "hello", "dog ", "fox", "parquet", "bloom"))
                assertFalse(values.contains(absent));
            assertTrue(rejected(f, 1000) > 950, name);
            assertFalse(f.mightContain(h("parquet")) && f.mightContain(h("bloom")) && f.mightContain(h("fox")));
        }
    }

    @Test
    void parquetMrFileWithoutLength() throws Exception {
        checkCorpusFile("data_index_bloom_encoding_stats.parquet", null);
    }

    @Test
    void parquetRsFileWithLength() throws Exception {
        checkCorpusFile("data_index_bloom_encoding_with_length.parquet", 2064);
    }

    @Test
    void chunkWithoutFilterGivesNull() throws Exception {
        try (MmapParquetReader reader = MmapParquetReader.open(data("alltypes_plain.parquet"))) {
            for (var chunk : reader.metadata().rowGroups().get(0).columns()) {
                assertNull(BloomFilterReader.read(reader.segment(), chunk.metaData()));
            }
        }
        assertNull(BloomFilterReader.read(null, md(10L, null)));
        assertNull(BloomFilterReader.read(MemorySegment.ofArray(new byte[64]), null));
    }

    // ------------------------------------------------------------------ malformed and unsupported

    private static ColumnMetaData md(Long offset, Integer length) {
        return new ColumnMetaData(PhysicalType.BYTE_ARRAY, List.of(), List.of("c"), CompressionCodec.UNCOMPRESSED,
                1, 1, 1, List.of(), 4, null, null, null, List.of(), offset, length, null);
    }

    /** "PAR1", then a header built from {@code header} at offset 4, then {@code bitset} bytes. */
    private static MemorySegment file(byte[] header, int bitset) {
        byte[] b = new byte[4 + header.length + bitset];
        System.arraycopy("PAR1".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
        System.arraycopy(header, 0, b, 4, header.length);
        return MemorySegment.ofArray(b);
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }

    // numBytes = 32 is zigzag 64 = 0x40; each union holds an empty struct in field 1.
    private static final byte[] GOOD = bytes(0x15, 0x40, 0x1c, 0x1c, 0, 0, 0x1c, 0x1c, 0, 0, 0x1c, 0x1c, 0, 0, 0);

    @Test
    void wellFormedSyntheticHeader() {
        MemorySegment f = file(GOOD, 32);
        assertNotNull(BloomFilterReader.read(f, md(4L, null)));
        assertNotNull(BloomFilterReader.read(f, md(4L, GOOD.length + 32)));
    }

    @Test
    void malformedOrUnsupportedFiltersGiveNullNeverAnException() {
        MemorySegment good = file(GOOD, 32);
        // Offsets and lengths outside the file, or disagreeing with the header.
        assertNull(BloomFilterReader.read(good, md(0L, null)));
        assertNull(BloomFilterReader.read(good, md(-5L, null)));
        assertNull(BloomFilterReader.read(good, md(good.byteSize(), null)));
        assertNull(BloomFilterReader.read(good, md(1L << 40, null)));
        assertNull(BloomFilterReader.read(good, md(4L, 0)));
        assertNull(BloomFilterReader.read(good, md(4L, -1)));
        assertNull(BloomFilterReader.read(good, md(4L, GOOD.length + 31)));
        assertNull(BloomFilterReader.read(good, md(4L, GOOD.length + 33)));
        assertNull(BloomFilterReader.read(good, md(4L, Integer.MAX_VALUE)));
        // Bitset truncated by the end of the file.
        assertNull(BloomFilterReader.read(file(GOOD, 31), md(4L, null)));
        // numBytes not a positive multiple of 32 (here 33, 0, -32).
        for (int zigzag : new int[] {0x42, 0x00, 0x3f}) {
            byte[] h = GOOD.clone();
            h[1] = (byte) zigzag;
            assertNull(BloomFilterReader.read(file(h, 64), md(4L, null)), "numBytes zigzag " + zigzag);
        }
        // numBytes far beyond the file (zigzag varint of 2^30).
        assertNull(BloomFilterReader.read(file(bytes(0x15, 0x80, 0x80, 0x80, 0x80, 0x08, 0x1c, 0x1c, 0, 0,
                0x1c, 0x1c, 0, 0, 0x1c, 0x1c, 0, 0, 0), 64), md(4L, null)));
        // Unknown union members: algorithm 2, hash 2, compression 2.
        for (int at : new int[] {3, 7, 11}) {
            byte[] h = GOOD.clone();
            h[at] = 0x2c; // field delta 2, struct
            assertNull(BloomFilterReader.read(file(h, 32), md(4L, null)), "member at " + at);
        }
        // A missing union (the header stops after the algorithm).
        assertNull(BloomFilterReader.read(file(bytes(0x15, 0x40, 0x1c, 0x1c, 0, 0, 0), 32), md(4L, null)));
        // A missing numBytes.
        assertNull(BloomFilterReader.read(file(bytes(0x2c, 0x1c, 0, 0, 0x1c, 0x1c, 0, 0, 0x1c, 0x1c, 0, 0, 0), 32), md(4L, null)));
        // numBytes as a string, a union as an i32.
        assertNull(BloomFilterReader.read(file(bytes(0x18, 0x01, 0x41, 0x1c, 0x1c, 0, 0, 0x1c, 0x1c, 0, 0,
                0x1c, 0x1c, 0, 0, 0), 32), md(4L, null)));
        assertNull(BloomFilterReader.read(file(bytes(0x15, 0x40, 0x15, 0x02, 0x1c, 0x1c, 0, 0, 0x1c, 0x1c, 0, 0, 0), 32),
                md(4L, null)));
        // Garbage, truncated Thrift and an invalid type code.
        assertNull(BloomFilterReader.read(file(bytes(0xff, 0xff, 0xff), 0), md(4L, null)));
        assertNull(BloomFilterReader.read(file(bytes(0x15), 0), md(4L, null)));
        assertNull(BloomFilterReader.read(file(bytes(0x1d, 0x00), 0), md(4L, null)));
        // Every truncation of a good header, with and without a length.
        for (int cut = 0; cut < GOOD.length; cut++) {
            byte[] h = Arrays.copyOf(GOOD, cut);
            assertNull(BloomFilterReader.read(file(h, 0), md(4L, null)), "cut " + cut);
            assertNull(BloomFilterReader.read(file(GOOD, 32), md(4L, cut)), "length " + cut);
        }
    }

    @Test
    void readingAClosedMappingGivesNull() throws Exception {
        Path file = data("data_index_bloom_encoding_with_length.parquet");
        MemorySegment seg;
        ColumnMetaData md;
        try (MmapParquetReader reader = MmapParquetReader.open(file)) {
            seg = reader.segment();
            md = reader.metadata().rowGroups().get(0).columns().get(0).metaData();
        }
        assertNull(BloomFilterReader.read(seg, md));
    }

    // ------------------------------------------------------------------ the filter itself

    @Test
    void insertedHashesAreFoundAndFewOthersAre() {
        SplitBlockBloomFilter f = SplitBlockBloomFilter.create(32 * 64);
        for (int i = 0; i < 100; i++) f.insert(XxHash64.hashLong(i));
        for (int i = 0; i < 100; i++) assertTrue(f.mightContain(XxHash64.hashLong(i)));
        int falsePositives = 0;
        for (int i = 100; i < 100_100; i++) if (f.mightContain(XxHash64.hashLong(i))) falsePositives++;
        assertTrue(falsePositives < 500, "false positives " + falsePositives); // ~20 bits per value: well under 0.5%
        // Each insert sets exactly one bit per 32-bit word of one block.
        SplitBlockBloomFilter one = SplitBlockBloomFilter.create(32 * 4);
        byte[] backing = new byte[32 * 4];
        SplitBlockBloomFilter view = SplitBlockBloomFilter.of(backing);
        view.insert(XxHash64.hashInt(42));
        int bits = 0;
        for (byte b : backing) bits += Integer.bitCount(b & 0xFF);
        assertEquals(8, bits);
        assertFalse(one.mightContain(XxHash64.hashInt(42)));
    }

    @Test
    void blockAndBitSelectionFollowTheSpec() {
        // Hash with upper half 0x80000000 picks block (0x80000000 * 4) >>> 32 = 2 of 4; lower half 1
        // picks bit SALT[i] >>> 27 in word i.
        int[] salt = {0x47b6137b, 0x44974d91, 0x8824ad5b, 0xa2b7289d, 0x705495c7, 0x2df1424b, 0x9efc4947, 0x5c6bfb31};
        byte[] backing = new byte[128];
        SplitBlockBloomFilter.of(backing).insert(0x80000000_00000001L);
        MemorySegment seg = MemorySegment.ofArray(backing);
        for (int block = 0; block < 4; block++) {
            for (int w = 0; w < 8; w++) {
                int word = seg.get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN),
                        block * 32 + w * 4L);
                assertEquals(block == 2 ? 1 << (salt[w] >>> 27) : 0, word, "block " + block + " word " + w);
            }
        }
    }

    @Test
    void badBitsetsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SplitBlockBloomFilter.of(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> SplitBlockBloomFilter.of(new byte[33]));
        assertThrows(IllegalArgumentException.class, () -> SplitBlockBloomFilter.create(16));
        assertThrows(UnsupportedOperationException.class,
                () -> SplitBlockBloomFilter.of(MemorySegment.ofArray(new byte[32]).asReadOnly()).insert(1));
    }
}
