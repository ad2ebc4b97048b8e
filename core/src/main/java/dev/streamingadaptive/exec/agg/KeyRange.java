package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;

/**
 * The smallest and largest non-null value of an integer or date key column over the batches
 * added, and the values themselves while they are few, or while they lie close together: a join's
 * build side keys as a range the probe side's scan can prune row groups with, or as a set its scan
 * can test rows against.
 */
public final class KeyRange {
    /** Distinct values kept however far apart (a 64 KiB table); past it, only while they are {@link #isDense dense}. */
    public static final int MAX_DISTINCT = 4096;
    /**
     * Distinct values kept at most while they span under {@link #MAX_DENSE_SPAN}: a table of at most 4 MiB, the
     * values tested as a bitmap of at most 1 MiB. TPC-H's part keys at SF 10 (a 2M range) of Q9's 108K green
     * parts or Q8's 13K steel ones qualify.
     */
    public static final int MAX_DENSE_DISTINCT = 1 << 18;
    /** Widest span of values kept past {@link #MAX_DISTINCT}: what a set test does with one bitmap load a row. */
    public static final long MAX_DENSE_SPAN = 1L << 23;
    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;
    private static final int TABLE_BITS = 13;   // 2 x MAX_DISTINCT slots: at most half full

    private final LongVector values = new LongVector();
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private boolean any;
    /** Open addressing, 0 marks an empty slot ({@link #hasZero} stands for the value 0); null once past MAX_DISTINCT. */
    private long[] table = new long[1 << TABLE_BITS];
    private boolean hasZero;
    private int distinct;

    /** Whether a range of {@code type} can be kept (signed integers up to 64 bits, unsigned up to 32, dates). */
    public static boolean supports(DataType type) {
        return switch (type.kind()) {
            case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, DATE -> true;
            default -> false;
        };
    }

    /** Widens the range by rows [0, rows) of {@code c} (a column of a {@link #supports supported} type). */
    public void add(Column c, int rows) {
        if (rows == 0) return;
        values.load(c, rows);
        long[] v = values.values;
        boolean[] nulls = values.nulls;
        long lo = min, hi = max;
        boolean seen = any;
        for (int i = 0; i < rows; i++) {
            if (nulls != null && nulls[i]) continue;
            long x = v[i];
            if (x < lo) lo = x;
            if (x > hi) hi = x;
            seen = true;
        }
        min = lo;
        max = hi;
        any = seen;
        if (table != null) addDistinct(v, nulls, rows);
    }

    private void addDistinct(long[] v, boolean[] nulls, int rows) {
        long[] t = table;
        int mask = t.length - 1;
        int shift = 64 - Integer.numberOfTrailingZeros(t.length);
        for (int i = 0; i < rows; i++) {
            if (nulls != null && nulls[i]) continue;
            long x = v[i];
            if (x == 0) {
                if (!hasZero) {
                    hasZero = true;
                    distinct++;
                }
            } else {
                int at = (int) ((x * GOLDEN) >>> shift);
                while (t[at] != 0 && t[at] != x) at = (at + 1) & mask;
                if (t[at] == 0) {
                    t[at] = x;
                    distinct++;
                }
            }
            if (distinct > t.length >>> 1) {
                if (distinct > MAX_DENSE_DISTINCT || !isDense()) {
                    table = null;
                    return;
                }
                t = table = grown(t);
                mask = t.length - 1;
                shift = 64 - Integer.numberOfTrailingZeros(t.length);
            }
        }
        // The range grew past what a bitmap tests in one load: only the range then.
        if (distinct > MAX_DISTINCT && !isDense()) table = null;
    }

    /** Whether the values span less than {@link #MAX_DENSE_SPAN} (the range so far: it only widens). */
    private boolean isDense() {
        long span = max - min;   // negative when wider than 2^63
        return span >= 0 && span < MAX_DENSE_SPAN;
    }

    /** {@code t} rehashed into a table twice its size. */
    private static long[] grown(long[] t) {
        long[] g = new long[t.length * 2];
        int mask = g.length - 1;
        int shift = 64 - Integer.numberOfTrailingZeros(g.length);
        for (long x : t) {
            if (x == 0) continue;
            int at = (int) ((x * GOLDEN) >>> shift);
            while (g[at] != 0) at = (at + 1) & mask;
            g[at] = x;
        }
        return g;
    }

    /**
     * The distinct non-null values added (in no order), or null when there were more than {@link #MAX_DISTINCT} and
     * they were more than {@link #MAX_DENSE_DISTINCT} or spanned {@link #MAX_DENSE_SPAN} or more.
     */
    public long[] distinctValues() {
        if (table == null) return null;
        long[] out = new long[distinct];
        int n = 0;
        if (hasZero) out[n++] = 0;
        for (long x : table) if (x != 0) out[n++] = x;
        return out;
    }

    /**
     * Bit {@code v - min()} set for each non-null value {@code v} of rows [0, rows) of {@code c} (values added before:
     * all within the range), in {@code bits} of at least {@code (max() - min()) / 64 + 1} words; returns how many bits
     * it set that were not set before.
     */
    public long mark(Column c, int rows, long[] bits) {
        LongVector vs = new LongVector();
        vs.load(c, rows);
        long[] v = vs.values;
        boolean[] nulls = vs.nulls;
        long base = min, added = 0;
        for (int i = 0; i < rows; i++) {
            if (nulls != null && nulls[i]) continue;
            long o = v[i] - base;
            int w = (int) (o >>> 6);
            long before = bits[w];
            bits[w] = before | 1L << o;
            added += (before >>> o & 1) ^ 1;
        }
        return added;
    }

    /** True until a non-null value was added. */
    public boolean isEmpty() { return !any; }

    public long min() { return min; }

    public long max() { return max; }
}
