package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;

import java.util.Arrays;

/**
 * A fixed set of long values tested many times over (an IN list over an integer or date column): a bitmap
 * over the values' range when that range is small, else binary search over the sorted values. A join's
 * runtime filter puts up to a few thousand build keys here and tests every probe row, so the test is a
 * load and a mask, not a boxed comparison per listed value.
 */
final class LongKeySet {
    /** Largest bitmap kept, in bits (1 MiB): TPC-H's part or supplier keys at SF 10 fit. */
    private static final long MAX_BITMAP_BITS = 1L << 23;

    private final long min;
    private final long max;
    /** Bit (v - min) set for each value v, or null (then {@link #sorted} is searched). */
    private final long[] bits;
    private final long[] sorted;

    /** The set of {@code values} (not empty). */
    LongKeySet(long[] values) {
        long[] s = values.clone();
        Arrays.sort(s);
        min = s[0];
        max = s[s.length - 1];
        long range = max - min;   // overflows (negative) for a range wider than 2^63: searched then
        if (range >= 0 && range < MAX_BITMAP_BITS) {
            bits = new long[(int) (range >>> 6) + 1];
            for (long v : s) {
                long o = v - min;
                bits[(int) (o >>> 6)] |= 1L << o;
            }
            sorted = null;
        } else {
            bits = null;
            sorted = s;
        }
    }

    /** The set of {@code min + i} for each bit {@code i} of {@code bits} (not copied), {@code max} the largest. */
    LongKeySet(long min, long max, long[] bits) {
        this.min = min;
        this.max = max;
        this.bits = bits;
        this.sorted = null;
    }

    /** TRUE where value {@code i} of {@code c} is in the set, else FALSE; UNKNOWN where it is null. */
    byte[] test(LongColumn c) {
        long[] a = c.rawValues();
        byte[] out = new byte[c.size()];
        for (int i = 0; i < out.length; i++) out[i] = contains(a[i]) ? RowPredicate.TRUE : RowPredicate.FALSE;
        VectorEval.markNulls(c, out);
        return out;
    }

    /** {@link #test(LongColumn)} for int values. */
    byte[] test(IntColumn c) {
        int[] a = c.rawValues();
        byte[] out = new byte[c.size()];
        for (int i = 0; i < out.length; i++) out[i] = contains(a[i]) ? RowPredicate.TRUE : RowPredicate.FALSE;
        VectorEval.markNulls(c, out);
        return out;
    }

    boolean contains(long v) {
        if (v < min || v > max) return false;
        if (bits != null) {
            long o = v - min;
            return (bits[(int) (o >>> 6)] & (1L << o)) != 0;
        }
        return Arrays.binarySearch(sorted, v) >= 0;
    }
}
