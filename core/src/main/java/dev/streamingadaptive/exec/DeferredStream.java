package dev.streamingadaptive.exec;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Schema;

import java.util.function.Supplier;

/** The output of a pipeline breaker, computed when first pulled and handed on in morsels. */
final class DeferredStream implements BatchStream {
    private final Schema schema;
    private final Supplier<DataFrame> compute;
    private FrameStream frames;
    private boolean closed;

    DeferredStream(Schema schema, Supplier<DataFrame> compute) {
        this.schema = schema;
        this.compute = compute;
    }

    @Override public Schema schema() { return schema; }

    @Override
    public DataFrame next() {
        if (closed) return null;
        if (frames == null) frames = new FrameStream(compute.get());
        DataFrame b = frames.next();
        return b == null || b.height() == 0 ? null : b;
    }

    @Override public void close() { closed = true; }
}
