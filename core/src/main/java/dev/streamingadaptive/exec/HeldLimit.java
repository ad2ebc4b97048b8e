package dev.streamingadaptive.exec;

import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.memory.MemoryManager;

/**
 * What an operator may keep in memory when it cannot spill (a collected result, a join's output, a
 * sort's input or a group-by's tables with spilling off): half the budget. Beyond it the scans
 * feeding the operator would wait for memory the operator holds and, after their timeout, fail
 * naming themselves, or get batches so small that each re-reads its pages and the query crawls
 * (both measured). Refused at once instead, naming the operator. The one place this rule lives.
 */
public final class HeldLimit {
    private HeldLimit() {}

    /** The share of the budget an operator may hold: 1/{@value}. */
    public static final int SHARE = 2;

    /** The bytes an operator may hold under {@code memory}. */
    public static long of(MemoryManager memory) {
        return memory.capacityBytes() / SHARE;
    }

    /**
     * Throws a {@link MemoryBudgetExceededException} naming {@code what} when {@code held} bytes are
     * beyond {@link #of}; {@code advice} says what the user can do.
     */
    public static void check(MemoryManager memory, long held, String what, String advice) {
        check(held, of(memory), what, advice);
    }

    /** {@link #check(MemoryManager, long, String, String)} against a stricter {@code limit} (a part of {@link #of}). */
    static void check(long held, long limit, String what, String advice) {
        if (held > limit) throw new MemoryBudgetExceededException(what, held, limit, advice);
    }
}
