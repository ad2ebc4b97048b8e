package dev.streamingadaptive.predicate;

import java.util.Arrays;

/**
 * An immutable set of row indexes within one row group, kept as sorted, non-overlapping,
 * non-adjacent half-open ranges {@code [from, to)}. Page-index pruning produces one per row group
 * ({@link PageIndexPruner#matchingRows}); a reader then decodes only the pages that
 * {@link #overlaps overlap} it.
 *
 * <p>The ranges live in one {@code long[]} of {@code from, to} pairs. Because the form is
 * normalized (adjacent ranges are merged), two instances holding the same rows are {@code equals}.
 */
public final class RowRanges {
    private static final long[] NONE = new long[0];
    private static final RowRanges EMPTY = new RowRanges(NONE, 0);

    /** {@code from0, to0, from1, to1, ...}; only the first {@code 2 * count} entries are used. */
    private final long[] bounds;
    private final int count;

    private RowRanges(long[] bounds, int count) {
        this.bounds = bounds;
        this.count = count;
    }

    /** No rows. */
    public static RowRanges empty() {
        return EMPTY;
    }

    /** Every row of a row group with {@code rows} rows: {@code [0, rows)}, or empty when {@code rows <= 0}. */
    public static RowRanges all(long rows) {
        return rows <= 0 ? EMPTY : new RowRanges(new long[] {0, rows}, 1);
    }

    /** The rows {@code [from, to)}; empty when {@code to <= from}. */
    public static RowRanges of(long from, long to) {
        if (from < 0) throw new IllegalArgumentException("negative row index " + from);
        return to <= from ? EMPTY : new RowRanges(new long[] {from, to}, 1);
    }

    /** Rows in either set. */
    public RowRanges union(RowRanges other) {
        if (other.count == 0) return this;
        if (count == 0) return other;
        Builder b = new Builder(count + other.count);
        int i = 0;
        int j = 0;
        // Merge by start so the builder only ever extends or appends.
        while (i < count || j < other.count) {
            boolean takeMine = j >= other.count || (i < count && bounds[2 * i] <= other.bounds[2 * j]);
            if (takeMine) {
                b.addInOrder(bounds[2 * i], bounds[2 * i + 1]);
                i++;
            } else {
                b.addInOrder(other.bounds[2 * j], other.bounds[2 * j + 1]);
                j++;
            }
        }
        return b.build();
    }

    /** Rows in both sets. */
    public RowRanges intersect(RowRanges other) {
        if (count == 0 || other.count == 0) return EMPTY;
        long[] out = new long[2 * (count + other.count)];
        int n = 0;
        int i = 0;
        int j = 0;
        while (i < count && j < other.count) {
            long from = Math.max(bounds[2 * i], other.bounds[2 * j]);
            long to = Math.min(bounds[2 * i + 1], other.bounds[2 * j + 1]);
            if (from < to) {
                out[2 * n] = from;
                out[2 * n + 1] = to;
                n++;
            }
            // Advance whichever range ends first; the other may still overlap the next one.
            if (bounds[2 * i + 1] < other.bounds[2 * j + 1]) i++;
            else j++;
        }
        return n == 0 ? EMPTY : new RowRanges(out, n);
    }

    /** Number of rows covered. */
    public long rowCount() {
        long rows = 0;
        for (int i = 0; i < count; i++) rows += bounds[2 * i + 1] - bounds[2 * i];
        return rows;
    }

    /** True when no row is covered. */
    public boolean isEmpty() {
        return count == 0;
    }

    /** Number of disjoint ranges. */
    public int rangeCount() {
        return count;
    }

    /** Start (inclusive) of range {@code i}. */
    public long from(int i) {
        return bounds[2 * checkIndex(i)];
    }

    /** End (exclusive) of range {@code i}. */
    public long to(int i) {
        return bounds[2 * checkIndex(i) + 1];
    }

    /** True when {@code row} is covered. */
    public boolean contains(long row) {
        int i = lastStartingAtOrBefore(row);
        return i >= 0 && row < bounds[2 * i + 1];
    }

    /** True when some covered row lies in {@code [from, to)} (false for an empty interval). */
    public boolean overlaps(long from, long to) {
        if (to <= from || count == 0) return false;
        // The only candidate is the last range starting before `to`: earlier ones end before it starts.
        int i = lastStartingAtOrBefore(to - 1);
        return i >= 0 && bounds[2 * i + 1] > from;
    }

    /** Index of the last range whose start is {@code <= row}, or -1. */
    private int lastStartingAtOrBefore(long row) {
        int lo = 0;
        int hi = count - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (bounds[2 * mid] <= row) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    private int checkIndex(int i) {
        return java.util.Objects.checkIndex(i, count);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowRanges r && count == r.count
                && Arrays.equals(bounds, 0, 2 * count, r.bounds, 0, 2 * count);
    }

    @Override
    public int hashCode() {
        int h = count;
        for (int i = 0; i < 2 * count; i++) h = 31 * h + Long.hashCode(bounds[i]);
        return h;
    }

    /** For example {@code [0, 21), [42, 84)} or {@code []}. */
    @Override
    public String toString() {
        if (count == 0) return "[]";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) sb.append(", ");
            sb.append('[').append(bounds[2 * i]).append(", ").append(bounds[2 * i + 1]).append(')');
        }
        return sb.toString();
    }

    /**
     * Collects ranges in any order (overlapping and adjacent ones are merged). Ranges added in
     * ascending start order, as pages come, cost no sorting.
     */
    public static final class Builder {
        private long[] bounds;
        private int count;
        private boolean sorted = true;

        /** An empty builder. */
        public Builder() {
            this(8);
        }

        Builder(int expectedRanges) {
            bounds = new long[2 * Math.max(1, expectedRanges)];
        }

        /** Adds {@code [from, to)}; empty intervals are ignored. */
        public Builder add(long from, long to) {
            if (from < 0) throw new IllegalArgumentException("negative row index " + from);
            if (to <= from) return this;
            if (count > 0 && from < bounds[2 * (count - 1)]) {
                sorted = false;
                append(from, to);
            } else {
                addInOrder(from, to);
            }
            return this;
        }

        /** Adds a range whose start is not below any start added before. */
        void addInOrder(long from, long to) {
            if (to <= from) return;
            if (sorted && count > 0 && from <= bounds[2 * count - 1]) {
                bounds[2 * count - 1] = Math.max(bounds[2 * count - 1], to);
                return;
            }
            append(from, to);
        }

        private void append(long from, long to) {
            if (2 * count + 2 > bounds.length) bounds = Arrays.copyOf(bounds, Math.max(4, bounds.length * 2));
            bounds[2 * count] = from;
            bounds[2 * count + 1] = to;
            count++;
        }

        /** The collected rows. */
        public RowRanges build() {
            if (count == 0) return EMPTY;
            if (sorted) return new RowRanges(Arrays.copyOf(bounds, 2 * count), count);
            // Rare path (ranges added out of order): sort the pairs by start, then merge.
            long[][] pairs = new long[count][];
            for (int i = 0; i < count; i++) pairs[i] = new long[] {bounds[2 * i], bounds[2 * i + 1]};
            Arrays.sort(pairs, (a, b) -> Long.compare(a[0], b[0]));
            Builder merged = new Builder(count);
            for (long[] p : pairs) merged.addInOrder(p[0], p[1]);
            return merged.build();
        }
    }
}
