package dev.streamingadaptive.parquet.meta;

import java.util.List;

/**
 * One row group (Thrift {@code RowGroup}).
 *
 * @param columns             one chunk per leaf column, in schema order
 * @param totalByteSize       total uncompressed bytes of the column data
 * @param numRows             number of rows
 * @param fileOffset          offset of the first page, or null
 * @param totalCompressedSize total compressed bytes, or null
 * @param ordinal             ordinal of the row group in the file, or null
 * @param sortingColumns      declared sort order (empty when absent)
 */
public record RowGroup(List<ColumnChunk> columns, long totalByteSize, long numRows, Long fileOffset,
                       Long totalCompressedSize, Integer ordinal, List<SortingColumn> sortingColumns) {
    public RowGroup {
        columns = columns == null ? List.of() : List.copyOf(columns);
        sortingColumns = sortingColumns == null ? List.of() : List.copyOf(sortingColumns);
    }
}
