package dev.streamingadaptive.reader;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Part of a dataset one task reads: a file and a range of its row groups, from {@code firstRowGroup}
 * (inclusive) to {@code endRowGroup} (exclusive; past the file's last row group means to its end). A
 * distributed runner (our Spark source, a Flink or Beam job) cuts a dataset into splits by bytes and hands each
 * task its own; the task scans the dataset with {@link ParallelStreamReader#withSplit} or
 * {@code ScanOptions.withSplit}, keeping the dataset's root and hive partition columns, and reads only
 * those row groups — with all of its pruning inside them. (Under schema evolution a split's schema is its own files'.)
 */
public record FileSplit(Path file, int firstRowGroup, int endRowGroup) {
    public FileSplit {
        Objects.requireNonNull(file, "file");
        if (firstRowGroup < 0 || endRowGroup < firstRowGroup) {
            throw new IllegalArgumentException("bad row group range [" + firstRowGroup + ", " + endRowGroup + ") of " + file);
        }
    }

    /** All row groups of {@code file}. */
    public static FileSplit whole(Path file) {
        return new FileSplit(file, 0, Integer.MAX_VALUE);
    }
}
