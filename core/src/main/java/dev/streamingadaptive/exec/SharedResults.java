package dev.streamingadaptive.exec;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.plan.AggregateNode;
import dev.streamingadaptive.plan.LogicalPlan;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Group-by results a plan uses more than once, computed once per run. A frame used twice (TPC-H Q15's revenue per
 * supplier, joined with its own maximum; a SQL CTE named twice) is one plan object under two parents, so the two
 * subtrees are equal records. A group-by's result is held whole by its operator anyway; keeping it for the second
 * use costs a reservation, taken only when the result is within {@link HeldLimit} (else it is computed again, as
 * before). The result is dropped after its last use or when the run ends.
 */
final class SharedResults implements AutoCloseable {
    private final MemoryManager memory;
    /** Uses still to come, per shared group-by. */
    private final Map<AggregateNode, Integer> usesLeft = new HashMap<>();
    private final Map<AggregateNode, Entry> results = new HashMap<>();

    /** A computed result and its reservation; empty until computed, or when the result was too large to keep. */
    private static final class Entry {
        DataFrame frame;
        MemoryManager.Reservation reservation;
    }

    private SharedResults(MemoryManager memory) {
        this.memory = memory;
    }

    /** The group-bys {@code plan} uses twice or more, or null when there are none. */
    static SharedResults of(LogicalPlan plan, MemoryManager memory) {
        Map<AggregateNode, Integer> counts = new HashMap<>();
        count(plan, counts);
        SharedResults shared = new SharedResults(memory);
        counts.forEach((node, n) -> {
            if (n > 1) shared.usesLeft.put(node, n);
        });
        return shared.usesLeft.isEmpty() ? null : shared;
    }

    private static void count(LogicalPlan plan, Map<AggregateNode, Integer> counts) {
        if (plan instanceof AggregateNode a && counts.merge(a, 1, Integer::sum) > 1) return; // its inputs counted once
        for (LogicalPlan child : plan.inputs()) count(child, counts);
    }

    /** Whether {@code node} is used more than once in the plan. */
    synchronized boolean isShared(AggregateNode node) {
        return usesLeft.containsKey(node);
    }

    /**
     * The result of {@code node}: computed by {@code compute} on its first use, kept (when it fits) for the others.
     * Callers from several threads wait for the first computation.
     */
    DataFrame result(AggregateNode node, Supplier<DataFrame> compute) {
        Entry e;
        synchronized (this) {
            e = results.computeIfAbsent(node, k -> new Entry());
        }
        DataFrame frame;
        synchronized (e) {
            frame = e.frame;
            if (frame == null) {
                frame = compute.get();
                long bytes = frame.estimatedBytes();
                if (bytes <= HeldLimit.of(memory)) {
                    e.frame = frame;
                    e.reservation = memory.reserve(bytes, frame);
                }
            }
        }
        synchronized (this) {
            int left = usesLeft.merge(node, -1, Integer::sum);
            if (left <= 0) {
                usesLeft.remove(node);
                release(results.remove(node));
            }
        }
        return frame;
    }

    private static void release(Entry e) {
        if (e == null) return;
        synchronized (e) {
            if (e.reservation != null) e.reservation.close();
            e.reservation = null;
            e.frame = null;
        }
    }

    /** The run ended: results not used up (a branch never pulled) are dropped. */
    @Override
    public synchronized void close() {
        results.values().forEach(SharedResults::release);
        results.clear();
        usesLeft.clear();
    }
}
