package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;

/**
 * The smallest and largest non-null value of an integer or date key column over the batches
 * added: a join's build side keys as a range the probe side's scan can prune row groups with.
 */
public final class KeyRange {
    private final LongVector values = new LongVector();
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private boolean any;

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
    }

    /** True until a non-null value was added. */
    public boolean isEmpty() { return !any; }

    public long min() { return min; }

    public long max() { return max; }
}
