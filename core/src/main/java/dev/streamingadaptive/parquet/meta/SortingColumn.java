package dev.streamingadaptive.parquet.meta;

/**
 * A sort order declared for a row group (Thrift {@code SortingColumn}).
 *
 * @param columnIdx  ordinal of the leaf column in the row group
 * @param descending true for descending order
 * @param nullsFirst true when nulls sort before non-null values
 */
public record SortingColumn(int columnIdx, boolean descending, boolean nullsFirst) {}
