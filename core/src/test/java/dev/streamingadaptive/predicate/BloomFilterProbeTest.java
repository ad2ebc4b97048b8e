package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.parquet.bloom.BloomFilterReader;
import dev.streamingadaptive.parquet.bloom.SplitBlockBloomFilter;
import dev.streamingadaptive.parquet.bloom.XxHash64;
import dev.streamingadaptive.parquet.meta.ColumnChunk;
import dev.streamingadaptive.parquet.meta.ColumnMetaData;
import dev.streamingadaptive.parquet.meta.ConvertedType;
import dev.streamingadaptive.parquet.meta.LogicalType;
import dev.streamingadaptive.parquet.meta.PhysicalType;
import dev.streamingadaptive.parquet.meta.Repetition;
import dev.streamingadaptive.parquet.meta.RowGroup;
import dev.streamingadaptive.parquet.meta.SchemaElement;
import dev.streamingadaptive.parquet.schema.SchemaNode;
import dev.streamingadaptive.reader.MmapParquetReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Bloom filter probe never reports a present value as absent (judged by the predicates' own
 * equality, {@link Values#compare}), and does exclude values that are absent.
 */
class BloomFilterProbeTest {

    // ================================================================== synthetic leaves

    private static SchemaNode leaf(PhysicalType p, Integer typeLength, ConvertedType ct, LogicalType lt) {
        Integer scale = lt instanceof LogicalType.DecimalType d ? d.scale() : null;
        Integer precision = lt instanceof LogicalType.DecimalType d ? d.precision() : null;
        SchemaElement e = new SchemaElement(p, typeLength, Repetition.OPTIONAL, "c", 0, ct, scale, precision, null, lt);
        return new SchemaNode(e, Repetition.OPTIONAL, 1, 0, 0, List.of("c"), List.of());
    }

    private static SchemaNode leaf(PhysicalType p) {
        return leaf(p, null, null, null);
    }

    private static SplitBlockBloomFilter filter(long... hashes) {
        SplitBlockBloomFilter f = SplitBlockBloomFilter.create(32 * 16);
        for (long h : hashes) f.insert(h);
        return f;
    }

    private static final SplitBlockBloomFilter EMPTY = filter();

    private static boolean probe(SplitBlockBloomFilter f, SchemaNode leaf, Object literal) {
        return BloomFilterProbe.mightContain(f, leaf, literal);
    }

    @Test
    void int32LiteralsOfEveryNumericKind() {
        SchemaNode c = leaf(PhysicalType.INT32);
        SplitBlockBloomFilter f = filter(XxHash64.hashInt(5), XxHash64.hashInt(-7));
        for (Object lit : new Object[] {5L, 5, (short) 5, (byte) 5, BigInteger.valueOf(5), 5.0, 5.0f, new BigDecimal("5.000"), -7L, -7.0}) {
            assertTrue(probe(f, c, lit), lit + " (" + lit.getClass().getSimpleName() + ")");
        }
        for (Object lit : new Object[] {6L, 5.5, new BigDecimal("5.5"), 1L << 40, Double.POSITIVE_INFINITY}) {
            assertFalse(probe(f, c, lit), String.valueOf(lit));
        }
        // Not decidable or not comparable: never prune.
        for (Object lit : new Object[] {Double.NaN, Float.NaN, "5", true, LocalDate.EPOCH}) assertTrue(probe(EMPTY, c, lit), String.valueOf(lit));
        assertTrue(probe(EMPTY, c, null));
        assertTrue(probe(null, c, 5L));
    }

    @Test
    void int64AndDoublesThatCannotPickOneLong() {
        SchemaNode c = leaf(PhysicalType.INT64);
        long big = (1L << 60) + 1;
        SplitBlockBloomFilter f = filter(XxHash64.hashLong(big));
        assertTrue(probe(f, c, big));
        assertFalse(probe(f, c, big - 1));
        // 2^60 + 1 compares equal to the double 2^60 (Values.compare goes through doubles), and so do
        // many other longs: the probe must not answer false.
        assertEquals(0, Values.compare(big, (double) (1L << 60)));
        assertTrue(probe(f, c, (double) (1L << 60)));
        assertTrue(probe(EMPTY, c, (double) (1L << 60)));
        assertTrue(probe(EMPTY, c, new BigDecimal(BigInteger.ONE.shiftLeft(60))));
        // ... but a small double picks exactly one long.
        assertFalse(probe(f, c, 12345.0));
        assertTrue(probe(filter(XxHash64.hashLong(12345)), c, 12345.0));
        // BigDecimal literals compare with integer values exactly (as DuckDB casts both to DECIMAL):
        // 5 is below 5.0000000000000000001; a probe answering "might contain" stays sound.
        assertEquals(-1, Values.compare(5L, new BigDecimal("5.0000000000000000001")));
        assertTrue(probe(filter(XxHash64.hashLong(5)), c, new BigDecimal("5")));
    }

    @Test
    void narrowAndUnsignedIntegersHashTheStoredInt32() {
        SchemaNode u32 = leaf(PhysicalType.INT32, null, ConvertedType.UINT_32, null);
        SplitBlockBloomFilter f = filter(XxHash64.hashInt(-1)); // 4294967295 as stored
        assertTrue(probe(f, u32, 4294967295L));
        assertFalse(probe(f, u32, -1L)); // an unsigned column never holds -1
        assertFalse(probe(f, u32, 1L << 32));

        SchemaNode i8 = leaf(PhysicalType.INT32, null, null, new LogicalType.IntType(8, true));
        assertTrue(probe(filter(XxHash64.hashInt(-100)), i8, -100L));
        assertFalse(probe(filter(XxHash64.hashInt(-100)), i8, 300L));
        SchemaNode u8 = leaf(PhysicalType.INT32, null, ConvertedType.UINT_8, null);
        assertTrue(probe(filter(XxHash64.hashInt(200)), u8, 200L));
        assertFalse(probe(filter(XxHash64.hashInt(200)), u8, -56L));

        SchemaNode u64 = leaf(PhysicalType.INT64, null, ConvertedType.UINT_64, null);
        BigInteger max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        assertTrue(probe(filter(XxHash64.hashLong(-1)), u64, max));
        assertFalse(probe(filter(XxHash64.hashLong(-1)), u64, -1L));
    }

    @Test
    void decimalsUseTheUnscaledValueAtTheColumnScale() {
        SchemaNode d9 = leaf(PhysicalType.INT32, null, ConvertedType.DECIMAL, new LogicalType.DecimalType(2, 9));
        SplitBlockBloomFilter f = filter(XxHash64.hashInt(123), XxHash64.hashInt(-500));
        BigDecimal v123 = BigDecimal.valueOf(123, 2);
        BigDecimal minus5 = BigDecimal.valueOf(-500, 2);
        for (Object lit : new Object[] {new BigDecimal("1.23"), new BigDecimal("1.2300"), 1.23}) {
            assertEquals(0, Values.compare(v123, lit));
            assertTrue(probe(f, d9, lit), String.valueOf(lit));
        }
        for (Object lit : new Object[] {-5L, new BigDecimal("-5"), -5.0, BigInteger.valueOf(-5)}) {
            assertEquals(0, Values.compare(minus5, lit));
            assertTrue(probe(f, d9, lit), String.valueOf(lit));
        }
        // More fraction digits than the scale: no stored value equals it.
        assertFalse(probe(f, d9, new BigDecimal("1.235")));
        assertFalse(probe(f, d9, 1.235));
        assertFalse(probe(f, d9, 1L));
        assertFalse(probe(f, d9, new BigDecimal("12345678901234567890123")));

        SchemaNode d18 = leaf(PhysicalType.INT64, null, ConvertedType.DECIMAL, new LogicalType.DecimalType(3, 18));
        SplitBlockBloomFilter g = filter(XxHash64.hashLong(-1_234_567_890_123L));
        assertTrue(probe(g, d18, new BigDecimal("-1234567890.123")));
        assertTrue(probe(g, d18, -1234567890.123));
        assertFalse(probe(g, d18, new BigDecimal("-1234567890.124")));
        // Values near 10^15 at scale 3: one double stands for several decimals, so no answer but true.
        assertTrue(probe(EMPTY, d18, 1.0e15 + 0.5));
    }

    @Test
    void floatingValuesIncludingZeroesAndNaN() {
        SchemaNode d = leaf(PhysicalType.DOUBLE);
        SchemaNode f = leaf(PhysicalType.FLOAT);
        SplitBlockBloomFilter minusZero = filter(XxHash64.hashDouble(-0.0), XxHash64.hashFloat(-0.0f));
        for (Object zero : new Object[] {0.0, -0.0, 0L, 0, 0.0f, BigDecimal.ZERO}) {
            assertTrue(probe(minusZero, d, zero), "double " + zero);
            assertTrue(probe(minusZero, f, zero), "float " + zero);
        }
        SplitBlockBloomFilter tenth = filter(XxHash64.hashDouble(0.1), XxHash64.hashFloat(0.1f));
        assertTrue(probe(tenth, d, 0.1));
        assertTrue(probe(tenth, d, new BigDecimal("0.1")));
        assertTrue(probe(tenth, f, 0.1f));
        assertTrue(probe(tenth, f, (double) 0.1f));
        assertEquals(1, Values.compare(0.1f, 0.1)); // 0.1f is not the double 0.1 ...
        assertFalse(probe(tenth, f, 0.1)); // ... so no FLOAT equals it
        assertFalse(probe(tenth, d, 0.2));
        assertTrue(probe(EMPTY, d, Double.NaN));
        assertTrue(probe(EMPTY, f, Float.NaN));
        assertTrue(probe(EMPTY, d, "0.1"));
        assertTrue(probe(filter(XxHash64.hashFloat(Float.POSITIVE_INFINITY)), f, Double.POSITIVE_INFINITY));
        assertFalse(probe(EMPTY, f, 1e300)); // beyond float range, not infinite
    }

    @Test
    void stringsBytesAndUuids() {
        SchemaNode s = leaf(PhysicalType.BYTE_ARRAY, null, ConvertedType.UTF8, new LogicalType.StringType());
        SplitBlockBloomFilter f = filter(XxHash64.hash("héllo €".getBytes(StandardCharsets.UTF_8)));
        assertTrue(probe(f, s, "héllo €"));
        assertFalse(probe(f, s, "hello €"));
        assertTrue(probe(EMPTY, s, "bad \uFFFD bytes")); // could be any malformed UTF-8 in the file
        assertTrue(probe(EMPTY, s, "lone \uD800"));
        assertTrue(probe(EMPTY, s, "héllo €".getBytes(StandardCharsets.UTF_8))); // byte[] vs String: not comparable
        assertTrue(probe(EMPTY, s, 5L));

        SchemaNode b = leaf(PhysicalType.BYTE_ARRAY);
        assertTrue(probe(filter(XxHash64.hash(new byte[] {1, 2, 3})), b, new byte[] {1, 2, 3}));
        assertFalse(probe(filter(XxHash64.hash(new byte[] {1, 2, 3})), b, new byte[] {1, 2}));
        assertTrue(probe(EMPTY, b, "abc"));

        SchemaNode fixed = leaf(PhysicalType.FIXED_LEN_BYTE_ARRAY, 3, null, null);
        assertTrue(probe(filter(XxHash64.hash(new byte[] {1, 2, 3})), fixed, new byte[] {1, 2, 3}));
        assertFalse(probe(EMPTY, fixed, new byte[] {1, 2, 3}));
        assertFalse(probe(EMPTY, fixed, new byte[] {1, 2})); // wrong length: never stored

        SchemaNode uuid = leaf(PhysicalType.FIXED_LEN_BYTE_ARRAY, 16, null, new LogicalType.UuidType());
        UUID u = UUID.fromString("e4da3b7f-bbce-2345-d777-2b0674a318d5");
        byte[] be = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
        assertTrue(probe(filter(XxHash64.hash(be)), uuid, u));
        assertFalse(probe(EMPTY, uuid, u));
        assertTrue(probe(EMPTY, uuid, u.toString()));
    }

    @Test
    void temporalLiteralsMapToTheStoredUnit() {
        SchemaNode date = leaf(PhysicalType.INT32, null, ConvertedType.DATE, new LogicalType.DateType());
        assertTrue(probe(filter(XxHash64.hashInt(19000)), date, LocalDate.ofEpochDay(19000)));
        assertFalse(probe(filter(XxHash64.hashInt(19000)), date, LocalDate.ofEpochDay(19001)));
        assertTrue(probe(EMPTY, date, 19000L)); // a number is not comparable with a date

        SchemaNode ts = leaf(PhysicalType.INT64, null, null, new LogicalType.TimestampType(false, LogicalType.TimeUnit.MICROS));
        LocalDateTime t = LocalDateTime.of(2021, 3, 4, 5, 6, 7, 890_123_000);
        long micros = t.toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000 + 890_123;
        assertTrue(probe(filter(XxHash64.hashLong(micros)), ts, t));
        assertFalse(probe(filter(XxHash64.hashLong(micros)), ts, t.plusNanos(1))); // finer than the unit
        assertTrue(probe(EMPTY, ts, t.toInstant(java.time.ZoneOffset.UTC))); // Instant vs local: other class

        SchemaNode tsUtc = leaf(PhysicalType.INT64, null, null, new LogicalType.TimestampType(true, LogicalType.TimeUnit.MILLIS));
        Instant before = Instant.ofEpochSecond(-2, 500_000_000); // negative epoch: floor semantics
        assertTrue(probe(filter(XxHash64.hashLong(-1500)), tsUtc, before));
        assertFalse(probe(EMPTY, tsUtc, before));

        SchemaNode time = leaf(PhysicalType.INT64, null, null, new LogicalType.TimeType(false, LogicalType.TimeUnit.NANOS));
        LocalTime lt = LocalTime.of(13, 14, 15, 16);
        assertTrue(probe(filter(XxHash64.hashLong(lt.toNanoOfDay())), time, lt));
        assertFalse(probe(EMPTY, time, lt));
    }

    @Test
    void unsupportedOrNestedLeavesNeverPrune() {
        assertTrue(probe(EMPTY, leaf(PhysicalType.BOOLEAN), true));
        assertTrue(probe(EMPTY, leaf(PhysicalType.INT96), 5L));
        assertTrue(probe(EMPTY, leaf(PhysicalType.FIXED_LEN_BYTE_ARRAY, 16, null, new LogicalType.DecimalType(2, 30)), BigDecimal.ONE));
        assertTrue(probe(EMPTY, leaf(PhysicalType.BYTE_ARRAY, null, null, new LogicalType.DecimalType(2, 30)), BigDecimal.ONE));
        assertTrue(probe(EMPTY, leaf(PhysicalType.FIXED_LEN_BYTE_ARRAY, 2, null, new LogicalType.Float16Type()), 1.0));
        SchemaElement e = new SchemaElement(PhysicalType.INT32, null, Repetition.REPEATED, "c", 0, null, null, null, null, null);
        assertTrue(probe(EMPTY, new SchemaNode(e, Repetition.REPEATED, 1, 1, 0, List.of("c"), List.of()), 5L));
        SchemaElement inStruct = new SchemaElement(PhysicalType.INT32, null, Repetition.OPTIONAL, "x", 0, null, null, null, null, null);
        assertTrue(probe(EMPTY, new SchemaNode(inStruct, Repetition.OPTIONAL, 2, 0, 0, List.of("s", "x"), List.of()), 5L));
    }

    // ================================================================== files written by DuckDB

    @TempDir
    static Path dir;
    static Path file;
    static final int GROUPS = 6;
    static final int ROWS = 4096;

    /** Column name -> DuckDB expression over g (group), k (0..399) and key = g * 100000 + k. */
    static final Map<String, String> COLUMNS = new LinkedHashMap<>();
    static {
        COLUMNS.put("i32", "(key - 250000)::INTEGER");
        COLUMNS.put("i64", "(key - 250000) * 1000000007");
        COLUMNS.put("d", "((key - 250000) * 0.25)::DOUBLE");
        COLUMNS.put("f", "((key - 250000) * 0.5)::FLOAT");
        COLUMNS.put("s", "'str-' || key");
        COLUMNS.put("sn", "CASE WHEN k % 7 = 0 THEN NULL ELSE 'n' || key END");
        COLUMNS.put("dec9", "((key - 250000) * 0.01)::DECIMAL(9,2)");
        COLUMNS.put("dec18", "((key - 250000) * 1000.001)::DECIMAL(18,3)");
        COLUMNS.put("ti", "(g * 40 + k % 40 - 120)::TINYINT");
        COLUMNS.put("si", "(g * 400 + k - 1000)::SMALLINT");
        COLUMNS.put("uti", "(g * 40 + k % 40)::UTINYINT");
        COLUMNS.put("usi", "(g * 400 + k + 40000)::USMALLINT");
        COLUMNS.put("ui", "(key + 3000000000)::UINTEGER");
        COLUMNS.put("ub", "(key + 10000000000000000000)::UBIGINT");
        COLUMNS.put("dt", "DATE '2000-01-01' + key::INTEGER");
        COLUMNS.put("ts", "TIMESTAMP '2000-01-01' + to_microseconds(key * 1000003)");
        COLUMNS.put("tstz", "(TIMESTAMP '2000-01-01' + to_microseconds(key * 1000003))::TIMESTAMPTZ");
        COLUMNS.put("tm", "TIME '00:00:00' + to_microseconds((g * 10000 + k) * 1000000 + k)");
        COLUMNS.put("u", "md5(key::VARCHAR)::UUID");
        COLUMNS.put("bl", "('b' || key)::BLOB");
    }

    @BeforeAll
    static void write() throws Exception {
        file = dir.resolve("bloom.parquet");
        StringBuilder select = new StringBuilder();
        for (var e : COLUMNS.entrySet()) select.append(select.isEmpty() ? "" : ", ").append(e.getValue()).append(" AS ").append(e.getKey());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET TimeZone='UTC'");
            s.execute("SET threads=1");
            // Each row group holds 400 distinct values, each ~10 times: DuckDB dictionary-encodes the
            // chunks (given a dictionary limit above that) and writes Bloom filters only for those.
            s.execute("COPY (SELECT " + select + " FROM (SELECT r // " + ROWS + " AS g, r % 400 AS k, (r // " + ROWS
                    + ") * 100000 + r % 400 AS key FROM range(" + GROUPS * ROWS + ") t(r))) TO '" + file
                    + "' (FORMAT parquet, ROW_GROUP_SIZE " + ROWS + ", DICTIONARY_SIZE_LIMIT 100000)");
        }
    }

    /** byte[] compares by identity; wrap it so sets compare contents. */
    private static Object key(Object v) {
        return v instanceof byte[] b ? ByteBuffer.wrap(b) : v;
    }

    /** The literal forms that Values.compare finds equal to the column value {@code v}. */
    private static List<Object> literals(Object v) {
        List<Object> out = new ArrayList<>(List.of(v));
        switch (v) {
            case Byte b -> { out.add((long) b); out.add((double) b); out.add(BigDecimal.valueOf(b)); }
            case Short b -> { out.add((long) b); out.add((double) b); out.add(BigDecimal.valueOf(b)); }
            case Integer b -> { out.add((long) b); out.add((double) b); out.add(BigDecimal.valueOf(b)); }
            case Long b -> {
                out.add(BigInteger.valueOf(b));
                if (Math.abs(b) < (1L << 53)) out.add((double) b);
            }
            case BigInteger b -> { if (b.bitLength() < 63) out.add(b.longValue()); out.add(b.doubleValue()); }
            case BigDecimal b -> {
                out.add(b.setScale(b.scale() + 2));
                out.add(b.doubleValue());
                if (b.stripTrailingZeros().scale() <= 0) out.add(b.longValueExact());
            }
            case Float b -> { out.add((double) b); out.add(new BigDecimal(b)); }
            case Double b -> {
                out.add(new BigDecimal(b));
                if ((double) (float) (double) b == b) out.add((float) (double) b);
                if (b == Math.rint(b) && Math.abs(b) < 1e15) out.add((long) (double) b);
            }
            default -> { }
        }
        return out;
    }

    /** Distinct non-null values of a column in one row group, as Column.get returns them. */
    private static Map<Object, Object> distinct(DataFrame df, String name) {
        Map<Object, Object> out = new LinkedHashMap<>();
        Column col = df.column(name);
        for (int i = 0; i < df.height(); i++) {
            Object v = col.get(i);
            if (v != null) out.putIfAbsent(key(v), v);
        }
        return out;
    }

    @Test
    void noFalseNegativesAndMostAbsentValuesExcluded() throws Exception {
        try (MmapParquetReader reader = MmapParquetReader.open(file)) {
            int groups = reader.numRowGroups();
            assertTrue(groups >= GROUPS - 1, "row groups: " + groups);
            List<DataFrame> frames = new ArrayList<>();
            for (int g = 0; g < groups; g++) frames.add(reader.readRowGroup(g));
            for (String column : COLUMNS.keySet()) {
                SchemaNode leaf = null;
                for (SchemaNode l : reader.parquetSchema().leaves()) if (l.name().equals(column)) leaf = l;
                assertNotNull(leaf, column);
                int absentProbes = 0;
                int excluded = 0;
                int listsExcluded = 0;
                for (int g = 0; g < groups; g++) {
                    RowGroup rg = reader.metadata().rowGroups().get(g);
                    ColumnMetaData md = rg.columns().get(leaf.leafIndex()).metaData();
                    SplitBlockBloomFilter f = BloomFilterReader.read(reader.segment(), md);
                    assertNotNull(f, column + " row group " + g + " has no Bloom filter (encodings " + md.encodings() + ")");
                    RowGroupMetadata meta = new RowGroupMetadata(g, rg, reader.parquetSchema(), reader.segment(), file.toString());
                    Map<Object, Object> present = distinct(frames.get(g), column);
                    assertTrue(present.size() >= 40, column + " distinct " + present.size());
                    for (Object v : present.values()) {
                        for (Object lit : literals(v)) {
                            assertEquals(0, Values.compare(v, lit), "test literal " + lit + " must equal " + v);
                            assertTrue(BloomFilterProbe.mightContain(f, leaf, lit),
                                    column + " row group " + g + ": false negative for " + lit + " (" + lit.getClass().getSimpleName() + ")");
                        }
                        assertFalse(BloomFilterProbe.excludes(meta, column, List.of(v)), column + " excludes present " + v);
                    }
                    // Values of the next row group, which no row of this one holds.
                    List<Object> absent = new ArrayList<>();
                    for (var e : distinct(frames.get((g + 1) % groups), column).entrySet()) {
                        if (!present.containsKey(e.getKey())) absent.add(e.getValue());
                    }
                    assertTrue(absent.size() >= 40, column + " absent candidates " + absent.size());
                    for (Object a : absent) {
                        absentProbes++;
                        if (!BloomFilterProbe.mightContain(f, leaf, a)) excluded++;
                    }
                    for (int i = 0; i + 3 <= absent.size(); i += 3) {
                        if (BloomFilterProbe.excludes(meta, column, absent.subList(i, i + 3))) listsExcluded++;
                    }
                    List<Object> withPresent = new ArrayList<>(absent.subList(0, 3));
                    withPresent.add(present.values().iterator().next());
                    assertFalse(BloomFilterProbe.excludes(meta, column, withPresent), column + " IN list with a present value");
                    // Without the mapped file there is nothing to probe.
                    assertFalse(BloomFilterProbe.excludes(new RowGroupMetadata(g, rg, reader.parquetSchema()), column, absent));
                }
                double rate = excluded / (double) absentProbes;
                assertTrue(rate > 0.9, column + ": only " + excluded + " of " + absentProbes + " absent values excluded");
                assertTrue(listsExcluded > 0.8 * absentProbes / 3, column + ": IN lists excluded " + listsExcluded);
            }
        }
    }

    /** Chunks whose filter is not in this file's plain bytes, unknown columns and nested names are never excluded. */
    @Test
    void excludesOnlyWhatItCanProbe() throws Exception {
        try (MmapParquetReader reader = MmapParquetReader.open(file)) {
            RowGroup rg = reader.metadata().rowGroups().get(0);
            int i32 = -1;
            for (SchemaNode l : reader.parquetSchema().leaves()) if (l.name().equals("i32")) i32 = l.leafIndex();
            List<Object> absent = List.of(999_999_999L);
            RowGroupMetadata plain = new RowGroupMetadata(0, rg, reader.parquetSchema(), reader.segment(), null);
            assertTrue(BloomFilterProbe.excludes(plain, "i32", absent));
            assertFalse(BloomFilterProbe.excludes(plain, "no_such_column", absent));
            assertFalse(BloomFilterProbe.excludes(plain, "i32", List.of()));
            assertFalse(BloomFilterProbe.excludes(null, "i32", absent));
            ColumnChunk chunk = rg.columns().get(i32);
            for (ColumnChunk changed : List.of(
                    new ColumnChunk(chunk.filePath(), chunk.fileOffset(), chunk.metaData(),
                            chunk.offsetIndexOffset(), chunk.offsetIndexLength(), chunk.columnIndexOffset(), chunk.columnIndexLength(), true),
                    new ColumnChunk("other.parquet", chunk.fileOffset(), chunk.metaData(),
                            chunk.offsetIndexOffset(), chunk.offsetIndexLength(), chunk.columnIndexOffset(), chunk.columnIndexLength(), false))) {
                List<ColumnChunk> chunks = new ArrayList<>(rg.columns());
                chunks.set(i32, changed);
                RowGroup other = new RowGroup(chunks, rg.totalByteSize(), rg.numRows(), rg.fileOffset(), rg.totalCompressedSize(),
                        rg.ordinal(), rg.sortingColumns());
                assertFalse(BloomFilterProbe.excludes(new RowGroupMetadata(0, other, reader.parquetSchema(), reader.segment(), null),
                        "i32", absent));
            }
        }
    }

    /** The values DuckDB itself reads (its JDBC types are our literal types) are never reported absent. */
    @Test
    void everyValueDuckDbReadsIsFound() throws Exception {
        try (MmapParquetReader reader = MmapParquetReader.open(file);
             Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement()) {
            long start = 0;
            for (int g = 0; g < reader.numRowGroups(); g++) {
                RowGroup rg = reader.metadata().rowGroups().get(g);
                long end = start + rg.numRows();
                for (String column : List.of("i32", "i64", "d", "f", "s", "sn", "dec9", "dec18")) {
                    SchemaNode leaf = null;
                    for (SchemaNode l : reader.parquetSchema().leaves()) if (l.name().equals(column)) leaf = l;
                    SplitBlockBloomFilter f = BloomFilterReader.read(reader.segment(), rg.columns().get(leaf.leafIndex()).metaData());
                    assertNotNull(f, column);
                    Set<Object> seen = new HashSet<>();
                    try (ResultSet rs = s.executeQuery("SELECT DISTINCT " + column + " FROM read_parquet('" + file
                            + "', file_row_number = true) WHERE file_row_number >= " + start + " AND file_row_number < " + end
                            + " AND " + column + " IS NOT NULL")) {
                        while (rs.next()) {
                            Object v = rs.getObject(1);
                            seen.add(v);
                            assertTrue(BloomFilterProbe.mightContain(f, leaf, v), column + " row group " + g + ": DuckDB value " + v);
                        }
                    }
                    assertTrue(seen.size() >= 300, column + " distinct " + seen.size());
                }
                start = end;
            }
        }
    }
}
