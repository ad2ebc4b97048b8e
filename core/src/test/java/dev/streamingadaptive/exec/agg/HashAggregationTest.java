package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.NullColumn;
import dev.streamingadaptive.memory.FixedMemoryManager;
import dev.streamingadaptive.memory.MemoryManager;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Behaviour on hand-built batches: API contract, errors, dictionary handling, overflow. */
class HashAggregationTest {

    static BinaryColumn strings(String name, String... values) {
        int[] off = new int[values.length + 1];
        boolean[] nulls = new boolean[values.length];
        StringBuilder all = new StringBuilder();
        List<byte[]> parts = new ArrayList<>();
        int pos = 0;
        for (int i = 0; i < values.length; i++) {
            byte[] b = values[i] == null ? new byte[0] : values[i].getBytes(StandardCharsets.UTF_8);
            nulls[i] = values[i] == null;
            parts.add(b);
            pos += b.length;
            off[i + 1] = pos;
        }
        byte[] data = new byte[pos];
        int p = 0;
        for (byte[] b : parts) {
            System.arraycopy(b, 0, data, p, b.length);
            p += b.length;
        }
        return new BinaryColumn(name, DataType.STRING, off, data, values.length, nulls);
    }

    static LongColumn longs(String name, long... v) {
        return new LongColumn(name, v, v.length, null);
    }

    static Map<Object, Object> byKey(DataFrame df, int valueColumn) {
        Map<Object, Object> m = new HashMap<>();
        for (int r = 0; r < df.height(); r++) m.put(df.column(0).get(r), df.column(valueColumn).get(r));
        return m;
    }

    @Test
    void resultTypes() {
        assertEquals(DataType.INT64, AggFunction.SUM.resultType(DataType.INT32));
        assertEquals(DataType.INT64, AggFunction.SUM.resultType(DataType.UINT32));
        assertEquals(new DataType.Decimal(38, 0), AggFunction.SUM.resultType(DataType.UINT64));
        assertEquals(new DataType.Decimal(38, 3), AggFunction.SUM.resultType(new DataType.Decimal(10, 3)));
        assertEquals(DataType.FLOAT64, AggFunction.SUM.resultType(DataType.FLOAT32));
        assertEquals(DataType.FLOAT64, AggFunction.MEAN.resultType(new DataType.Decimal(30, 3)));
        assertEquals(DataType.STRING, AggFunction.MIN.resultType(DataType.STRING));
        assertEquals(DataType.DATE, AggFunction.LAST.resultType(DataType.DATE));
        assertEquals(DataType.INT64, AggFunction.LEN.resultType(null));
        assertEquals(DataType.INT64, AggFunction.N_UNIQUE.resultType(DataType.BINARY));
        assertEquals(DataType.FLOAT64, AggFunction.MEDIAN.resultType(DataType.INT8));
        assertEquals(0.5, AggSpec.of(AggFunction.MEDIAN, "m", DataType.INT64).quantile());
    }

    @Test
    void unsupportedTypesNameFunctionOutputAndType() {
        AggregationTypeException e = assertThrows(AggregationTypeException.class,
                () -> AggSpec.of(AggFunction.SUM, "total_name", DataType.STRING));
        assertTrue(e.getMessage().contains("sum(total_name)") && e.getMessage().contains("string"), e.getMessage());
        assertEquals(AggFunction.SUM, e.function());
        AggregationTypeException m = assertThrows(AggregationTypeException.class, () -> AggFunction.MEAN.resultType(DataType.DATE));
        assertTrue(m.getMessage().contains("mean") && m.getMessage().contains("date"), m.getMessage());
        assertThrows(AggregationTypeException.class, () -> AggFunction.STD.resultType(DataType.BOOLEAN));
        assertThrows(AggregationTypeException.class, () -> AggFunction.MIN.resultType(DataType.INTERVAL));
        assertThrows(AggregationTypeException.class,
                () -> AggFunction.FIRST.resultType(new DataType.ListType(Field.of("e", DataType.INT32))));
        assertInstanceOf(IllegalArgumentException.class, e);
    }

    @Test
    void quantileOutsideZeroOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> AggSpec.quantile("q", DataType.FLOAT64, 1.5));
        assertThrows(IllegalArgumentException.class, () -> AggSpec.quantile("q", DataType.FLOAT64, -0.1));
        assertThrows(IllegalArgumentException.class, () -> AggSpec.quantile("q", DataType.FLOAT64, Double.NaN));
        assertEquals(1.0, AggSpec.quantile("q", DataType.FLOAT64, 1.0).quantile());
    }

    @Test
    void int64SumOverflowIsAnErrorNamingTheColumn() {
        try (HashAggregation h = new HashAggregation(List.of(), List.of(AggSpec.of(AggFunction.SUM, "total", DataType.INT64)),
                MemoryManager.fixed(1 << 20), "agg")) {
            AggregationOverflowException e = assertThrows(AggregationOverflowException.class,
                    () -> h.add(List.of(), List.of(longs("size", Long.MAX_VALUE - 5, 10)), 0));
            assertTrue(e.getMessage().contains("sum(size)") && e.getMessage().contains("decimal"), e.getMessage());
            assertInstanceOf(ArithmeticException.class, e);
        }
        // The same through keyed groups and through merge.
        List<Field> keys = List.of(Field.of("k", DataType.INT64));
        List<AggSpec> aggs = List.of(AggSpec.of(AggFunction.SUM, "total", DataType.INT64));
        try (HashAggregation h = new HashAggregation(keys, aggs, MemoryManager.fixed(1 << 20), "agg")) {
            assertThrows(AggregationOverflowException.class,
                    () -> h.add(List.of(longs("k", 1, 2, 1)), List.of(longs("size", Long.MIN_VALUE, 0, -1)), 0));
        }
        try (HashAggregation a = new HashAggregation(keys, aggs, MemoryManager.fixed(1 << 20), "agg");
             HashAggregation b = new HashAggregation(keys, aggs, MemoryManager.fixed(1 << 20), "agg")) {
            a.add(List.of(longs("k", 1)), List.of(longs("size", Long.MAX_VALUE)), 0);
            b.add(List.of(longs("k", 1)), List.of(longs("size", 1)), 1);
            assertThrows(AggregationOverflowException.class, () -> a.merge(b));
        }
    }

    @Test
    void int32SumsWidenWithoutOverflow() {
        int[] v = new int[1000];
        Arrays.fill(v, Integer.MAX_VALUE);
        try (HashAggregation h = new HashAggregation(List.of(), List.of(AggSpec.of(AggFunction.SUM, "s", DataType.INT32),
                AggSpec.of(AggFunction.MEAN, "m", DataType.INT32)), MemoryManager.fixed(1 << 20), "agg")) {
            IntColumn c = new IntColumn("x", v, v.length, null);
            h.add(List.of(), List.of(c, c), 0);
            DataFrame df = h.finish();
            assertEquals(1000L * Integer.MAX_VALUE, df.column("s").get(0));
            assertEquals((double) Integer.MAX_VALUE, df.column("m").get(0));
        }
    }

    /**
     * 128-bit sums that cross 2^64 up and down, grouped and not, with nulls, from longs, from wide decimals held in
     * longs and from UINT64, through merge too: the exact BigInteger sums.
     */
    @Test
    void wideSumsCrossTheLowWordBothWays() {
        java.util.Random rnd = new java.util.Random(5);
        int n = 4_000;
        long[] v = new long[n];
        long[] keys = new long[n];
        boolean[] nulls = new boolean[n];
        for (int i = 0; i < n; i++) {
            keys[i] = rnd.nextInt(3);
            nulls[i] = rnd.nextInt(9) == 0;
            // long stretches of huge values of one sign, so the low word overflows many times each way
            v[i] = (i / 500 % 2 == 0 ? 1 : -1) * (Long.MAX_VALUE - rnd.nextInt(1000));
        }
        DataType.Decimal wide = new DataType.Decimal(30, 2);
        List<Column> inputs = List.of(new LongColumn("d", new DataType.Decimal(18, 2), v, n, nulls),
                BinaryColumn.ofUnscaledLongs("w", wide, v.clone(), n, nulls),
                new LongColumn("u", DataType.UINT64, v, n, nulls));
        for (Column input : inputs) {
            boolean unsigned = input.type().kind() == DataType.Kind.UINT64;
            BigInteger[] want = {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO};
            BigInteger total = BigInteger.ZERO;
            for (int i = 0; i < n; i++) {
                if (nulls[i]) continue;
                BigInteger x = unsigned ? new BigInteger(Long.toUnsignedString(v[i])) : BigInteger.valueOf(v[i]);
                want[(int) keys[i]] = want[(int) keys[i]].add(x);
                total = total.add(x);
            }
            int scale = input.type() instanceof DataType.Decimal d ? d.scale() : 0;
            List<AggSpec> aggs = List.of(AggSpec.of(AggFunction.SUM, "s", input.type()));
            try (HashAggregation flat = new HashAggregation(List.of(), aggs, MemoryManager.fixed(1 << 20), "agg")) {
                flat.add(List.of(), List.of(input.slice(0, n / 2)), 0);
                flat.add(List.of(), List.of(input.slice(n / 2, n - n / 2)), 1);
                assertEquals(new BigDecimal(total, scale), flat.finish().column("s").get(0), input.name() + " ungrouped");
            }
            List<Field> k = List.of(Field.of("k", DataType.INT64));
            try (HashAggregation a = new HashAggregation(k, aggs, MemoryManager.fixed(1 << 20), "agg");
                 HashAggregation b = new HashAggregation(k, aggs, MemoryManager.fixed(1 << 20), "agg")) {
                LongColumn kc = new LongColumn("k", keys, n, null);
                a.add(List.of(kc.slice(0, 1_500)), List.of(input.slice(0, 1_500)), 0);
                b.add(List.of(kc.slice(1_500, n - 1_500)), List.of(input.slice(1_500, n - 1_500)), 1);
                a.merge(b);
                DataFrame df = a.finish();
                for (int r = 0; r < df.height(); r++) {
                    long key = (Long) df.column("k").get(r);
                    assertEquals(new BigDecimal(want[(int) key], scale), df.column("s").get(r), input.name() + " group " + key);
                }
                assertEquals(3, df.height());
            }
        }
    }

    @Test
    void decimal38SumBeyondItsPrecisionIsAnError() {
        DataType t = new DataType.Decimal(38, 0);
        byte[] nine = new BigInteger("9" + "0".repeat(37)).toByteArray(); // 9e37, 16 bytes
        byte[] data = new byte[nine.length * 2];
        System.arraycopy(nine, 0, data, 0, nine.length);
        System.arraycopy(nine, 0, data, nine.length, nine.length);
        BinaryColumn c = new BinaryColumn("d", t, new int[] {0, nine.length, nine.length * 2}, data, 2, null);
        try (HashAggregation h = new HashAggregation(List.of(), List.of(AggSpec.of(AggFunction.SUM, "s", t)),
                MemoryManager.fixed(1 << 20), "agg")) {
            h.add(List.of(), List.of(c), 0);
            assertThrows(AggregationOverflowException.class, h::finish);
        }
        try (HashAggregation h = new HashAggregation(List.of(), List.of(AggSpec.of(AggFunction.SUM, "s", t)),
                MemoryManager.fixed(1 << 20), "agg")) {
            h.add(List.of(), List.of(c.slice(0, 1)), 0);
            assertEquals(new BigDecimal(new BigInteger("9" + "0".repeat(37))), h.finish().column("s").get(0));
        }
    }

    @Test
    void dictionaryAndPlainBatchesOfOneKeyMeetAndUnusedEntriesMakeNoGroups() {
        BinaryColumn dict = strings("dict", "a", "b", "unused", "ü");
        List<AggSpec> aggs = List.of(AggSpec.len("n"), AggSpec.of(AggFunction.SUM, "s", DataType.INT64));
        try (HashAggregation h = new HashAggregation(List.of(Field.of("k", DataType.STRING)), aggs, MemoryManager.fixed(1 << 20), "agg")) {
            DictionaryColumn d1 = new DictionaryColumn("k", dict, new int[] {0, 1, 3, 0, 0}, 5, new boolean[] {false, false, false, false, true});
            h.add(List.of(d1), Arrays.asList(null, longs("v", 1, 2, 3, 4, 5)), 0);
            h.add(List.of(strings("k", "b", "ü", null, "new")), Arrays.asList(null, longs("v", 10, 20, 30, 40)), 1);
            // the same dictionary again (cached entry ids), then another one
            h.add(List.of(new DictionaryColumn("k", dict, new int[] {1}, 1, null)), Arrays.asList(null, longs("v", 100)), 2);
            h.add(List.of(new DictionaryColumn("k", strings("d2", "new", "a"), new int[] {1, 0}, 2, null)),
                    Arrays.asList(null, longs("v", 1000, 2000)), 3);
            assertEquals(5, h.groupCount(), "a, b, ü, new, NULL — not 'unused'");
            DataFrame df = h.finish();
            assertInstanceOf(BinaryColumn.class, df.column("k"), "plain key column out");
            Map<Object, Object> n = byKey(df, 1), s = byKey(df, 2);
            assertEquals(Map.of("a", 3L, "b", 3L, "ü", 2L, "new", 2L), without(n, null));
            assertEquals(2L, n.get(null));
            assertEquals(1005L, s.get("a"));
            assertEquals(112L, s.get("b"));
            assertEquals(23L, s.get("ü"));
            assertEquals(2040L, s.get("new"));
            assertEquals(35L, s.get(null));
        }
    }

    private static Map<Object, Object> without(Map<Object, Object> m, Object key) {
        Map<Object, Object> c = new HashMap<>(m);
        c.remove(key);
        return c;
    }

    @Test
    void allNullInputsAndNullColumns() {
        List<AggSpec> aggs = List.of(AggSpec.of(AggFunction.SUM, "s", DataType.INT64), AggSpec.of(AggFunction.COUNT, "c", DataType.INT64),
                AggSpec.of(AggFunction.MIN, "mn", DataType.STRING), AggSpec.of(AggFunction.FIRST, "f", DataType.INT64),
                AggSpec.of(AggFunction.N_UNIQUE, "u", DataType.STRING), AggSpec.of(AggFunction.MEDIAN, "med", DataType.INT64));
        try (HashAggregation h = new HashAggregation(List.of(Field.of("k", DataType.STRING)), aggs, MemoryManager.fixed(1 << 20), "agg")) {
            Column nl = new NullColumn("x", DataType.INT64, 3);
            Column ns = new NullColumn("y", DataType.STRING, 3);
            h.add(List.of(new NullColumn("k", DataType.STRING, 3)), List.of(nl, nl, ns, nl, ns, nl), 0);
            DataFrame df = h.finish();
            assertEquals(1, df.height());
            assertNull(df.column("k").get(0));
            assertNull(df.column("s").get(0));
            assertEquals(0L, df.column("c").get(0));
            assertNull(df.column("mn").get(0));
            assertNull(df.column("f").get(0));
            assertEquals(0L, df.column("u").get(0));
            assertNull(df.column("med").get(0));
        }
    }

    @Test
    void firstAndLastFollowBatchSequenceNotArrivalOrder() {
        List<AggSpec> aggs = List.of(AggSpec.of(AggFunction.FIRST, "f", DataType.STRING), AggSpec.of(AggFunction.LAST, "l", DataType.STRING),
                AggSpec.of(AggFunction.FIRST, "fv", DataType.FLOAT64), AggSpec.of(AggFunction.LAST, "lv", DataType.FLOAT64));
        List<Field> keys = List.of(Field.of("k", DataType.INT64));
        MemoryManager mm = MemoryManager.fixed(1 << 20);
        HashAggregation a = new HashAggregation(keys, aggs, mm, "agg");
        HashAggregation b = new HashAggregation(keys, aggs, mm, "agg");
        DoubleColumn late = new DoubleColumn("v", new double[] {5, 6, 0}, 3, new boolean[] {false, false, true});
        b.add(List.of(longs("k", 1, 1, 1)), List.of(strings("s", "late1", "late2", null), strings("s", "late1", "late2", null), late, late), 9);
        a.add(List.of(longs("k", 1, 1)), List.of(strings("s", "mid1", "mid2"), strings("s", "mid1", "mid2"),
                new DoubleColumn("v", new double[] {3, 4}, 2, null), new DoubleColumn("v", new double[] {3, 4}, 2, null)), 5);
        b.add(List.of(longs("k", 1, 1)), List.of(strings("s", null, "early2"), strings("s", null, "early2"),
                new DoubleColumn("v", new double[] {0, 2}, 2, new boolean[] {true, false}),
                new DoubleColumn("v", new double[] {0, 2}, 2, new boolean[] {true, false})), 2);
        a.merge(b);
        assertThrows(IllegalStateException.class, b::finish, "other is closed after merge");
        DataFrame df = a.finish();
        assertNull(df.column("f").get(0), "first row (seq 2, row 0) is null");
        assertNull(df.column("l").get(0), "last row (seq 9, row 2) is null");
        assertNull(df.column("fv").get(0));
        assertNull(df.column("lv").get(0));
        assertEquals(0, mm.trackedBytes());
    }

    @Test
    void unsignedAndFloatOrder() {
        List<AggSpec> aggs = List.of(AggSpec.of(AggFunction.MAX, "mx", DataType.UINT64), AggSpec.of(AggFunction.MIN, "mn", DataType.UINT64),
                AggSpec.of(AggFunction.MAX, "fx", DataType.FLOAT64), AggSpec.of(AggFunction.MIN, "fn", DataType.FLOAT64),
                AggSpec.of(AggFunction.SUM, "s", DataType.UINT64));
        try (HashAggregation h = new HashAggregation(List.of(), aggs, MemoryManager.fixed(1 << 20), "agg")) {
            LongColumn u = new LongColumn("u", DataType.UINT64, new long[] {-1L, 5, Long.MIN_VALUE}, 3, null);
            DoubleColumn f = new DoubleColumn("f", new double[] {Double.NaN, Double.POSITIVE_INFINITY, -3}, 3, null);
            h.add(List.of(), List.of(u, u, f, f, u), 0);
            DataFrame df = h.finish();
            assertEquals(new BigInteger("18446744073709551615"), df.column("mx").get(0));
            assertEquals(BigInteger.valueOf(5), df.column("mn").get(0));
            assertTrue(((Double) df.column("fx").get(0)).isNaN(), "NaN is the largest");
            assertEquals(-3.0, df.column("fn").get(0));
            assertEquals(new BigDecimal("27670116110564327428"), df.column("s").get(0), "2^64-1 + 5 + 2^63");
        }
    }

    @Test
    void misuseIsRejected() {
        List<AggSpec> aggs = List.of(AggSpec.len("n"));
        try (HashAggregation h = new HashAggregation(List.of(Field.of("k", DataType.INT64)), aggs, MemoryManager.fixed(1 << 20), "agg")) {
            assertThrows(IllegalArgumentException.class, () -> h.add(List.of(), Arrays.asList((Column) null), 0));
            assertThrows(IllegalArgumentException.class,
                    () -> h.add(List.of(longs("k", 1, 2)), List.of(longs("x", 1), longs("y", 1)), 0), "wrong number of inputs");
        }
        List<AggSpec> sum = List.of(AggSpec.of(AggFunction.SUM, "s", new DataType.Decimal(10, 2)));
        try (HashAggregation h = new HashAggregation(List.of(Field.of("k", DataType.INT64)), sum, MemoryManager.fixed(1 << 20), "agg")) {
            assertThrows(IllegalArgumentException.class,
                    () -> h.add(List.of(longs("k", 1, 2)), List.of(new LongColumn("x", new DataType.Decimal(10, 2), new long[] {1}, 1, null)), 0),
                    "sizes differ");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> h.add(List.of(longs("k", 1)), List.of(new LongColumn("x", new DataType.Decimal(10, 3), new long[] {1}, 1, null)), 0));
            assertTrue(e.getMessage().contains("decimal(10,3)") && e.getMessage().contains("'s'"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> h.add(List.of(new IntColumn("k", new int[] {1}, 1, null)),
                            List.of(new LongColumn("x", new DataType.Decimal(10, 2), new long[] {1}, 1, null)), 0), "key of another type");
        }
        assertThrows(IllegalArgumentException.class, () -> new HashAggregation(List.of(Field.of("n", DataType.INT64)), aggs,
                MemoryManager.fixed(1 << 20), "agg"), "duplicate output name");
        HashAggregation h = new HashAggregation(List.of(), aggs, MemoryManager.fixed(1 << 20), "agg");
        h.close();
        h.close();
        assertThrows(IllegalStateException.class, h::finish);
        assertFalse(h.reservedBytes() > 0);
    }
}
