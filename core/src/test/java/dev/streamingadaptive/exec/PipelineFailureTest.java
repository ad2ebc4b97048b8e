package dev.streamingadaptive.exec;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.memory.MemoryManager;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A failed pipeline breaker is not computed again by the next worker, and every worker's sink is
 * abandoned (its memory given back) as soon as the pipeline fails. Before, a group-by refused in
 * -Xmx128m was run a second time by the other worker, in a heap full of the first run's garbage.
 */
class PipelineFailureTest {
    @Test
    void aFailedDeferredSourceIsComputedOnceAndEverySinkIsAbandoned() {
        AtomicInteger computed = new AtomicInteger();
        MemoryBudgetExceededException refusal = new MemoryBudgetExceededException("group-by [k]", 2, 1, "test");
        DeferredStream source = new DeferredStream(new Schema(List.of()), () -> {
            computed.incrementAndGet();
            try {
                Thread.sleep(200); // the other worker queues for the source meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw refusal;
        });
        AtomicInteger abandoned = new AtomicInteger();
        MemoryBudgetExceededException e = assertThrows(MemoryBudgetExceededException.class,
                () -> new Pipeline(source, List.of(), MemoryManager.fixed(1L << 30)).run(4, i -> new Pipeline.Sink() {
                    @Override public void accept(long sequence, DataFrame batch) {}
                    @Override public void abandon() { abandoned.incrementAndGet(); }
                }));
        assertSame(refusal, e);
        assertEquals(1, computed.get(), "the failed aggregation ran again");
        assertEquals(4, abandoned.get(), "every worker's sink is abandoned");
    }
}
