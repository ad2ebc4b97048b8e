package dev.streamingadaptive.parquet.encoding;

import dev.streamingadaptive.parquet.ParquetFormatException;

/**
 * Checks allocations whose size comes from the file before they are made, so that a corrupt or
 * hostile length ends in a {@link ParquetFormatException} instead of an OutOfMemoryError.
 * It lives with the decoders (not in {@code memory}): the sizes it checks are file content, and
 * the budget package must not know about the Parquet format.
 */
public final class HeapGuard {
    /** Largest array length the JVM reliably allocates. */
    public static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    /** Allocations below this size are not checked: failing them is not worth a heap query. */
    private static final long SMALL = 16L << 20;

    private HeapGuard() {}

    /**
     * The new length of a growing array that must hold {@code needed} elements: amortised
     * doubling, capped at what one array can hold, and checked against the free heap.
     */
    public static int grownLength(int currentLength, long needed, int elementBytes, String what) {
        long doubled = Math.min(MAX_ARRAY, Math.max(16L, currentLength * 2L));
        return checkArray(Math.max(needed, doubled), elementBytes, what);
    }

    /** Heap bytes that can still be allocated, keeping a safety margin for the rest of the JVM. */
    public static long headroom() {
        Runtime rt = Runtime.getRuntime();
        long max = rt.maxMemory();
        return max - (rt.totalMemory() - rt.freeMemory()) - max / 16;
    }

    /**
     * Fails unless {@code count} elements of {@code elementBytes} each fit in one array and in
     * the heap that is still free.
     */
    public static int checkArray(long count, int elementBytes, String what) {
        if (count < 0 || count > MAX_ARRAY) {
            throw new ParquetFormatException(what + ": " + count + " entries is more than one array can hold");
        }
        long bytes = count * elementBytes;
        if (bytes > SMALL && bytes > headroom()) {
            // Used memory includes garbage: collect once before declaring the heap too small.
            System.gc();
            long headroom = headroom();
            if (bytes > headroom) {
                throw new ParquetFormatException(what + ": needs " + bytes + " bytes but only " + headroom
                        + " bytes of heap are free");
            }
        }
        return (int) count;
    }
}
