package dev.streamingadaptive.exec;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Schema;

/**
 * An in-memory frame as morsels of at most {@link #MORSEL_ROWS} rows, so operators above it run in
 * parallel. Slicing copies, so only frames large enough for the copy to pay for itself are cut.
 */
final class FrameStream implements BatchStream {
    static final int MORSEL_ROWS = 1 << 20;

    private final DataFrame frame;
    private int at;
    private boolean emitted;

    FrameStream(DataFrame frame) {
        this.frame = frame;
    }

    @Override public Schema schema() { return frame.schema(); }

    @Override public boolean singleBatch() { return frame.height() <= MORSEL_ROWS; }

    @Override
    public DataFrame next() {
        if (at >= frame.height()) {
            if (emitted) return null;
            emitted = true;
            return frame; // an empty frame is still one (empty) batch, carrying the schema
        }
        emitted = true;
        int n = Math.min(MORSEL_ROWS, frame.height() - at);
        DataFrame out = at == 0 && n == frame.height() ? frame : frame.slice(at, n);
        at += n;
        return out;
    }

    @Override public void close() { at = frame.height(); emitted = true; }
}
