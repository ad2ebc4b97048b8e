package dev.streamingadaptive.parquet.meta;

/**
 * A parsed Thrift value together with the absolute offset of the first byte after it.
 *
 * @param value     the decoded value
 * @param endOffset absolute offset just past the encoded value (for a page header: where the page
 *                  body starts)
 * @param <T>       the value type
 */
public record Parsed<T>(T value, long endOffset) {}
