package dev.streamingadaptive.reader.internal;

import dev.streamingadaptive.parquet.encoding.HeapGuard;

import java.util.Arrays;

/** An int array that grows in amortised steps; used for levels and dictionary indices. */
final class GrowableInts {
    int[] data;
    int size;

    GrowableInts(int initialCapacity) {
        data = new int[Math.max(16, initialCapacity)];
    }

    /** Makes room for {@code more} values after {@link #size}. */
    int[] ensure(int more, String what) {
        long needed = (long) size + more;
        if (needed > data.length) {
            data = Arrays.copyOf(data, HeapGuard.grownLength(data.length, needed, Integer.BYTES, what));
        }
        return data;
    }
}
