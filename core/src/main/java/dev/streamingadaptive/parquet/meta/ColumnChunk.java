package dev.streamingadaptive.parquet.meta;

/**
 * One column chunk of a row group (Thrift {@code ColumnChunk}).
 *
 * @param filePath          external file holding the data (summary files only), or null
 * @param fileOffset        deprecated offset of the column metadata (0 when absent)
 * @param metaData          the column metadata; null only when the writer omitted it (for example
 *                          an encrypted column with encrypted metadata)
 * @param offsetIndexOffset absolute offset of the {@link OffsetIndex}, or null
 * @param offsetIndexLength byte length of the offset index, or null
 * @param columnIndexOffset absolute offset of the {@link ColumnIndex}, or null
 * @param columnIndexLength byte length of the column index, or null
 * @param encrypted         true when the chunk carries crypto metadata (field 8) or encrypted column
 *                          metadata (field 9); its pages cannot be read without keys
 */
public record ColumnChunk(String filePath, long fileOffset, ColumnMetaData metaData, Long offsetIndexOffset,
                          Integer offsetIndexLength, Long columnIndexOffset, Integer columnIndexLength,
                          boolean encrypted) {}
