package dev.streamingadaptive.exec;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.memory.FixedMemoryManager;
import dev.streamingadaptive.memory.MemoryManager;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Workers take batches only while memory has room for them: in a budget that fits one batch in
 * flight the pipeline runs one worker at a time (and still sees every batch); in a large one, all
 * run at once. Each batch is reserved while a worker holds it.
 */
class PipelineAdmissionTest {
    private static final int ROWS = 100_000;   // 800 KB a batch
    private static final int BATCHES = 40;

    @Test
    void aBudgetForOneBatchAdmitsOneWorkerAtATime() {
        FixedMemoryManager memory = MemoryManager.fixed(2 * batchBytes());
        Run r = run(memory);
        assertEquals(BATCHES * (long) ROWS, r.rows.get(), "every batch reaches a sink");
        assertEquals(1, r.maxActive.get(), "workers holding a batch at once");
        assertTrue(memory.peakTrackedBytes() >= batchBytes(), "batches held are reserved: peak " + memory.peakTrackedBytes());
        assertEquals(0, memory.trackedBytes());
    }

    @Test
    void aLargeBudgetAdmitsEveryWorker() {
        Run r = run(MemoryManager.fixed(1L << 30));
        assertEquals(BATCHES * (long) ROWS, r.rows.get());
        assertEquals(4, r.maxActive.get(), "workers holding a batch at once");
    }

    private record Run(AtomicLong rows, AtomicInteger maxActive) {}

    private static Run run(MemoryManager memory) {
        AtomicInteger made = new AtomicInteger();
        BatchStream source = new BatchStream() {
            @Override public Schema schema() { return new Schema(List.of(new Field("x", DataType.INT64, false))); }
            @Override public DataFrame next() { return made.getAndIncrement() < BATCHES ? batch() : null; }
            @Override public void close() {}
        };
        AtomicInteger active = new AtomicInteger();
        AtomicInteger maxActive = new AtomicInteger();
        AtomicLong rows = new AtomicLong();
        new Pipeline(source, List.of(), memory).run(4, i -> (sequence, batch) -> {
            maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);   // long enough for every admitted worker to overlap
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            rows.addAndGet(batch.height());
            active.decrementAndGet();
        });
        return new Run(rows, maxActive);
    }

    private static DataFrame batch() {
        return new DataFrame(List.of(new LongColumn("x", new long[ROWS], ROWS, null)), ROWS);
    }

    private static long batchBytes() {
        return batch().estimatedBytes();
    }
}
