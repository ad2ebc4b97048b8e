package dev.streamingadaptive.exec;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Schema;

import java.util.function.IntFunction;

/** The inputs one after the other; each is opened when the previous one ends. */
final class ConcatStream implements BatchStream {
    private final Schema schema;
    private final int count;
    private final IntFunction<BatchStream> open;
    private int index = -1;
    private BatchStream current;

    ConcatStream(Schema schema, int count, IntFunction<BatchStream> open) {
        this.schema = schema;
        this.count = count;
        this.open = open;
    }

    @Override public Schema schema() { return schema; }

    @Override
    public DataFrame next() {
        while (true) {
            if (current == null) {
                if (++index >= count) return null;
                current = open.apply(index);
            }
            DataFrame b = current.next();
            if (b != null) return b;
            current.close();
            current = null;
        }
    }

    @Override public void close() {
        if (current != null) current.close();
        current = null;
        index = count;
    }
}
