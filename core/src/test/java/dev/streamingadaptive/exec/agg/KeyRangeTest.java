package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A build side's key range, and its distinct keys while they are few. */
class KeyRangeTest {
    @Test
    void keepsTheDistinctKeysUntilThereAreTooMany() {
        KeyRange r = new KeyRange();
        assertTrue(r.isEmpty());
        assertArrayEquals(new long[0], r.distinctValues());
        long[] v = {0, 5, -7, 5, 0, Long.MIN_VALUE, Long.MAX_VALUE, 42};
        boolean[] nulls = {false, false, false, false, true, false, false, true};
        r.add(new LongColumn("k", v, v.length, nulls), v.length);
        r.add(new IntColumn("k", new int[] {5, 9, 0}, 3, null), 3);
        long[] keys = r.distinctValues();
        Arrays.sort(keys);
        assertArrayEquals(new long[] {Long.MIN_VALUE, -7, 0, 5, 9, Long.MAX_VALUE}, keys);
        assertEquals(Long.MIN_VALUE, r.min());
        assertEquals(Long.MAX_VALUE, r.max());

        // Up to MAX_DISTINCT keys are kept (colliding hashes included: multiples of a power of two), one more drops them.
        KeyRange many = new KeyRange();
        long[] k = new long[KeyRange.MAX_DISTINCT];
        for (int i = 0; i < k.length; i++) k[i] = (long) i << 40;
        many.add(new LongColumn("k", k, k.length, null), k.length);
        many.add(new LongColumn("k", k, k.length, null), k.length);   // again: nothing new
        TreeSet<Long> got = new TreeSet<>();
        for (long x : many.distinctValues()) got.add(x);
        assertEquals(KeyRange.MAX_DISTINCT, got.size());
        assertEquals(0L, got.first());
        many.add(new LongColumn("k", new long[] {-1}, 1, null), 1);
        assertNull(many.distinctValues());
        assertEquals(-1, many.min());
        assertEquals((long) (KeyRange.MAX_DISTINCT - 1) << 40, many.max());
    }
}
