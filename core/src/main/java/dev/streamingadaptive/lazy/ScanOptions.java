package dev.streamingadaptive.lazy;

import dev.streamingadaptive.frame.DataType;

import java.util.Map;

/**
 * How {@link LazyFrame#scanParquet(String, ScanOptions)} reads a dataset: hive partition keys as
 * columns (on by default; with explicit types if given), schema evolution across files (columns
 * missing in some files read as nulls), a column holding each row's file path, and whether
 * unreadable files are skipped instead of failing the query.
 */
public record ScanOptions(boolean hivePartitioning, Map<String, DataType> hivePartitionTypes, boolean schemaEvolution,
                          String filePathColumn, boolean skipUnreadableFiles, boolean verifyChecksums, boolean fullPageCounts) {
    public ScanOptions {
        hivePartitionTypes = Map.copyOf(hivePartitionTypes);
    }

    /**
     * Hive partitioning on, strict schemas, no file path column, unreadable files fail, checksums
     * verified, pages of pruned row groups not counted in the statistics.
     */
    public static ScanOptions defaults() {
        return new ScanOptions(true, Map.of(), false, null, false, true, false);
    }

    public ScanOptions withHivePartitioning(boolean on) {
        return new ScanOptions(on, hivePartitionTypes, schemaEvolution, filePathColumn, skipUnreadableFiles, verifyChecksums, fullPageCounts);
    }

    public ScanOptions withHivePartitionTypes(Map<String, DataType> types) {
        return new ScanOptions(hivePartitioning, types, schemaEvolution, filePathColumn, skipUnreadableFiles, verifyChecksums, fullPageCounts);
    }

    public ScanOptions withSchemaEvolution(boolean on) {
        return new ScanOptions(hivePartitioning, hivePartitionTypes, on, filePathColumn, skipUnreadableFiles, verifyChecksums, fullPageCounts);
    }

    public ScanOptions withFilePathColumn(String name) {
        return new ScanOptions(hivePartitioning, hivePartitionTypes, schemaEvolution, name, skipUnreadableFiles, verifyChecksums, fullPageCounts);
    }

    public ScanOptions withSkipUnreadableFiles(boolean on) {
        return new ScanOptions(hivePartitioning, hivePartitionTypes, schemaEvolution, filePathColumn, on, verifyChecksums, fullPageCounts);
    }

    /** Whether scan statistics also count the pages of row groups pruned before reading (for explain output). */
    public ScanOptions withFullPageCounts(boolean on) {
        return new ScanOptions(hivePartitioning, hivePartitionTypes, schemaEvolution, filePathColumn, skipUnreadableFiles, verifyChecksums, on);
    }

    public ScanOptions withChecksumVerification(boolean on) {
        return new ScanOptions(hivePartitioning, hivePartitionTypes, schemaEvolution, filePathColumn, skipUnreadableFiles, on, fullPageCounts);
    }
}
