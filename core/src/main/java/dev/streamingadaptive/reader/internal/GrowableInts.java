package dev.streamingadaptive.reader.internal;

import dev.streamingadaptive.memory.HeapGuard;

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
            long cap = Math.max(needed, data.length + (data.length >> 1));
            data = Arrays.copyOf(data, HeapGuard.checkArray(Math.min(cap, HeapGuard.MAX_ARRAY), Integer.BYTES, what));
        }
        return data;
    }
}
