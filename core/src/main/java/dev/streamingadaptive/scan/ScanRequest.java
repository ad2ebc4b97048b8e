package dev.streamingadaptive.scan;

import dev.streamingadaptive.frame.DataType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a dataset scan reads, immutable: the files (and the root under which {@code key=value}
 * folders are hive partitions), the projection, the bound predicate, a row limit, the order
 * batches come out in, and the policies for partitions, differing schemas, a file-path column,
 * unreadable files, page checksums and page counting. How it runs (threads, memory, statistics)
 * is the {@link ScanContext}'s. Every {@code with…} returns a new request.
 *
 * @param files            the files, in dataset order (at least one)
 * @param root             where hive partition folders start
 * @param columns          the output columns in order (file columns, partition keys, the file-path column); null: all
 * @param predicate        the rows to keep (null: all)
 * @param rowLimit         at most this many rows, after the predicate ({@link Long#MAX_VALUE}: no limit)
 * @param order            file order, or the order row groups finish decoding in
 * @param hivePartitioning whether {@code key=value} folders become columns
 * @param partitionTypes   given types of partition keys (the others are inferred)
 * @param schemaEvolution  whether files may miss columns (read as nulls) and widen types
 * @param filePathColumn   the name of a column holding each row's file path, or null
 * @param skipUnreadable   whether unreadable files are left out (and reported) instead of failing the scan
 * @param verifyChecksums  whether page CRCs are verified where the writer stored them
 * @param fullPageCounts   whether statistics also count the pages of pruned row groups
 * @param rowGroups        for files listed here, only this range of row groups is read (a split of the dataset,
 *                         as a distributed runner hands one task); files not listed are read whole
 */
public record ScanRequest(List<Path> files, Path root, List<String> columns, ScanPredicate predicate, long rowLimit, Order order,
                          boolean hivePartitioning, Map<String, DataType> partitionTypes, boolean schemaEvolution,
                          String filePathColumn, boolean skipUnreadable, boolean verifyChecksums, boolean fullPageCounts,
                          Map<Path, RowGroupRange> rowGroups) {

    /** The order batches come out in. */
    public enum Order {
        /** Files in order, row groups in order within a file. */
        FILE_ORDER,
        /** As row groups finish decoding (faster when order does not matter). */
        AS_READY
    }

    public ScanRequest {
        files = List.copyOf(files);
        rowGroups = Map.copyOf(rowGroups);
        if (files.isEmpty()) throw new IllegalArgumentException("no files to read");
        Objects.requireNonNull(root, "root");
        columns = columns == null || columns.isEmpty() ? null : List.copyOf(columns);
        if (rowLimit < 0) throw new IllegalArgumentException("row limit must not be negative, got " + rowLimit);
        Objects.requireNonNull(order, "order");
        partitionTypes = Map.copyOf(partitionTypes);
        for (var kv : partitionTypes.entrySet()) {
            if (!HivePartitions.supported(kv.getValue())) {
                throw new IllegalArgumentException("partition column " + kv.getKey() + " cannot be " + kv.getValue()
                        + " (INT32, INT64, FLOAT64, BOOLEAN, DATE or STRING)");
            }
        }
    }

    /**
     * These files, all columns, no predicate or limit, in file order; hive partitioning on, the same
     * schema required, checksums verified.
     */
    public static ScanRequest of(List<Path> files, Path root) {
        return new ScanRequest(files, root, null, null, Long.MAX_VALUE, Order.FILE_ORDER, true, Map.of(), false, null, false, true, false, Map.of());
    }

    /** Only these columns, in this order (null or none: all). */
    public ScanRequest withColumns(List<String> names) {
        return new ScanRequest(files, root, names, predicate, rowLimit, order, hivePartitioning, partitionTypes, schemaEvolution,
                filePathColumn, skipUnreadable, verifyChecksums, fullPageCounts, rowGroups);
    }

    /** Keeps only the rows this predicate accepts (null: all). */
    public ScanRequest withPredicate(ScanPredicate p) {
        return new ScanRequest(files, root, columns, p, rowLimit, order, hivePartitioning, partitionTypes, schemaEvolution,
                filePathColumn, skipUnreadable, verifyChecksums, fullPageCounts, rowGroups);
    }

    /** At most {@code rows} rows, after the predicate. */
    public ScanRequest withRowLimit(long rows) {
        return new ScanRequest(files, root, columns, predicate, rows, order, hivePartitioning, partitionTypes, schemaEvolution,
                filePathColumn, skipUnreadable, verifyChecksums, fullPageCounts, rowGroups);
    }

    /** Batches in this order. */
    public ScanRequest withOrder(Order o) {
        return new ScanRequest(files, root, columns, predicate, rowLimit, o, hivePartitioning, partitionTypes, schemaEvolution,
                filePathColumn, skipUnreadable, verifyChecksums, fullPageCounts, rowGroups);
    }

    /** Whether {@code key=value} folders become columns. */
    public ScanRequest withHivePartitioning(boolean on) {
        return new ScanRequest(files, root, columns, predicate, rowLimit, order, on, partitionTypes, schemaEvolution,
                filePathColumn, skipUnreadable, verifyChecksums, fullPageCounts, rowGroups);
    }

    /** Types for these partition keys instead of inferring them. */
    public ScanRequest withPartitionTypes(Map<String, DataType> types) {
        return new ScanRequest(files, root, columns, predicate, rowLimit, order, hivePartitioning, types, schemaEvolution,
                filePathColumn, skipUnreadable, verifyChecksums, fullPageCounts, rowGroups);
    }

    /** Whether files may differ in schema. */
    public ScanRequest withSchemaEvolution(boolean allow) {
        return new ScanRequest(files, root, columns, predicate, rowLimit, order, hivePartitioning, partitionTypes, allow,
                filePathColumn, skipUnreadable, verifyChecksums, fullPageCounts, rowGroups);
    }

    /** Adds a column with each row's file path (null: none). */
    public ScanRequest withFilePathColumn(String name) {
        return new ScanRequest(files, root, columns, predicate, rowLimit, order, hivePartitioning, partitionTypes, schemaEvolution,
                name, skipUnreadable, verifyChecksums, fullPageCounts, rowGroups);
    }

    /** Whether unreadable files are left out instead of failing the scan. */
    public ScanRequest withSkipUnreadable(boolean skip) {
        return new ScanRequest(files, root, columns, predicate, rowLimit, order, hivePartitioning, partitionTypes, schemaEvolution,
                filePathColumn, skip, verifyChecksums, fullPageCounts, rowGroups);
    }

    /** Whether page CRCs are verified. */
    public ScanRequest withChecksumVerification(boolean verify) {
        return new ScanRequest(files, root, columns, predicate, rowLimit, order, hivePartitioning, partitionTypes, schemaEvolution,
                filePathColumn, skipUnreadable, verify, fullPageCounts, rowGroups);
    }

    /** Whether statistics count the pages of pruned row groups too. */
    public ScanRequest withFullPageCounts(boolean count) {
        return new ScanRequest(files, root, columns, predicate, rowLimit, order, hivePartitioning, partitionTypes, schemaEvolution,
                filePathColumn, skipUnreadable, verifyChecksums, count, rowGroups);
    }

    /** A contiguous range of a file's row groups: {@code first} (inclusive) to {@code end} (exclusive). */
    public record RowGroupRange(int first, int end) {
        public RowGroupRange {
            if (first < 0 || end < first) throw new IllegalArgumentException("bad row group range [" + first + ", " + end + ")");
        }
    }

    /**
     * Only these files (which must be among this request's; they keep the dataset's order and root), each limited
     * to its range of row groups.
     *
     * @throws IllegalArgumentException naming a file that is not in the dataset
     */
    public ScanRequest withSplit(Map<Path, RowGroupRange> split) {
        Map<Path, RowGroupRange> ranges = new java.util.HashMap<>();
        for (var e : split.entrySet()) ranges.put(e.getKey().toAbsolutePath().normalize(), e.getValue());
        List<Path> kept = new java.util.ArrayList<>();
        for (Path f : files) if (ranges.containsKey(f.toAbsolutePath().normalize())) kept.add(f);
        if (kept.size() != ranges.size()) {
            java.util.Set<Path> missing = new java.util.HashSet<>(ranges.keySet());
            for (Path f : kept) missing.remove(f.toAbsolutePath().normalize());
            throw new IllegalArgumentException("split names files outside the dataset: " + missing);
        }
        return new ScanRequest(kept, root, columns, predicate, rowLimit, order, hivePartitioning, partitionTypes, schemaEvolution,
                filePathColumn, skipUnreadable, verifyChecksums, fullPageCounts, ranges);
    }

    /** The row groups of {@code file} to read: its split range, else all {@code count} of them. */
    public RowGroupRange rowGroupsOf(Path file, int count) {
        RowGroupRange r = rowGroups.isEmpty() ? null : rowGroups.get(file.toAbsolutePath().normalize());
        return r == null ? new RowGroupRange(0, count) : new RowGroupRange(Math.min(r.first(), count), Math.min(r.end(), count));
    }

    /** Whether the request changes which files, columns or rows a plan holds (not only how batches come out). */
    public boolean samePlanAs(ScanRequest o) {
        return files.equals(o.files) && rowGroups.equals(o.rowGroups) && root.equals(o.root) && Objects.equals(columns, o.columns) && predicate == o.predicate
                && hivePartitioning == o.hivePartitioning && partitionTypes.equals(o.partitionTypes) && schemaEvolution == o.schemaEvolution
                && Objects.equals(filePathColumn, o.filePathColumn) && skipUnreadable == o.skipUnreadable;
    }
}
