package dev.streamingadaptive.parquet.meta;

/**
 * Number of pages of one type and encoding in a column chunk (Thrift {@code PageEncodingStats}).
 *
 * @param pageType the page type, or null when the writer used an id this reader does not know
 * @param encoding the encoding, or null when the id is unknown
 * @param count    number of pages
 */
public record PageEncodingStats(PageType pageType, Encoding encoding, int count) {}
