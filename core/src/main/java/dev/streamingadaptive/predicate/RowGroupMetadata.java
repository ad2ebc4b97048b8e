package dev.streamingadaptive.predicate;

import dev.streamingadaptive.parquet.meta.ColumnChunk;
import dev.streamingadaptive.parquet.meta.RowGroup;
import dev.streamingadaptive.parquet.schema.ParquetSchema;
import dev.streamingadaptive.parquet.schema.SchemaNode;

/** What a predicate may look at to skip a row group without reading it: its footer entry and the schema. */
public record RowGroupMetadata(int index, RowGroup rowGroup, ParquetSchema schema) {

    /** Rows in the row group. */
    public long numRows() {
        return rowGroup.numRows();
    }

    /** The column chunk of the leaf at this dotted path (for a flat column, its name), or null. */
    public ColumnChunk column(String dottedPath) {
        for (SchemaNode leaf : schema.leaves()) {
            if (leaf.dottedPath().equals(dottedPath)) return rowGroup.columns().get(leaf.leafIndex());
        }
        return null;
    }
}
