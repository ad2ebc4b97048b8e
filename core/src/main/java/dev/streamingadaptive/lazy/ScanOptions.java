package dev.streamingadaptive.lazy;

import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.reader.FileSplit;

import java.util.List;
import java.util.Map;

/**
 * How {@link LazyFrame#scanParquet(String, ScanOptions)} reads a dataset: hive partition keys as
 * columns (on by default; with explicit types if given), schema evolution across files (columns
 * missing in some files read as nulls), a column holding each row's file path, and whether
 * unreadable files are skipped instead of failing the query, and which split of the dataset to read
 * (null: all of it).
 */
public record ScanOptions(boolean hivePartitioning, Map<String, DataType> hivePartitionTypes, boolean schemaEvolution,
                          String filePathColumn, boolean skipUnreadableFiles, boolean verifyChecksums, boolean fullPageCounts,
                          List<FileSplit> split) {
    public ScanOptions {
        hivePartitionTypes = Map.copyOf(hivePartitionTypes);
        split = split == null ? null : List.copyOf(split);
    }

    /** The options as they were before splits: the whole dataset. */
    public ScanOptions(boolean hivePartitioning, Map<String, DataType> hivePartitionTypes, boolean schemaEvolution,
                       String filePathColumn, boolean skipUnreadableFiles, boolean verifyChecksums, boolean fullPageCounts) {
        this(hivePartitioning, hivePartitionTypes, schemaEvolution, filePathColumn, skipUnreadableFiles, verifyChecksums, fullPageCounts, null);
    }

    /**
     * Hive partitioning on, strict schemas, no file path column, unreadable files fail, checksums
     * verified, pages of pruned row groups not counted in the statistics, the whole dataset.
     */
    public static ScanOptions defaults() {
        return new ScanOptions(true, Map.of(), false, null, false, true, false, null);
    }

    public ScanOptions withHivePartitioning(boolean on) {
        return new ScanOptions(on, hivePartitionTypes, schemaEvolution, filePathColumn, skipUnreadableFiles, verifyChecksums, fullPageCounts, split);
    }

    public ScanOptions withHivePartitionTypes(Map<String, DataType> types) {
        return new ScanOptions(hivePartitioning, types, schemaEvolution, filePathColumn, skipUnreadableFiles, verifyChecksums, fullPageCounts, split);
    }

    public ScanOptions withSchemaEvolution(boolean on) {
        return new ScanOptions(hivePartitioning, hivePartitionTypes, on, filePathColumn, skipUnreadableFiles, verifyChecksums, fullPageCounts, split);
    }

    public ScanOptions withFilePathColumn(String name) {
        return new ScanOptions(hivePartitioning, hivePartitionTypes, schemaEvolution, name, skipUnreadableFiles, verifyChecksums, fullPageCounts, split);
    }

    public ScanOptions withSkipUnreadableFiles(boolean on) {
        return new ScanOptions(hivePartitioning, hivePartitionTypes, schemaEvolution, filePathColumn, on, verifyChecksums, fullPageCounts, split);
    }

    /** Whether scan statistics also count the pages of row groups pruned before reading (for explain output). */
    public ScanOptions withFullPageCounts(boolean on) {
        return new ScanOptions(hivePartitioning, hivePartitionTypes, schemaEvolution, filePathColumn, skipUnreadableFiles, verifyChecksums, on, split);
    }

    public ScanOptions withChecksumVerification(boolean on) {
        return new ScanOptions(hivePartitioning, hivePartitionTypes, schemaEvolution, filePathColumn, skipUnreadableFiles, on, fullPageCounts, split);
    }

    /**
     * Only these splits of the dataset (files among its files, each a range of row groups; see {@link FileSplit}):
     * what one task of a distributed scan reads. The root (hence the hive columns) stays the dataset's; the schema is
     * the split files' (the dataset's whenever its files agree, as they must without schema evolution). Null: everything.
     */
    public ScanOptions withSplit(List<FileSplit> splits) {
        return new ScanOptions(hivePartitioning, hivePartitionTypes, schemaEvolution, filePathColumn, skipUnreadableFiles, verifyChecksums,
                fullPageCounts, splits);
    }
}
