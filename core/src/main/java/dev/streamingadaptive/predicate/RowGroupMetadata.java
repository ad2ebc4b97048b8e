package dev.streamingadaptive.predicate;

import dev.streamingadaptive.parquet.meta.ColumnChunk;
import dev.streamingadaptive.parquet.meta.RowGroup;
import dev.streamingadaptive.parquet.schema.ParquetSchema;
import dev.streamingadaptive.parquet.schema.SchemaNode;

import java.lang.foreign.MemorySegment;

/**
 * What a predicate may look at to skip a row group without decoding it: its footer entry, the
 * schema and, when the reader has the file mapped, the file's bytes (for dictionaries, bloom
 * filters and page indexes).
 *
 * @param file the whole mapped file, or null when only the footer is at hand
 * @param fileName the file's name for error messages (may be null)
 */
public record RowGroupMetadata(int index, RowGroup rowGroup, ParquetSchema schema, MemorySegment file, String fileName) {

    /** Footer-only metadata (no access to dictionaries, bloom filters or page indexes). */
    public RowGroupMetadata(int index, RowGroup rowGroup, ParquetSchema schema) {
        this(index, rowGroup, schema, null, null);
    }

    /** Rows in the row group. */
    public long numRows() {
        return rowGroup.numRows();
    }

    /** The column chunk of the leaf at this dotted path (for a flat column, its name), or null. */
    public ColumnChunk column(String dottedPath) {
        SchemaNode leaf = leaf(dottedPath);
        return leaf == null ? null : rowGroup.columns().get(leaf.leafIndex());
    }

    /** The schema leaf at this dotted path, or null. */
    public SchemaNode leaf(String dottedPath) {
        for (SchemaNode leaf : schema.leaves()) {
            if (leaf.dottedPath().equals(dottedPath)) return leaf;
        }
        return null;
    }
}
