package dev.streamingadaptive.reader;

/**
 * The files of a multi-file scan do not share a schema: a column is missing from one of them or
 * has another type. Names both files and the column; {@link ParallelStreamReader#withSchemaEvolution}
 * accepts missing columns (as nulls) and widening types.
 */
public final class SchemaMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SchemaMismatchException(String message) {
        super(message);
    }
}
