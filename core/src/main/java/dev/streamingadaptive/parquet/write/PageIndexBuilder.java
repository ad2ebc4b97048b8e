package dev.streamingadaptive.parquet.write;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what the page index needs about the data pages of one column chunk as they are
 * written, and folds their statistics into the chunk's. One instance per column encoder, reset
 * for every chunk; {@link #finish} hands the collected pages over as an immutable {@link Pages}.
 */
final class PageIndexBuilder {
    /** Column index boundary orders (parquet.thrift BoundaryOrder). */
    static final int UNORDERED = 0, ASCENDING = 1, DESCENDING = 2;

    /**
     * The data pages of one chunk.
     *
     * @param offsets     page header offsets relative to the chunk start
     * @param sizes       header plus compressed data, bytes
     * @param firstRows   first row of each page within the row group
     * @param mins        PLAIN min per page; empty for pages with only nulls
     * @param columnIndex false when some page with values has no min/max (NaN, overlong values,
     *                    types without an order): then no column index is written for the chunk
     */
    record Pages(long[] offsets, int[] sizes, long[] firstRows, long[] nullCounts, boolean[] nullPages,
                 byte[][] mins, byte[][] maxs, boolean columnIndex, int boundaryOrder) {
        int count() { return offsets.length; }
    }

    private static final byte[] EMPTY = new byte[0];

    private final LeafSpec spec;
    private final List<long[]> positions = new ArrayList<>();   // offset, size, firstRow, nulls
    private final List<byte[]> mins = new ArrayList<>();
    private final List<byte[]> maxs = new ArrayList<>();
    private final List<Boolean> nullPages = new ArrayList<>();
    private byte[] chunkMin, chunkMax;
    private boolean missingMinMax;

    PageIndexBuilder(LeafSpec spec) {
        this.spec = spec;
    }

    void reset() {
        positions.clear();
        mins.clear();
        maxs.clear();
        nullPages.clear();
        chunkMin = chunkMax = null;
        missingMinMax = false;
    }

    /** One data page of {@code rows} rows of which {@code nulls} are null; min/max null when it has none. */
    void add(long offset, int size, long firstRow, int rows, int nulls, byte[] min, byte[] max) {
        boolean allNull = nulls == rows;
        positions.add(new long[] {offset, size, firstRow, nulls});
        nullPages.add(allNull);
        if (allNull) {
            mins.add(EMPTY);
            maxs.add(EMPTY);
            return;
        }
        if (min == null || max == null) {
            missingMinMax = true;
            mins.add(EMPTY);
            maxs.add(EMPTY);
            return;
        }
        mins.add(min);
        maxs.add(max);
        if (chunkMin == null || StatOrder.compare(spec, min, chunkMin) < 0) chunkMin = min;
        if (chunkMax == null || StatOrder.compare(spec, max, chunkMax) > 0) chunkMax = max;
    }

    /** The chunk's min over its pages, or null when some page had values without one. */
    byte[] chunkMin() { return missingMinMax ? null : chunkMin; }

    byte[] chunkMax() { return missingMinMax ? null : chunkMax; }

    Pages finish() {
        int n = positions.size();
        long[] offsets = new long[n], firstRows = new long[n], nulls = new long[n];
        int[] sizes = new int[n];
        boolean[] nullPage = new boolean[n];
        for (int i = 0; i < n; i++) {
            long[] p = positions.get(i);
            offsets[i] = p[0];
            sizes[i] = (int) p[1];
            firstRows[i] = p[2];
            nulls[i] = p[3];
            nullPage[i] = nullPages.get(i);
        }
        byte[][] mn = mins.toArray(byte[][]::new), mx = maxs.toArray(byte[][]::new);
        boolean index = !missingMinMax && spec.minMax();
        return new Pages(offsets, sizes, firstRows, nulls, nullPage, mn, mx, index, index ? boundaryOrder(nullPage, mn, mx) : UNORDERED);
    }

    /** ASCENDING or DESCENDING when both the mins and the maxes of the non-null pages are. */
    private int boundaryOrder(boolean[] nullPage, byte[][] mn, byte[][] mx) {
        boolean asc = true, desc = true;
        int prev = -1;
        for (int i = 0; i < nullPage.length; i++) {
            if (nullPage[i]) continue;
            if (prev >= 0) {
                int a = StatOrder.compare(spec, mn[prev], mn[i]), b = StatOrder.compare(spec, mx[prev], mx[i]);
                if (a > 0 || b > 0) asc = false;
                if (a < 0 || b < 0) desc = false;
            }
            prev = i;
        }
        return asc ? ASCENDING : desc ? DESCENDING : UNORDERED;
    }
}
