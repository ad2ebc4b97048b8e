package dev.streamingadaptive.parquet.meta;

import java.util.List;

/**
 * The decoded Parquet footer (Thrift {@code FileMetaData}). Read it with
 * {@link ParquetFooter#read}; absent optional lists are empty.
 *
 * @param version          format version (1 or 2, read interchangeably)
 * @param schema           flattened schema; element 0 is the root
 * @param numRows          number of rows as stated by the writer (some writers store 0; the row groups
 *                         are authoritative)
 * @param rowGroups        row groups in file order
 * @param keyValueMetadata file key/value metadata
 * @param createdBy        writer identification, or null
 * @param columnOrders     one per leaf column, or empty when absent
 */
public record FileMetaData(int version, List<SchemaElement> schema, long numRows, List<RowGroup> rowGroups,
                           List<KeyValue> keyValueMetadata, String createdBy, List<ColumnOrder> columnOrders) {
    public FileMetaData {
        schema = schema == null ? List.of() : List.copyOf(schema);
        rowGroups = rowGroups == null ? List.of() : List.copyOf(rowGroups);
        keyValueMetadata = keyValueMetadata == null ? List.of() : List.copyOf(keyValueMetadata);
        columnOrders = columnOrders == null ? List.of() : List.copyOf(columnOrders);
    }

    /** Number of schema elements other than the root that have no children. */
    public int leafCount() {
        int n = 0;
        for (int i = 1; i < schema.size(); i++) if (schema.get(i).numChildren() == 0) n++;
        return n;
    }

    /** Sum of the row groups' row counts. */
    public long rowGroupRowCount() {
        long n = 0;
        for (RowGroup rg : rowGroups) n += rg.numRows();
        return n;
    }

    /** The value of a file key/value entry, or null when the key is absent or has no value. */
    public String keyValue(String key) {
        for (KeyValue kv : keyValueMetadata) if (kv.key().equals(key)) return kv.value();
        return null;
    }
}
