package dev.streamingadaptive.reader;

import dev.streamingadaptive.scan.ScanCounters;
import dev.streamingadaptive.scan.ScanCounters.Counter;

/**
 * What a scan read and what it skipped: row groups pruned per level (statistics, bloom filter,
 * dictionary), pages decoded or passed over, rows decoded and rows that matched. Counts add up
 * over every scan of one reader; reading them while a scan runs is safe but shows a scan midway.
 */
public final class ScanStatistics {
    private final ScanCounters counters;

    /** No counts yet. */
    public ScanStatistics() {
        this(new ScanCounters());
    }

    /** A view of a scan's live counters. */
    ScanStatistics(ScanCounters counters) {
        this.counters = counters;
    }

    /** A scan answered from the footers alone: {@code rowGroups} considered, nothing read or decoded. */
    public static ScanStatistics answeredFromFooters(long rowGroups) {
        ScanCounters c = new ScanCounters();
        c.add(Counter.ROW_GROUPS_PLANNED, rowGroups);
        c.add(Counter.ROW_GROUPS_TOTAL, rowGroups);
        return new ScanStatistics(c);
    }

    /** A part of a CSV or JSON-lines scan: {@code bytes} of text parsed into {@code rows} rows, {@code matched} of which passed the filter. */
    public static ScanStatistics ofText(long bytes, long rows, long matched) {
        ScanCounters c = new ScanCounters();
        c.add(Counter.BYTES_READ, bytes);
        c.add(Counter.ROWS_DECODED, rows);
        c.add(Counter.ROWS_MATCHED, matched);
        return new ScanStatistics(c);
    }

    /** The live counters behind this view (for {@link ParallelStreamReader#withStatistics}). */
    ScanCounters counters() {
        return counters;
    }

    private long get(Counter c) {
        return counters.get(c);
    }

    /** Row groups of the files the scans set out to visit, before any pruning (the whole of a progress bar). */
    public long rowGroupsPlanned() { return get(Counter.ROW_GROUPS_PLANNED); }

    /** Compressed bytes of the column chunks of the row groups read. */
    public long bytesRead() { return get(Counter.BYTES_READ); }

    /** Row groups the scan considered. */
    public long rowGroupsTotal() { return get(Counter.ROW_GROUPS_TOTAL); }

    /** Row groups whose pages were read (not pruned). */
    public long rowGroupsRead() { return get(Counter.ROW_GROUPS_READ); }

    /** Row groups skipped because their min/max/null-count statistics rule the predicate out. */
    public long rowGroupsPrunedByStatistics() { return get(Counter.ROW_GROUPS_PRUNED_BY_STATISTICS); }

    /** Row groups skipped because a bloom filter proves the looked-for values absent. */
    public long rowGroupsPrunedByBloomFilter() { return get(Counter.ROW_GROUPS_PRUNED_BY_BLOOM_FILTER); }

    /** Row groups skipped because no dictionary entry matches. */
    public long rowGroupsPrunedByDictionary() { return get(Counter.ROW_GROUPS_PRUNED_BY_DICTIONARY); }

    /** Row groups skipped because their page index leaves no page that can match. */
    public long rowGroupsPrunedByPageIndex() { return get(Counter.ROW_GROUPS_PRUNED_BY_PAGE_INDEX); }

    /** Data pages decompressed and decoded. */
    public long pagesDecoded() { return get(Counter.PAGES_DECODED); }

    /** Data pages passed over without decompressing (page index or late materialisation). */
    public long pagesSkipped() { return get(Counter.PAGES_SKIPPED); }

    /** Rows of read row groups that the page index ruled out before any decoding. */
    public long rowsSkippedByPageIndex() { return get(Counter.ROWS_SKIPPED_BY_PAGE_INDEX); }

    /** Rows whose predicate columns (or, without a predicate, all selected columns) were decoded. */
    public long rowsDecoded() { return get(Counter.ROWS_DECODED); }

    /** Rows that passed the predicate (before any row limit). */
    public long rowsMatched() { return get(Counter.ROWS_MATCHED); }

    /** Adds another scan's counts (for multi-file totals). */
    public ScanStatistics add(ScanStatistics o) {
        counters.addAll(o.counters);
        return this;
    }

    /**
     * One line for {@code count --explain}, e.g. {@code row groups read: 3/40 (pruned: 30 by
     * statistics, 7 by dictionary), pages read: 120/4800, rows decoded: 12000, rows matched: 36}.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (rowGroupsTotal() == 0 && bytesRead() > 0) {
            // A text scan: no row groups or pages, only bytes parsed.
            return sb.append("bytes parsed: ").append(bytesRead()).append(", rows parsed: ").append(rowsDecoded())
                    .append(", rows matched: ").append(rowsMatched()).toString();
        }
        long rowGroupsRead = rowGroupsRead(), pagesDecoded = pagesDecoded(), pagesSkipped = pagesSkipped();
        long rowsSkippedByPageIndex = rowsSkippedByPageIndex();
        sb.append("row groups read: ").append(rowGroupsRead).append('/').append(rowGroupsTotal());
        StringBuilder pruned = new StringBuilder();
        appendPruned(pruned, rowGroupsPrunedByStatistics(), "statistics");
        appendPruned(pruned, rowGroupsPrunedByBloomFilter(), "bloom filter");
        appendPruned(pruned, rowGroupsPrunedByDictionary(), "dictionary");
        appendPruned(pruned, rowGroupsPrunedByPageIndex(), "page index");
        if (!pruned.isEmpty()) sb.append(" (pruned: ").append(pruned).append(')');
        sb.append(", pages read: ").append(pagesDecoded).append('/').append(pagesDecoded + pagesSkipped);
        if (rowsSkippedByPageIndex > 0) sb.append(", rows skipped by page index: ").append(rowsSkippedByPageIndex);
        sb.append(", rows decoded: ").append(rowsDecoded());
        sb.append(", rows matched: ").append(rowsMatched());
        return sb.toString();
    }

    private static void appendPruned(StringBuilder sb, long n, String by) {
        if (n == 0) return;
        if (!sb.isEmpty()) sb.append(", ");
        sb.append(n).append(" by ").append(by);
    }

    @Override
    public String toString() {
        return describe();
    }
}
