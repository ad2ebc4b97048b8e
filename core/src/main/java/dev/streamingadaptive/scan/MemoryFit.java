package dev.streamingadaptive.scan;

import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.memory.MemoryManager;

/**
 * The one check an eager read makes before it decodes: the estimated decoded bytes must fit what
 * the MemoryManager has available, else a {@link MemoryBudgetExceededException} naming what was
 * asked, the figures, and the streaming way to read it instead.
 */
public final class MemoryFit {
    private MemoryFit() {}

    /**
     * @param what    what would be materialised, e.g. {@code "collect() of trades.parquet"}
     * @param instead how to read it within the budget, e.g. {@code "read it with stream() instead"}
     */
    public static void require(long needBytes, MemoryManager memory, String what, String instead) {
        long available = memory.availableBytes();
        if (needBytes > available) throw new MemoryBudgetExceededException(what, needBytes, available, instead);
    }

    /**
     * The estimate of a read that stops after {@code rowLimit} of {@code totalRows} rows (without a
     * predicate, only those rows are decoded): scaled down, rounded up.
     */
    public static long limitedTo(long needBytes, long totalRows, long rowLimit) {
        if (rowLimit >= totalRows || totalRows <= 0) return needBytes;
        return (long) Math.ceil(needBytes * ((double) rowLimit / totalRows));
    }
}
