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
    private final String operator;
    private final String advice;
    final TreeMap<Long, DataFrame> batches = new TreeMap<>();
    private long held;
    private final long limit;

    /**
     * @param operator what collects, for the refusal (e.g. {@code collect()}, {@code sort [price DESC]})
     * @param advice   what to do instead, for the refusal
     */
    CollectSink(MemoryManager memory, String operator, String advice) {
        this(memory, operator, advice, HeldLimit.of(memory));
    }

    /** A sink refusing to hold more than {@code limit} bytes (else {@link HeldLimit}). */
    CollectSink(MemoryManager memory, String operator, String advice, long limit) {
        this.memory = memory;
        this.operator = operator;
        this.advice = advice;
        this.limit = limit;
    }

    /**
     * Keeps the batch, reserved, within {@link HeldLimit} (measured without it: a sort of 40M rows
     * in -Xmx128m waited 60 s, then blamed the reader).
     */
    @Override
    public void accept(long sequence, DataFrame batch) {
        if (batch.height() == 0) return;
        long bytes = batch.estimatedBytes();
        HeldLimit.check(held + bytes, limit, operator + " (holding " + batches.size() + " batches of rows so far, " + (held >> 20) + " MB)",
                advice + " (the rows kept may take " + (limit == HeldLimit.of(memory) ? "half of the memory budget)" : (limit >> 20) + " MB)"));
        memory.reserve(bytes, batch);
        held += bytes;
        batches.put(sequence, batch);
    }

    /** The query failed: drop the batches (their reservations go with them). */
    @Override
    public void abandon() {
        batches.clear();
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
