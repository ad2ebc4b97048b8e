package dev.streamingadaptive.parquet.meta;

import java.util.Arrays;
import java.util.List;

/**
 * Per-page min/max statistics of a column chunk (Thrift {@code ColumnIndex}), read from
 * {@link ColumnChunk#columnIndexOffset()}. Entry {@code i} of every list describes the page at
 * {@code OffsetIndex.pageLocations().get(i)}. The list lengths are not cross-checked here.
 *
 * <p>The byte arrays are shared, not copied: callers must not modify them.
 *
 * @param nullPages     true for pages that contain only nulls (their min/max are empty)
 * @param minValues     per-page lower bounds, PLAIN-encoded without length prefix
 * @param maxValues     per-page upper bounds
 * @param boundaryOrder 0 UNORDERED, 1 ASCENDING, 2 DESCENDING (other values: treat as unordered)
 * @param nullCounts    per-page null counts, or <b>null</b> when the writer did not store them
 *                      (absence must not be read as zero)
 */
public record ColumnIndex(List<Boolean> nullPages, List<byte[]> minValues, List<byte[]> maxValues,
                          int boundaryOrder, List<Long> nullCounts) {
    /** Boundary order UNORDERED. */
    public static final int UNORDERED = 0;
    /** Boundary order ASCENDING. */
    public static final int ASCENDING = 1;
    /** Boundary order DESCENDING. */
    public static final int DESCENDING = 2;

    public ColumnIndex {
        nullPages = nullPages == null ? List.of() : List.copyOf(nullPages);
        minValues = minValues == null ? List.of() : List.copyOf(minValues);
        maxValues = maxValues == null ? List.of() : List.copyOf(maxValues);
        nullCounts = nullCounts == null ? null : List.copyOf(nullCounts);
    }

    @Override
    public String toString() {
        return "ColumnIndex[pages=" + nullPages.size() + ", nullPages=" + nullPages
                + ", minValues=" + minValues.stream().map(Bytes::hex).toList()
                + ", maxValues=" + maxValues.stream().map(Bytes::hex).toList()
                + ", boundaryOrder=" + boundaryOrder + ", nullCounts=" + nullCounts + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnIndex c && boundaryOrder == c.boundaryOrder
                && nullPages.equals(c.nullPages) && java.util.Objects.equals(nullCounts, c.nullCounts)
                && sameBytes(minValues, c.minValues) && sameBytes(maxValues, c.maxValues);
    }

    @Override
    public int hashCode() {
        int h = nullPages.hashCode() * 31 + boundaryOrder;
        for (byte[] b : minValues) h = 31 * h + Arrays.hashCode(b);
        for (byte[] b : maxValues) h = 31 * h + Arrays.hashCode(b);
        return 31 * h + java.util.Objects.hashCode(nullCounts);
    }

    private static boolean sameBytes(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (!Arrays.equals(a.get(i), b.get(i))) return false;
        return true;
    }
}
