package dev.streamingadaptive.exec;

import dev.streamingadaptive.exec.agg.SpillingAggregation;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Schema;

import java.util.function.Supplier;

/**
 * The output of a group-by, computed when first pulled: an in-memory result handed on in morsels,
 * or a spilled one partition by partition (each partition's groups are finished only when the
 * previous ones have been pulled, so memory holds one partition). Computed at most once: a failure
 * is rethrown to later callers, as {@link DeferredStream} does. Closing deletes the spill files
 * not yet merged.
 */
final class AggregationStream implements BatchStream {
    private final Schema schema;
    private final Supplier<SpillingAggregation.Results> compute;
    private SpillingAggregation.Results results;
    /** Morsels of the current frame. */
    private FrameStream frames;
    private RuntimeException failure;
    private boolean closed;

    AggregationStream(Schema schema, Supplier<SpillingAggregation.Results> compute) {
        this.schema = schema;
        this.compute = compute;
    }

    @Override public Schema schema() { return schema; }

    @Override
    public DataFrame next() {
        if (closed) return null;
        if (failure != null) throw failure;
        try {
            if (results == null) results = compute.get();
            while (true) {
                if (frames != null) {
                    DataFrame b = frames.next();
                    if (b != null && b.height() > 0) return b;
                }
                DataFrame f = results.next();
                if (f == null) return null;
                // A spilled partition's frame goes on whole (slicing copies; it is bounded by the merge's limit).
                frames = results.spilled() ? null : new FrameStream(f);
                if (frames == null && f.height() > 0) return f;
            }
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
        frames = null;
        if (results != null) results.close();
    }
}
