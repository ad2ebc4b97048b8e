package dev.streamingadaptive.reader.internal;

import dev.streamingadaptive.parquet.encoding.HeapGuard;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Page, compressed-copy and level buffers passed from one column chunk reader to the next within one
 * whole-file read or one streaming pass. Without it every chunk of a file allocates its own (DuckDB writes one page a
 * chunk, so one buffer the size of the chunk's page), and a 40M-row load left 2.3 GB of such
 * buffers for the collector, which grew the heap to hold them. Thread-safe; it holds at most the
 * buffers the decoding threads had in use at once, and goes with the read.
 */
public final class ScratchBuffers {
    private final ConcurrentLinkedQueue<byte[]> bytes = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<int[]> ints = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Object> values = new ConcurrentLinkedQueue<>();

    /**
     * A byte buffer of at least {@code length} bytes (contents undefined): a pooled one that fits (at most a
     * quarter larger, so a small page never holds a large page's buffer, which a reader reports as its retained
     * heap), or a new one with 1/16 headroom, so the same column's next pages (a few bytes larger or smaller) fit it.
     */
    byte[] bytes(int length, String what) {
        for (byte[] b : bytes) {
            if (fits(b.length, length) && bytes.remove(b)) return b;
        }
        return new byte[HeapGuard.checkArray(withHeadroom(length), 1, what)];
    }

    /** An int buffer of at least {@code length} entries (contents undefined), chosen as {@link #bytes} chooses. */
    int[] ints(int length, String what) {
        for (int[] b : ints) {
            if (fits(b.length, length) && ints.remove(b)) return b;
        }
        return new int[HeapGuard.checkArray(withHeadroom(length), Integer.BYTES, what)];
    }

    /**
     * A value array ({@code long[]}, {@code int[]}, {@code double[]} or {@code float[]}, by the component type given) of
     * at least {@code length} entries (contents undefined), chosen as {@link #bytes} chooses: for values decoded only
     * to be copied (the rows a filter keeps), then handed back with {@link #giveValues}.
     */
    public Object values(Class<?> component, int length) {
        for (Object v : values) {
            if (v.getClass().getComponentType() == component && fits(java.lang.reflect.Array.getLength(v), length) && values.remove(v)) {
                return v;
            }
        }
        int width = component == long.class || component == double.class ? 8 : 4;
        return java.lang.reflect.Array.newInstance(component, HeapGuard.checkArray(withHeadroom(length), width, "decoded values"));
    }

    /** Hands back a value array from {@link #values} nothing reads any more (null is ignored). */
    public void giveValues(Object v) {
        if (v != null) values.offer(v);
    }

    private static boolean fits(int have, int need) {
        return have >= need && have - need <= need / 4;
    }

    private static int withHeadroom(int length) {
        return (int) Math.min(HeapGuard.MAX_ARRAY, length + (long) length / 16);
    }

    /** Hands back a buffer nothing reads any more (null is ignored). */
    void give(byte[] b) {
        if (b != null) bytes.offer(b);
    }

    /** Hands back a buffer nothing reads any more (null is ignored). */
    public void give(int[] b) {
        if (b != null) ints.offer(b);
    }
}
