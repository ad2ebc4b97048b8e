package dev.streamingadaptive.reader.internal;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.parquet.schema.SchemaNode;

/**
 * One decoded column chunk: its repetition and definition levels (null when the level is always
 * 0) and its non-null values, densely packed, in order.
 */
public record LeafData(SchemaNode leaf, int levelCount, int[] repLevels, int[] defLevels, Column values) {
}
