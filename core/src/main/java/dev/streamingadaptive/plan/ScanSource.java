package dev.streamingadaptive.plan;

import dev.streamingadaptive.frame.Schema;

/**
 * Where a scan reads: a dataset's description for {@code explain} (the path or glob), its file
 * count and schema (known when the query is written), and, per kind, how to read it.
 */
public sealed interface ScanSource permits ParquetSource, TextSource {
    String description();

    int fileCount();

    Schema schema();

    /** The format's name for plans: PARQUET, CSV, NDJSON. */
    String format();

    /** The description with the file count when there are several. */
    static String describe(ScanSource s) {
        return s.description() + (s.fileCount() == 1 ? "" : " [" + s.fileCount() + " files]");
    }
}
