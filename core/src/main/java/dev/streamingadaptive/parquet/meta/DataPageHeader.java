package dev.streamingadaptive.parquet.meta;

/**
 * Header of a v1 data page (Thrift {@code DataPageHeader}).
 *
 * @param numValues                number of values including nulls (not validated here)
 * @param encoding                 value encoding, or null when the id is unknown
 * @param definitionLevelEncoding  encoding of definition levels, or null when unknown
 * @param repetitionLevelEncoding  encoding of repetition levels, or null when unknown
 * @param statistics               page statistics, or null
 */
public record DataPageHeader(int numValues, Encoding encoding, Encoding definitionLevelEncoding,
                             Encoding repetitionLevelEncoding, Statistics statistics) {}
