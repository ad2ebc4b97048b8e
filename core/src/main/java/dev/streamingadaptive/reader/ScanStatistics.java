package dev.streamingadaptive.reader;

/**
 * What a scan read and what it skipped: row groups pruned per level (statistics, bloom filter,
 * dictionary), pages decoded or passed over, rows decoded and rows that matched. Counts add up
 * over every scan of one reader; read them after the scan (not thread-safe while it runs).
 */
public final class ScanStatistics {
    long rowGroupsTotal;
    long rowGroupsRead;
    long rowGroupsPrunedByStatistics;
    long rowGroupsPrunedByBloomFilter;
    long rowGroupsPrunedByDictionary;
    long rowGroupsPrunedByPageIndex;
    long pagesDecoded;
    long pagesSkipped;
    long rowsSkippedByPageIndex;
    long rowsDecoded;
    long rowsMatched;

    /** Row groups the scan considered. */
    public long rowGroupsTotal() { return rowGroupsTotal; }

    /** Row groups whose pages were read (not pruned). */
    public long rowGroupsRead() { return rowGroupsRead; }

    /** Row groups skipped because their min/max/null-count statistics rule the predicate out. */
    public long rowGroupsPrunedByStatistics() { return rowGroupsPrunedByStatistics; }

    /** Row groups skipped because a bloom filter proves the looked-for values absent. */
    public long rowGroupsPrunedByBloomFilter() { return rowGroupsPrunedByBloomFilter; }

    /** Row groups skipped because no dictionary entry matches. */
    public long rowGroupsPrunedByDictionary() { return rowGroupsPrunedByDictionary; }

    /** Row groups skipped because their page index leaves no page that can match. */
    public long rowGroupsPrunedByPageIndex() { return rowGroupsPrunedByPageIndex; }

    /** Data pages decompressed and decoded. */
    public long pagesDecoded() { return pagesDecoded; }

    /** Data pages passed over without decompressing (page index or late materialisation). */
    public long pagesSkipped() { return pagesSkipped; }

    /** Rows of read row groups that the page index ruled out before any decoding. */
    public long rowsSkippedByPageIndex() { return rowsSkippedByPageIndex; }

    /** Rows whose predicate columns (or, without a predicate, all selected columns) were decoded. */
    public long rowsDecoded() { return rowsDecoded; }

    /** Rows that passed the predicate (before any row limit). */
    public long rowsMatched() { return rowsMatched; }

    /** Adds another scan's counts (for multi-file totals). */
    public ScanStatistics add(ScanStatistics o) {
        rowGroupsTotal += o.rowGroupsTotal;
        rowGroupsRead += o.rowGroupsRead;
        rowGroupsPrunedByStatistics += o.rowGroupsPrunedByStatistics;
        rowGroupsPrunedByBloomFilter += o.rowGroupsPrunedByBloomFilter;
        rowGroupsPrunedByDictionary += o.rowGroupsPrunedByDictionary;
        rowGroupsPrunedByPageIndex += o.rowGroupsPrunedByPageIndex;
        pagesDecoded += o.pagesDecoded;
        pagesSkipped += o.pagesSkipped;
        rowsSkippedByPageIndex += o.rowsSkippedByPageIndex;
        rowsDecoded += o.rowsDecoded;
        rowsMatched += o.rowsMatched;
        return this;
    }

    /**
     * One line for {@code count --explain}, e.g. {@code row groups read: 3/40 (pruned: 30 by
     * statistics, 7 by dictionary), pages read: 120/4800, rows decoded: 12000, rows matched: 36}.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("row groups read: ").append(rowGroupsRead).append('/').append(rowGroupsTotal);
        StringBuilder pruned = new StringBuilder();
        appendPruned(pruned, rowGroupsPrunedByStatistics, "statistics");
        appendPruned(pruned, rowGroupsPrunedByBloomFilter, "bloom filter");
        appendPruned(pruned, rowGroupsPrunedByDictionary, "dictionary");
        appendPruned(pruned, rowGroupsPrunedByPageIndex, "page index");
        if (!pruned.isEmpty()) sb.append(" (pruned: ").append(pruned).append(')');
        sb.append(", pages read: ").append(pagesDecoded).append('/').append(pagesDecoded + pagesSkipped);
        if (rowsSkippedByPageIndex > 0) sb.append(", rows skipped by page index: ").append(rowsSkippedByPageIndex);
        sb.append(", rows decoded: ").append(rowsDecoded);
        sb.append(", rows matched: ").append(rowsMatched);
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
