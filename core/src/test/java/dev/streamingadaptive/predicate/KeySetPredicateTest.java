package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A set of integer or date keys given as a bitmap over their range: the batch test agrees with the row test. */
class KeySetPredicateTest {
    /** Keys 1000, 1003, 1064 and 1130 (bits 0, 3, 64 and 130 over min 1000). */
    private static KeySetPredicate keys(String column) {
        long[] bits = new long[3];
        for (int b : new int[] {0, 3, 64, 130}) bits[b >>> 6] |= 1L << b;
        return KeySetPredicate.ofBitmap(column, 1000, bits);
    }

    @Test
    void testsLongIntAndDateColumnsNullsUnknown() {
        long[] v = {999, 1000, 1001, 1003, 1064, 1065, 1130, 1131, Long.MIN_VALUE, Long.MAX_VALUE, 1003};
        boolean[] nulls = new boolean[v.length];
        nulls[10] = true;
        byte T = RowPredicate.TRUE, F = RowPredicate.FALSE, U = RowPredicate.UNKNOWN;
        byte[] expected = {F, T, F, T, T, F, T, F, F, F, U};
        DataFrame longs = new DataFrame(List.of(new LongColumn("k", v, v.length, nulls)), v.length);
        assertArrayEquals(expected, keys("k").evaluateAll(longs));
        assertArrayEquals(expected, keys("k").evaluateRows(longs));

        int[] iv = new int[v.length];
        for (int i = 0; i < v.length; i++) iv[i] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v[i]));
        for (DataType t : List.of(DataType.INT32, DataType.DATE)) {
            DataFrame ints = new DataFrame(List.of(new IntColumn("k", t, iv, v.length, nulls)), v.length);
            assertArrayEquals(expected, keys("k").evaluateAll(ints), t.toString());
            assertArrayEquals(expected, keys("k").evaluateRows(ints), t.toString());
        }
        assertTrue(keys("k").evaluate(longs, 1));
        assertNull(keys("k").evaluate(longs, 10));
        assertFalse(keys("k").shouldSkipRowGroup(null));   // the range beside it prunes
        assertEquals("k IN <4 keys>", keys("k").toString());
    }

    @Test
    void bindsOnlyToIntegerAndDateColumns() {
        Schema s = new Schema(List.of(new Field("k", DataType.INT64, true), new Field("s", DataType.STRING, true)));
        assertEquals(List.of("k"), List.copyOf(keys("k").bind(s).columns()));
        assertThrows(PredicateBindingException.class, () -> keys("s").bind(s));
        assertThrows(PredicateBindingException.class, () -> keys("missing").bind(s));
        assertThrows(IllegalArgumentException.class, () -> KeySetPredicate.ofBitmap("k", 0, new long[2]));
    }
}
