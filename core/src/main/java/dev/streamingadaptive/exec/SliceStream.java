package dev.streamingadaptive.exec;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Schema;

/** Rows [offset, offset + length) of an ordered input; the input is closed once they are out. */
final class SliceStream implements BatchStream {
    private final BatchStream input;
    private long skip;
    private long remaining;
    private boolean closed;

    SliceStream(BatchStream input, long offset, long length) {
        this.input = input;
        this.skip = offset;
        this.remaining = length;
    }

    @Override public Schema schema() { return input.schema(); }

    @Override
    public DataFrame next() {
        while (remaining > 0 && !closed) {
            DataFrame b = input.next();
            if (b == null) break;
            if (skip >= b.height()) {
                skip -= b.height();
                continue;
            }
            int from = (int) skip;
            int n = (int) Math.min(remaining, b.height() - from);
            skip = 0;
            remaining -= n;
            return from == 0 && n == b.height() ? b : b.slice(from, n);
        }
        close();
        return null;
    }

    @Override public void close() {
        if (!closed) {
            closed = true;
            input.close();
        }
    }
}
