package dev.streamingadaptive.reader.internal;

import dev.streamingadaptive.parquet.encoding.HeapGuard;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Page, compressed-copy and level buffers passed from one column chunk reader to the next within one
 * whole-file read. Without it every chunk of a file allocates its own (DuckDB writes one page a
 * chunk, so one buffer the size of the chunk's page), and a 40M-row load left 2.3 GB of such
 * buffers for the collector, which grew the heap to hold them. Thread-safe; it holds at most the
 * buffers the decoding threads have in use at once, and goes with the read.
 */
public final class ScratchBuffers {
    private final ConcurrentLinkedQueue<byte[]> bytes = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<int[]> ints = new ConcurrentLinkedQueue<>();

    /** A byte buffer of at least {@code length} bytes (contents undefined). */
    byte[] bytes(int length, String what) {
        byte[] b = bytes.poll();
        // A buffer too small is dropped, not kept: the next chunks of the file need about the same size.
        return b != null && b.length >= length ? b : new byte[HeapGuard.checkArray(length, 1, what)];
    }

    /** An int buffer of at least {@code length} entries (contents undefined). */
    int[] ints(int length, String what) {
        int[] b = ints.poll();
        return b != null && b.length >= length ? b : new int[HeapGuard.checkArray(length, Integer.BYTES, what)];
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
