package dev.streamingadaptive.exec;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Schema;

import java.util.function.Supplier;

/**
 * The output of a pipeline breaker, computed when first pulled and handed on in morsels. Computed
 * at most once: a failure is rethrown to later callers (another worker pulling after the first
 * one's failure would otherwise run the whole aggregation or sort again).
 */
final class DeferredStream implements BatchStream {
    private final Schema schema;
    private final Supplier<DataFrame> compute;
    private FrameStream frames;
    /** Why computing failed: rethrown to later callers rather than computing again. */
    private RuntimeException failure;
    private boolean closed;

    DeferredStream(Schema schema, Supplier<DataFrame> compute) {
        this.schema = schema;
        this.compute = compute;
    }

    @Override public Schema schema() { return schema; }

    @Override
    public DataFrame next() {
        if (closed) return null;
        if (failure != null) throw failure;
        if (frames == null) {
            try {
                frames = new FrameStream(compute.get());
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
        DataFrame b = frames.next();
        return b == null || b.height() == 0 ? null : b;
    }

    @Override public void close() { closed = true; }
}
