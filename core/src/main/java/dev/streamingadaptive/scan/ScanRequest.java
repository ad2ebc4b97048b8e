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
 */
public record ScanRequest(List<Path> files, Path root, List<String> columns, ScanPredicate predicate, long rowLimit, Order order,
                          boolean hivePartitioning, Map<String, DataType> partitionTypes, boolean schemaEvolution,
                          String filePathColumn, boolean skipUnreadable, boolean verifyChecksums, boolean fullPageCounts) {

    /** The order batches come out in. */
    public enum Order {
        /** Files in order, row groups in order within a file. */
        FILE_ORDER,
        /** As row groups finish decoding (faster when order does not matter). */
        AS_READY
    }

    public ScanRequest {
        files = List.copyOf(files);
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
        return new ScanRequest(files, root, null, null, Long.MAX_VALUE, Order.FILE_ORDER, true, Map.of(), false, null, false, true, false);
    }

    /** Only these columns, in this order (null or none: all). */
    public ScanRequest withColumns(List<String> names) {
        return new ScanRequest(files, root, names, predicate, rowLimit, order, hivePartitioning, partitionTypes, schemaEvolution,
                filePathColumn, skipUnreadable, verifyChecksums, fullPageCounts);
    }

    /** Keeps only the rows this predicate accepts (null: all). */
    public ScanRequest withPredicate(ScanPredicate p) {
        return new ScanRequest(files, root, columns, p, rowLimit, order, hivePartitioning, partitionTypes, schemaEvolution,
                filePathColumn, skipUnreadable, verifyChecksums, fullPageCounts);
    }

    /** At most {@code rows} rows, after the predicate. */
    public ScanRequest withRowLimit(long rows) {
        return new ScanRequest(files, root, columns, predicate, rows, order, hivePartitioning, partitionTypes, schemaEvolution,
                filePathColumn, skipUnreadable, verifyChecksums, fullPageCounts);
    }

    /** Batches in this order. */
    public ScanRequest withOrder(Order o) {
        return new ScanRequest(files, root, columns, predicate, rowLimit, o, hivePartitioning, partitionTypes, schemaEvolution,
                filePathColumn, skipUnreadable, verifyChecksums, fullPageCounts);
    }

    /** Whether {@code key=value} folders become columns. */
    public ScanRequest withHivePartitioning(boolean on) {
        return new ScanRequest(files, root, columns, predicate, rowLimit, order, on, partitionTypes, schemaEvolution,
                filePathColumn, skipUnreadable, verifyChecksums, fullPageCounts);
    }

    /** Types for these partition keys instead of inferring them. */
    public ScanRequest withPartitionTypes(Map<String, DataType> types) {
        return new ScanRequest(files, root, columns, predicate, rowLimit, order, hivePartitioning, types, schemaEvolution,
                filePathColumn, skipUnreadable, verifyChecksums, fullPageCounts);
    }

    /** Whether files may differ in schema. */
    public ScanRequest withSchemaEvolution(boolean allow) {
        return new ScanRequest(files, root, columns, predicate, rowLimit, order, hivePartitioning, partitionTypes, allow,
                filePathColumn, skipUnreadable, verifyChecksums, fullPageCounts);
    }

    /** Adds a column with each row's file path (null: none). */
    public ScanRequest withFilePathColumn(String name) {
        return new ScanRequest(files, root, columns, predicate, rowLimit, order, hivePartitioning, partitionTypes, schemaEvolution,
                name, skipUnreadable, verifyChecksums, fullPageCounts);
    }

    /** Whether unreadable files are left out instead of failing the scan. */
    public ScanRequest withSkipUnreadable(boolean skip) {
        return new ScanRequest(files, root, columns, predicate, rowLimit, order, hivePartitioning, partitionTypes, schemaEvolution,
                filePathColumn, skip, verifyChecksums, fullPageCounts);
    }

    /** Whether page CRCs are verified. */
    public ScanRequest withChecksumVerification(boolean verify) {
        return new ScanRequest(files, root, columns, predicate, rowLimit, order, hivePartitioning, partitionTypes, schemaEvolution,
                filePathColumn, skipUnreadable, verify, fullPageCounts);
    }

    /** Whether statistics count the pages of pruned row groups too. */
    public ScanRequest withFullPageCounts(boolean count) {
        return new ScanRequest(files, root, columns, predicate, rowLimit, order, hivePartitioning, partitionTypes, schemaEvolution,
                filePathColumn, skipUnreadable, verifyChecksums, count);
    }

    /** Whether the request changes which files, columns or rows a plan holds (not only how batches come out). */
    public boolean samePlanAs(ScanRequest o) {
        return files.equals(o.files) && root.equals(o.root) && Objects.equals(columns, o.columns) && predicate == o.predicate
                && hivePartitioning == o.hivePartitioning && partitionTypes.equals(o.partitionTypes) && schemaEvolution == o.schemaEvolution
                && Objects.equals(filePathColumn, o.filePathColumn) && skipUnreadable == o.skipUnreadable;
    }
}
