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

    @Test
    void keepsManyKeysWhileTheyLieCloseTogether() {
        // 100,000 keys in a range of 2M, over several batches: kept (a bitmap tests them).
        KeyRange dense = new KeyRange();
        for (int b = 0; b < 10; b++) {
            long[] k = new long[10_000];
            for (int i = 0; i < k.length; i++) k[i] = (long) (b * 10_000 + i) * 20;
            dense.add(new LongColumn("k", k, k.length, null), k.length);
        }
        long[] got = dense.distinctValues();
        assertEquals(100_000, got.length);
        Arrays.sort(got);
        assertEquals(0, got[0]);
        assertEquals(99_999L * 20, got[got.length - 1]);

        // One more key that widens the range past MAX_DENSE_SPAN drops them (the range stays).
        dense.add(new LongColumn("k", new long[] {KeyRange.MAX_DENSE_SPAN}, 1, null), 1);
        assertNull(dense.distinctValues());
        assertEquals(KeyRange.MAX_DENSE_SPAN, dense.max());

        // Past MAX_DENSE_DISTINCT keys, however close, only the range.
        KeyRange many = new KeyRange();
        long[] k = new long[KeyRange.MAX_DENSE_DISTINCT + 1];
        for (int i = 0; i < k.length; i++) k[i] = i;
        many.add(new LongColumn("k", k, KeyRange.MAX_DENSE_DISTINCT, null), KeyRange.MAX_DENSE_DISTINCT);
        assertEquals(KeyRange.MAX_DENSE_DISTINCT, many.distinctValues().length);
        many.add(new LongColumn("k", new long[] {KeyRange.MAX_DENSE_DISTINCT}, 1, null), 1);
        assertNull(many.distinctValues());

        // Few keys far apart are kept; one more, far apart too, drops them.
        KeyRange far = new KeyRange();
        long[] f = new long[KeyRange.MAX_DISTINCT + 1];
        for (int i = 0; i < f.length; i++) f[i] = (long) i * KeyRange.MAX_DENSE_SPAN;
        far.add(new LongColumn("k", f, KeyRange.MAX_DISTINCT, null), KeyRange.MAX_DISTINCT);
        assertEquals(KeyRange.MAX_DISTINCT, far.distinctValues().length);
        far.add(new LongColumn("k", new long[] {f[KeyRange.MAX_DISTINCT]}, 1, null), 1);
        assertNull(far.distinctValues());
    }
}
