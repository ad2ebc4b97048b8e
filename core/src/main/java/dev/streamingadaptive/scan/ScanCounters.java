package dev.streamingadaptive.scan;

import java.util.EnumMap;
import java.util.Map;

/**
 * What scans read and skipped, one count per {@link Counter}. The one accumulator behind
 * {@code reader.ScanStatistics}: units running on several threads add to the same instance, so
 * every method is synchronized (counts change once per batch or row group, not per row).
 */
public final class ScanCounters {
    /** The counts a scan keeps. */
    public enum Counter {
        ROW_GROUPS_TOTAL, ROW_GROUPS_READ,
        ROW_GROUPS_PRUNED_BY_STATISTICS, ROW_GROUPS_PRUNED_BY_BLOOM_FILTER, ROW_GROUPS_PRUNED_BY_DICTIONARY,
        ROW_GROUPS_PRUNED_BY_PAGE_INDEX,
        PAGES_DECODED, PAGES_SKIPPED, ROWS_SKIPPED_BY_PAGE_INDEX, ROWS_DECODED, ROWS_MATCHED,
        /** Row groups of the files a pass will visit (before pruning), added when the pass starts. */
        ROW_GROUPS_PLANNED,
        /** Compressed bytes of the column chunks of the row groups read. */
        BYTES_READ
    }

    private static final Counter[] ALL = Counter.values();
    private final long[] counts = new long[ALL.length];
    /** Also receives every count added here (progress over several readers), or null. */
    private volatile ScanCounters alsoInto;

    /** Adds {@code n} to one count (and to the counters set by {@link #alsoCountInto}). */
    public void add(Counter c, long n) {
        synchronized (this) {
            counts[c.ordinal()] += n;
        }
        ScanCounters other = alsoInto;
        if (other != null) other.add(c, n);
    }

    /** From now on, every count added here is added to {@code other} too (live totals of a query). */
    public void alsoCountInto(ScanCounters other) {
        if (other == this) throw new IllegalArgumentException("counters cannot count into themselves");
        this.alsoInto = other;
    }

    /** One count. */
    public synchronized long get(Counter c) {
        return counts[c.ordinal()];
    }

    /** Adds every count of {@code other} (for totals over files, units or readers). */
    public ScanCounters addAll(ScanCounters other) {
        long[] theirs = other.snapshot();
        synchronized (this) {
            for (int i = 0; i < counts.length; i++) counts[i] += theirs[i];
        }
        return this;
    }

    /** An independent copy of the counts now. */
    public ScanCounters copy() {
        return new ScanCounters().addAll(this);
    }

    /** The counts by name (for messages and tests). */
    public synchronized Map<Counter, Long> asMap() {
        Map<Counter, Long> out = new EnumMap<>(Counter.class);
        for (Counter c : ALL) out.put(c, counts[c.ordinal()]);
        return out;
    }

    private synchronized long[] snapshot() {
        return counts.clone();
    }
}
