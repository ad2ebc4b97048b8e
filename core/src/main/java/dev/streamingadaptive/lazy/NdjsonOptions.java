package dev.streamingadaptive.lazy;

import dev.streamingadaptive.frame.Schema;

/**
 * How {@link LazyFrame#scanNdjson(String, NdjsonOptions)} reads JSON lines (one object per line,
 * blank lines skipped): the schema, given or inferred from the first {@code inferRows} records
 * (objects become structs, arrays lists, numbers int64 or float64, strings that all look like
 * dates, times or timestamps those types; a key whose values disagree becomes a string holding their JSON
 * text), and whether malformed records are skipped instead of failing with file and line.
 *
 * @param schema       the columns to read and their types, or null to infer them
 * @param inferRows    records sampled for inference (from the first file)
 * @param ignoreErrors skip records that are not JSON objects or whose values do not fit the schema
 */
public record NdjsonOptions(Schema schema, int inferRows, boolean ignoreErrors) {
    public NdjsonOptions {
        if (inferRows < 1) throw new IllegalArgumentException("inferRows must be at least 1: " + inferRows);
    }

    /** Inferred schema from 20,480 records (DuckDB's sample size); malformed records fail the scan. */
    public static NdjsonOptions defaults() {
        return new NdjsonOptions(null, 20_480, false);
    }

    public NdjsonOptions withSchema(Schema s) { return new NdjsonOptions(s, inferRows, ignoreErrors); }
    public NdjsonOptions withInferRows(int n) { return new NdjsonOptions(schema, n, ignoreErrors); }
    public NdjsonOptions withIgnoreErrors(boolean on) { return new NdjsonOptions(schema, inferRows, on); }
}
