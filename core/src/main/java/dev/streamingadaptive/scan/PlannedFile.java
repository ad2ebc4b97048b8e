package dev.streamingadaptive.scan;

import dev.streamingadaptive.frame.Schema;

import java.nio.file.Path;
import java.util.Map;

/**
 * One file of a planned dataset scan, as its footer and folders describe it.
 *
 * @param index          its position among the request's files
 * @param partitions     its {@code key=value} folder values
 * @param schema         every column of the file
 * @param firstGroup     the first row group read (0 unless the request splits the file)
 * @param rowGroupRows   the rows of each row group read, from {@code firstGroup} on (one scheduling unit each)
 * @param estimatedBytes the decoded size of its selected columns
 */
public record PlannedFile(int index, Path path, Map<String, String> partitions, Schema schema, int firstGroup, long[] rowGroupRows, long estimatedBytes) {}
