package dev.streamingadaptive.parquet.meta;

/**
 * Header of a v2 data page (Thrift {@code DataPageHeaderV2}). Levels are stored uncompressed
 * before the (possibly compressed) values.
 *
 * @param numValues                  number of values including nulls
 * @param numNulls                   number of nulls
 * @param numRows                    number of rows
 * @param encoding                   value encoding, or null when the id is unknown
 * @param definitionLevelsByteLength byte length of the definition levels
 * @param repetitionLevelsByteLength byte length of the repetition levels
 * @param isCompressed               whether the values section is compressed (default true)
 * @param statistics                 page statistics, or null
 */
public record DataPageHeaderV2(int numValues, int numNulls, int numRows, Encoding encoding,
                               int definitionLevelsByteLength, int repetitionLevelsByteLength,
                               boolean isCompressed, Statistics statistics) {}
