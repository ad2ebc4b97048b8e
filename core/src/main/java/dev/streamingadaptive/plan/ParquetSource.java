package dev.streamingadaptive.plan;

import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.reader.ParallelStreamReader;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A Parquet dataset to scan: a description for {@code explain} (the path or glob), the dataset's schema
 * (read from the footers once, when the query is written) and how to open a configured reader
 * for each execution.
 */
public record ParquetSource(String description, int fileCount, Schema schema, Supplier<ParallelStreamReader> opener) implements ScanSource {
    public ParquetSource {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(opener, "opener");
    }

    /** A new reader over the dataset with the source's options (threads, memory, hive, ...). */
    public ParallelStreamReader open() {
        return opener.get();
    }

    @Override public String format() { return "PARQUET"; }

    @Override public String toString() {
        return ScanSource.describe(this);
    }
}
