package dev.streamingadaptive.exec;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.scan.Frames;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps a worker's batches with their sequence numbers, so the workers' results can be put back
 * in source order. What it keeps is counted in the memory budget (released when the result is
 * garbage collected).
 */
final class CollectSink implements Pipeline.Sink {
    private final MemoryManager memory;
    final TreeMap<Long, DataFrame> batches = new TreeMap<>();

    CollectSink(MemoryManager memory) {
        this.memory = memory;
    }

    @Override
    public void accept(long sequence, DataFrame batch) {
        if (batch.height() == 0) return;
        memory.reserve(batch.estimatedBytes(), batch);
        batches.put(sequence, batch);
    }

    /** Every sink's batches in sequence order, as one frame of {@code schema}. */
    static DataFrame result(Schema schema, List<CollectSink> sinks) {
        TreeMap<Long, DataFrame> all = new TreeMap<>();
        for (CollectSink s : sinks) all.putAll(s.batches);
        List<DataFrame> parts = new ArrayList<>(all.size());
        for (Map.Entry<Long, DataFrame> e : all.entrySet()) parts.add(e.getValue());
        return Frames.concat(parts, schema);
    }
}
