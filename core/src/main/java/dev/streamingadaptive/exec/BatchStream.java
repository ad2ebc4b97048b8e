package dev.streamingadaptive.exec;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Schema;

/**
 * A pull-based stream of batches (morsels) of one schema: the interface between operators.
 * {@link #next()} is called by one thread at a time; {@link #close()} releases what the stream
 * holds (readers, reservations) and may be called before the end.
 */
interface BatchStream extends AutoCloseable {
    /** The schema of every batch. */
    Schema schema();

    /** The next batch, or null at the end. */
    DataFrame next();

    @Override
    void close();

    /** True when the stream is known to hold at most one batch (no parallelism to gain from workers). */
    default boolean singleBatch() {
        return false;
    }
}
