package dev.streamingadaptive.parquet.meta;

/**
 * Header of a dictionary page (Thrift {@code DictionaryPageHeader}).
 *
 * @param numValues number of dictionary entries (not validated here; may be negative in corrupt files)
 * @param encoding  encoding of the entries, or null when the id is unknown
 * @param isSorted  whether entries are sorted, or null when not stated
 */
public record DictionaryPageHeader(int numValues, Encoding encoding, Boolean isSorted) {}
