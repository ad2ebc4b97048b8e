package dev.streamingadaptive.predicate;

import dev.streamingadaptive.parquet.meta.ColumnChunk;
import dev.streamingadaptive.parquet.meta.ColumnMetaData;
import dev.streamingadaptive.parquet.meta.ColumnOrder;
import dev.streamingadaptive.parquet.meta.CompressionCodec;
import dev.streamingadaptive.parquet.meta.ConvertedType;
import dev.streamingadaptive.parquet.meta.LogicalType;
import dev.streamingadaptive.parquet.meta.PhysicalType;
import dev.streamingadaptive.parquet.meta.Repetition;
import dev.streamingadaptive.parquet.meta.RowGroup;
import dev.streamingadaptive.parquet.meta.SchemaElement;
import dev.streamingadaptive.parquet.meta.Statistics;
import dev.streamingadaptive.parquet.schema.ParquetSchema;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static dev.streamingadaptive.predicate.ComparisonPredicate.Op.EQ;
import static dev.streamingadaptive.predicate.ComparisonPredicate.Op.GE;
import static dev.streamingadaptive.predicate.ComparisonPredicate.Op.GT;
import static dev.streamingadaptive.predicate.ComparisonPredicate.Op.LE;
import static dev.streamingadaptive.predicate.ComparisonPredicate.Op.LT;
import static dev.streamingadaptive.predicate.ComparisonPredicate.Op.NE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Statistics pruning on hand-made footers: the cases DuckDB does not write (deprecated fields,
 * declared column orders, decimals in bytes, FLOAT16, NaN left out of the max, truncated strings,
 * writers that got the order wrong).
 */
class MinMaxTest {
    private static final long ROWS = 100;

    private static SchemaElement leaf(PhysicalType p, Integer length, ConvertedType ct, LogicalType lt, Integer scale, Integer precision) {
        return new SchemaElement(p, length, Repetition.OPTIONAL, "x", 0, ct, scale, precision, null, lt);
    }

    private static RowGroupMetadata rg(SchemaElement leaf, Statistics st, List<ColumnOrder> orders) {
        SchemaElement root = new SchemaElement(null, null, null, "schema", 1, null, null, null, null, null);
        ParquetSchema schema = ParquetSchema.of(List.of(root, leaf));
        ColumnMetaData md = new ColumnMetaData(leaf.type(), List.of(), List.of("x"), CompressionCodec.UNCOMPRESSED, ROWS, 0, 0,
                List.of(), 4, null, null, st, List.of(), null, null, null);
        ColumnChunk cc = new ColumnChunk(null, 4, md, null, null, null, null, false);
        return new RowGroupMetadata(0, new RowGroup(List.of(cc), 0, ROWS, null, null, null, List.of()), schema, null, null, orders);
    }

    /** min_value/max_value only (exact). */
    private static Statistics stats(byte[] min, byte[] max) {
        return new Statistics(null, null, 0L, null, max, min, true, true);
    }

    private static Statistics deprecated(byte[] min, byte[] max) {
        return new Statistics(max, min, 0L, null, null, null, null, null);
    }

    private static byte[] i32(int v) { return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array(); }
    private static byte[] i64(long v) { return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array(); }
    private static byte[] f64(double v) { return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(v).array(); }
    private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private static boolean skips(RowGroupMetadata rg, ComparisonPredicate.Op op, Object literal) {
        return new ComparisonPredicate("x", op, literal).shouldSkipRowGroup(rg);
    }

    @Test
    void unsignedIntegersUseUnsignedOrderAndNeverTheDeprecatedFields() {
        SchemaElement u32 = leaf(PhysicalType.INT32, null, ConvertedType.UINT_32, new LogicalType.IntType(32, false), null, null);
        RowGroupMetadata g = rg(u32, stats(i32(5), i32(0xF000_0000)), List.of());
        assertFalse(skips(g, GT, 4_000_000_000L));
        assertTrue(skips(g, GT, 4_100_000_000L), "max is 4026531840 unsigned, not negative");
        assertTrue(skips(g, LT, 5L));
        assertFalse(skips(g, LE, 5L));
        // The deprecated fields are signed: -268435456 .. 5 would wrongly exclude 4e9.
        RowGroupMetadata old = rg(u32, deprecated(i32(0xF000_0000), i32(5)), List.of());
        assertFalse(skips(old, GT, 4_100_000_000L));
        assertFalse(skips(old, LT, 5L));

        SchemaElement u64 = leaf(PhysicalType.INT64, null, null, new LogicalType.IntType(64, false), null, null);
        RowGroupMetadata h = rg(u64, stats(i64(Long.MIN_VALUE), i64(-1L)), List.of());
        assertTrue(skips(h, LT, new BigInteger("9223372036854775808")));
        assertFalse(skips(h, EQ, new BigInteger("18446744073709551615")));
        assertTrue(skips(h, GT, new BigInteger("18446744073709551615")));
    }

    @Test
    void deprecatedFieldsServeSignedPrimitiveTypes() {
        SchemaElement date = leaf(PhysicalType.INT32, null, ConvertedType.DATE, new LogicalType.DateType(), null, null);
        RowGroupMetadata g = rg(date, deprecated(i32(19000), i32(19010)), List.of());
        assertTrue(skips(g, GT, LocalDate.ofEpochDay(19010)));
        assertFalse(skips(g, GE, LocalDate.ofEpochDay(19010)));
        assertTrue(skips(g, LT, LocalDate.ofEpochDay(19000)));
        // Strings: the deprecated fields were written in signed byte order by old writers.
        SchemaElement str = leaf(PhysicalType.BYTE_ARRAY, null, ConvertedType.UTF8, new LogicalType.StringType(), null, null);
        assertFalse(skips(rg(str, deprecated(utf8("a"), utf8("b")), List.of()), GT, "c"));
        assertTrue(skips(rg(str, stats(utf8("a"), utf8("b")), List.of()), GT, "c"));
    }

    @Test
    void declaredColumnOrdersAreHonoured() {
        SchemaElement i = leaf(PhysicalType.INT64, null, null, null, null, null);
        Statistics st = stats(i64(10), i64(20));
        assertTrue(skips(rg(i, st, List.of()), GT, 20L), "no column_orders: type order assumed (DuckDB writes none)");
        assertTrue(skips(rg(i, st, List.of(ColumnOrder.TYPE_DEFINED)), GT, 20L));
        assertFalse(skips(rg(i, st, List.of(ColumnOrder.UNKNOWN)), GT, 20L), "an order we do not know: no pruning");
        assertFalse(skips(rg(i, st, List.of(ColumnOrder.IEEE754)), GT, 20L), "IEEE 754 order only means something for floats");
        SchemaElement d = leaf(PhysicalType.DOUBLE, null, null, null, null, null);
        assertTrue(skips(rg(d, stats(f64(1), f64(2)), List.of(ColumnOrder.IEEE754)), LT, 0.5));
        // INT96 and unknown logical types have no defined order.
        SchemaElement int96 = leaf(PhysicalType.INT96, null, null, null, null, null);
        assertNull(MinMax.of(rg(int96, stats(new byte[12], new byte[12]), List.of()), "x").min());
        SchemaElement unknown = leaf(PhysicalType.INT64, null, null, new LogicalType.UnknownLogicalType(99), null, null);
        assertFalse(skips(rg(unknown, st, List.of()), GT, 20L));
    }

    @Test
    void decimalsInBytesAreSignedTwosComplement() {
        SchemaElement bin = leaf(PhysicalType.BYTE_ARRAY, null, ConvertedType.DECIMAL, new LogicalType.DecimalType(2, 10), 2, 10);
        RowGroupMetadata g = rg(bin, stats(new byte[] {(byte) 0xFD, (byte) 0xE0}, new byte[] {0x01, (byte) 0xB1}), List.of());
        MinMax mm = MinMax.of(g, "x");
        assertEquals(new BigDecimal("-5.44"), mm.min());
        assertEquals(new BigDecimal("4.33"), mm.max());
        assertTrue(skips(g, GT, new BigDecimal("4.33")));
        assertFalse(skips(g, GE, new BigDecimal("4.330")));
        assertTrue(skips(g, LT, new BigDecimal("-5.44")));
        assertFalse(skips(g, EQ, new BigDecimal("-5.44")));
        assertTrue(skips(g, EQ, 5L));
        // A writer that compared the bytes unsigned (min 2.11, max -5.44): min > max, so no bounds at all.
        RowGroupMetadata wrong = rg(bin, stats(new byte[] {0x00, (byte) 0xD3}, new byte[] {(byte) 0xFD, (byte) 0xE0}), List.of());
        assertFalse(skips(wrong, LT, new BigDecimal("2")));
        assertFalse(skips(wrong, GT, new BigDecimal("0")));

        byte[] minus1 = new byte[16];
        java.util.Arrays.fill(minus1, (byte) 0xFF);
        byte[] plus1 = new byte[16];
        plus1[15] = 1;
        SchemaElement fixed = leaf(PhysicalType.FIXED_LEN_BYTE_ARRAY, 16, ConvertedType.DECIMAL, new LogicalType.DecimalType(10, 38), 10, 38);
        RowGroupMetadata f = rg(fixed, stats(minus1, plus1), List.of());
        assertTrue(skips(f, LT, new BigDecimal("-0.0000000001")));
        assertFalse(skips(f, LE, new BigDecimal("-0.0000000001")));
        assertTrue(skips(f, GT, new BigDecimal("0.0000000001")));
    }

    @Test
    void floatingBoundsLeaveNanOut() {
        SchemaElement d = leaf(PhysicalType.DOUBLE, null, null, null, null, null);
        RowGroupMetadata g = rg(d, stats(f64(1), f64(2)), List.of());
        assertFalse(skips(g, GT, 5.0), "NaN rows (above everything) may exist beyond the max");
        assertFalse(skips(g, NE, 1.5));
        assertFalse(skips(g, EQ, Double.NaN));
        assertTrue(skips(g, LT, 0.5));
        assertTrue(skips(g, EQ, 3.0), "NaN never equals 3");
        // A NaN bound is ignored on its own; the other still prunes.
        RowGroupMetadata nanMin = rg(d, stats(f64(Double.NaN), f64(2)), List.of());
        assertTrue(skips(nanMin, EQ, 3.0));
        assertFalse(skips(nanMin, LT, 0.5));
        // -0.0 and +0.0 are equal: a min of +0.0 says nothing against -0.0 rows.
        RowGroupMetadata zero = rg(d, stats(f64(0.0), f64(2)), List.of());
        assertFalse(skips(zero, EQ, -0.0));
        assertFalse(skips(zero, LE, -0.0));
        assertTrue(skips(zero, LT, -0.0));

        SchemaElement half = leaf(PhysicalType.FIXED_LEN_BYTE_ARRAY, 2, null, new LogicalType.Float16Type(), null, null);
        RowGroupMetadata h = rg(half, stats(new byte[] {0x00, 0x3C}, new byte[] {0x00, 0x40}), List.of()); // 1.0, 2.0
        MinMax mm = MinMax.of(h, "x");
        assertEquals(1.0f, mm.min());
        assertEquals(2.0f, mm.max());
        assertTrue(skips(h, LT, 1.0f));
        assertTrue(skips(h, EQ, 2.5f));
        assertFalse(skips(h, GT, 2.5f));
    }

    @Test
    void booleansAndUuids() {
        SchemaElement b = leaf(PhysicalType.BOOLEAN, null, null, null, null, null);
        RowGroupMetadata allFalse = rg(b, stats(new byte[] {0}, new byte[] {0}), List.of());
        assertTrue(skips(allFalse, EQ, true));
        assertFalse(skips(allFalse, EQ, false));
        assertTrue(skips(allFalse, NE, false));

        SchemaElement u = leaf(PhysicalType.FIXED_LEN_BYTE_ARRAY, 16, null, new LogicalType.UuidType(), null, null);
        byte[] lo = new byte[16];
        byte[] hi = new byte[16];
        hi[0] = 0x7F;
        RowGroupMetadata g = rg(u, stats(lo, hi), List.of());
        assertTrue(skips(g, EQ, UUID.fromString("ffffffff-0000-0000-0000-000000000000")), "unsigned: ff.. is above 7f..");
        assertFalse(skips(g, EQ, UUID.fromString("10000000-0000-0000-0000-000000000000")));
    }

    @Test
    void truncatedStringBoundsStillBound() {
        SchemaElement s = leaf(PhysicalType.BYTE_ARRAY, null, ConvertedType.UTF8, new LogicalType.StringType(), null, null);
        // Values like "abc…": a truncated min and a truncated, incremented max.
        RowGroupMetadata g = rg(s, new Statistics(null, null, 0L, null, utf8("abd"), utf8("abc"), false, false), List.of());
        for (String p : new String[] {"abc", "abd", "ab", "a", "", "abcz"}) {
            assertFalse(new StartsWithPredicate("x", p).shouldSkipRowGroup(g), p);
        }
        for (String p : new String[] {"abe", "aa", "b", "abda", "ac"}) {
            assertTrue(new StartsWithPredicate("x", p).shouldSkipRowGroup(g), p);
        }
        assertFalse(skips(g, NE, "abc"));
        assertTrue(skips(g, GT, "abd"));
        // A min cut inside a multi-byte character (0xC3 of é) still bounds.
        RowGroupMetadata cut = rg(s, new Statistics(null, null, 0L, null, utf8("éz"), new byte[] {(byte) 0xC3}, false, false), List.of());
        assertFalse(new StartsWithPredicate("x", "é").shouldSkipRowGroup(cut));
        assertTrue(new StartsWithPredicate("x", "z").shouldSkipRowGroup(cut));
        assertFalse(skips(cut, EQ, "é"));
        // Code point order: U+FFFD sorts below an emoji (Java's UTF-16 order says the opposite).
        RowGroupMetadata emoji = rg(s, stats(utf8("😀"), utf8("😀😀")), List.of());
        assertTrue(skips(emoji, LE, "\uFFFD"));
        assertTrue(skips(emoji, EQ, "ｚ"));
    }

    @Test
    void allNullRowGroupsAreSkippedByEveryComparison() {
        SchemaElement s = leaf(PhysicalType.BYTE_ARRAY, null, ConvertedType.UTF8, new LogicalType.StringType(), null, null);
        RowGroupMetadata g = rg(s, new Statistics(null, null, ROWS, null, null, null, null, null), List.of());
        for (ComparisonPredicate.Op op : ComparisonPredicate.Op.values()) assertTrue(skips(g, op, "a"), op.name());
        assertTrue(new StartsWithPredicate("x", "").shouldSkipRowGroup(g));
        assertTrue(new ColumnFilterPredicate("x", List.of("a", "b")).shouldSkipRowGroup(g));
    }

    @Test
    void stringOrderIsCodePointOrder() {
        assertTrue(Values.compareStrings("\uFFFD", "😀") < 0);
        assertTrue(Values.compareStrings("ｚ", "😀") < 0);
        assertTrue(Values.compareStrings("é", "z") > 0);
        assertTrue(Values.compareStrings("ab", "abc") < 0);
        assertEquals(0, Values.compareStrings("😀x", "😀x"));
        assertTrue(Values.compareStrings("\uD83D\uDE00", "\uD83D\uDE01") < 0);
    }

    @Test
    void decimalCastsAreDuckDbs() {
        // DuckDB 1.4's results (not the correctly rounded doubles) for decimals beyond 2^53 unscaled.
        assertEquals(734281.4814780701, NumericCasts.decimalToDouble(new BigDecimal("734281.48147807017")));
        assertEquals(8241.441466315877, NumericCasts.decimalToDouble(new BigDecimal("8241.4414663158777")));
        assertEquals(734281.5f, NumericCasts.decimalToFloat(new BigDecimal("734281.48147807017")));
        assertEquals(0.1f, NumericCasts.decimalToFloat(new BigDecimal("0.1")));
        assertEquals(0.1, NumericCasts.decimalToDouble(new BigDecimal("0.1")));
    }
}
