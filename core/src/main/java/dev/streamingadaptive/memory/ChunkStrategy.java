package dev.streamingadaptive.memory;

/**
 * Decides how many rows the next batch holds.
 *
 * <p>Readers call {@link #calculateChunkSize} before each batch with what the MemoryManager says
 * is available, and {@link #adjust} after it with feedback on how it went.
 */
public interface ChunkStrategy {
    /**
     * Rows for the next batch.
     *
     * @param availableMemory bytes the batch may occupy (from {@link MemoryManager#availableBytes()})
     * @param totalRows       rows still to read (an upper bound for the answer)
     * @return at least 1 when totalRows &gt; 0
     */
    int calculateChunkSize(long availableMemory, long totalRows);

    /**
     * Feedback after a batch: {@code performance} above 1 means things went better than before
     * (for example throughput rose), below 1 worse (throughput fell, or GC pressure: pass e.g. 0.5).
     */
    void adjust(double performance);

    /** Tells the strategy what a decoded row really cost (bytes for rows), to correct its estimate. */
    default void observe(long rows, long bytes) { }

    /** Sets the first estimate of decoded bytes per row (from file metadata), before any batch was read. */
    default void estimateRowBytes(long bytesPerRow) { }
}
