package dev.streamingadaptive.parquet.meta;

/**
 * Location of one data page (Thrift {@code PageLocation}, part of the offset index).
 *
 * @param offset             absolute file offset of the page header
 * @param compressedPageSize size of header plus compressed page body, in bytes
 * @param firstRowIndex      index within the row group of the page's first row
 */
public record PageLocation(long offset, int compressedPageSize, long firstRowIndex) {}
