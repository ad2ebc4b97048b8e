package dev.streamingadaptive.reader.internal;

import dev.streamingadaptive.parquet.ParquetFormatException;

/**
 * Checks allocations whose size comes from the file before they are made, so that a corrupt or
 * hostile length ends in a {@link ParquetFormatException} instead of an OutOfMemoryError.
 */
public final class HeapGuard {
    /** Largest array length the JVM reliably allocates. */
    public static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    private HeapGuard() {}

    /**
     * Fails unless {@code count} elements of {@code elementBytes} each fit in one array and in
     * the heap that is still free.
     */
    public static int checkArray(long count, int elementBytes, String what) {
        if (count < 0 || count > MAX_ARRAY) {
            throw new ParquetFormatException(what + ": " + count + " entries is more than one array can hold");
        }
        long bytes = count * elementBytes;
        Runtime rt = Runtime.getRuntime();
        long headroom = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > 64L << 20 && bytes > headroom) {
            throw new ParquetFormatException(what + ": needs " + bytes + " bytes but only " + headroom
                    + " bytes of heap are free");
        }
        return (int) count;
    }
}
