package dev.streamingadaptive.predicate;

import dev.streamingadaptive.parquet.meta.ColumnChunk;
import dev.streamingadaptive.parquet.meta.ColumnOrder;
import dev.streamingadaptive.parquet.meta.RowGroup;
import dev.streamingadaptive.parquet.schema.ParquetSchema;
import dev.streamingadaptive.parquet.schema.SchemaNode;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * What a predicate may look at to skip a row group without decoding it: its footer entry, the
 * schema, the file's column orders and, when the reader has the file mapped, the file's bytes (for
 * dictionaries, bloom filters and page indexes).
 *
 * @param file the whole mapped file, or null when only the footer is at hand
 * @param fileName the file's name for error messages (may be null)
 * @param columnOrders the footer's {@code column_orders}, one per leaf (empty when the file has none)
 */
public record RowGroupMetadata(int index, RowGroup rowGroup, ParquetSchema schema, MemorySegment file, String fileName,
                               List<ColumnOrder> columnOrders) {

    public RowGroupMetadata {
        columnOrders = columnOrders == null ? List.of() : List.copyOf(columnOrders);
    }

    /** Footer-only metadata (no access to dictionaries, bloom filters or page indexes, no column orders). */
    public RowGroupMetadata(int index, RowGroup rowGroup, ParquetSchema schema) {
        this(index, rowGroup, schema, null, null, List.of());
    }

    /** Metadata with the mapped file but without the footer's column orders. */
    public RowGroupMetadata(int index, RowGroup rowGroup, ParquetSchema schema, MemorySegment file, String fileName) {
        this(index, rowGroup, schema, file, fileName, List.of());
    }

    /** Rows in the row group. */
    public long numRows() {
        return rowGroup.numRows();
    }

    /**
     * The sort order of the min/max statistics of leaf {@code leafIndex}, or null when the file
     * declares none (then the order defined by the column's type is assumed, as writers such as
     * DuckDB 1.4 write min_value/max_value without column_orders).
     */
    public ColumnOrder columnOrder(int leafIndex) {
        return leafIndex >= 0 && leafIndex < columnOrders.size() ? columnOrders.get(leafIndex) : null;
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
