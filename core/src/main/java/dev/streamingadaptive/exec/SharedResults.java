package dev.streamingadaptive.exec;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.plan.AggregateNode;
import dev.streamingadaptive.plan.LogicalPlan;
import dev.streamingadaptive.plan.SharedSubplans;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Group-by results and join subplans a plan uses more than once, computed once per run. A frame used twice (TPC-H
 * Q15's revenue per supplier, joined with its own maximum; Q11's stock value, summed and grouped; a SQL CTE named
 * twice) is one plan object under two parents, so the two subtrees are equal records. A group-by's result is held
 * whole by its operator anyway; a join subplan is collected whole on its first use, giving up past {@link HeldLimit}
 * (each use then streams it on its own, as before). Keeping a result for the next use costs a reservation, taken only
 * when the result is within {@link HeldLimit} (else it is computed again). The result is dropped after its last use
 * or when the run ends.
 */
final class SharedResults implements AutoCloseable {
    /** System property: {@code false} computes a join subplan once per use (to measure what sharing saves). */
    static final String SUBPLANS_PROPERTY = "streamingadaptive.shareSubplans";

    private final MemoryManager memory;
    /** Uses still to come, per shared group-by or join subplan. */
    private final Map<LogicalPlan, Integer> usesLeft = new HashMap<>();
    private final Map<LogicalPlan, Entry> results = new HashMap<>();

    /** A computed result and its reservation; empty until computed, or when the result was too large to keep. */
    private static final class Entry {
        DataFrame frame;
        MemoryManager.Reservation reservation;
        /** Its computation gave up (a join subplan larger than it may hold): each use computes it on its own. */
        boolean tooLarge;
    }

    private SharedResults(MemoryManager memory) {
        this.memory = memory;
    }

    /** The group-bys and join subplans ({@link SharedSubplans}) {@code plan} uses twice or more, or null when there are none. */
    static SharedResults of(LogicalPlan plan, MemoryManager memory) {
        SharedResults shared = new SharedResults(memory);
        shared.usesLeft.putAll(SharedSubplans.groupByUses(plan));
        if (Boolean.parseBoolean(System.getProperty(SUBPLANS_PROPERTY, "true"))) SharedSubplans.uses(plan).forEach(shared.usesLeft::putIfAbsent);
        return shared.usesLeft.isEmpty() ? null : shared;
    }

    /** Whether {@code node} is used more than once in the plan. */
    synchronized boolean isShared(LogicalPlan node) {
        return usesLeft.containsKey(node);
    }

    /**
     * The result of {@code node}: computed by {@code compute} on its first use, kept (when it fits) for the others.
     * Callers from several threads wait for the first computation. {@code compute} may give up (null: a join subplan
     * too large to hold); this and later uses then get null and compute it on their own.
     */
    DataFrame result(LogicalPlan node, Supplier<DataFrame> compute) {
        Entry e;
        synchronized (this) {
            e = results.computeIfAbsent(node, k -> new Entry());
        }
        DataFrame frame;
        synchronized (e) {
            frame = e.frame;
            if (frame == null && !e.tooLarge) {
                frame = compute.get();
                if (frame == null) {
                    e.tooLarge = true;
                } else {
                    long bytes = frame.estimatedBytes();
                    if (bytes <= HeldLimit.of(memory)) {
                        e.frame = frame;
                        e.reservation = memory.reserve(bytes, frame);
                    }
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
