package dev.streamingadaptive.spark;

import dev.streamingadaptive.reader.FileSplit;
import org.apache.spark.sql.connector.read.InputPartition;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One Spark partition: files and row-group ranges (serialized to executors as plain arrays).
 *
 * @param index the partition's number, for messages
 */
record SplitPartition(int index, String[] files, int[] firstRowGroups, int[] endRowGroups, long bytes) implements InputPartition {
    /** The splits, as {@code ScanOptions.withSplit} takes them. */
    List<FileSplit> splits() {
        List<FileSplit> out = new ArrayList<>(files.length);
        for (int i = 0; i < files.length; i++) out.add(new FileSplit(Path.of(files[i]), firstRowGroups[i], endRowGroups[i]));
        return out;
    }

    /** Collects the ranges of one partition. */
    static final class Builder {
        private final List<String> files = new ArrayList<>();
        private final List<int[]> ranges = new ArrayList<>();
        private long bytes;

        void add(Path file, int first, int end, long b) {
            files.add(file.toString());
            ranges.add(new int[] {first, end});
            bytes += b;
        }

        long bytes() { return bytes; }

        boolean isEmpty() { return files.isEmpty(); }

        SplitPartition build(int index) {
            return new SplitPartition(index, files.toArray(String[]::new), ranges.stream().mapToInt(r -> r[0]).toArray(),
                    ranges.stream().mapToInt(r -> r[1]).toArray(), bytes);
        }
    }
}
