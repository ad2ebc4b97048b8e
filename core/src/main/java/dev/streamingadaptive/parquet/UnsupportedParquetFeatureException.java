package dev.streamingadaptive.parquet;

/** A well-formed file that uses a feature this reader does not support (for example encryption). */
public class UnsupportedParquetFeatureException extends ParquetFormatException {
    private static final long serialVersionUID = 1L;

    /** A feature that is not supported, described for the user. */
    public UnsupportedParquetFeatureException(String detail) {
        super(detail);
    }
}
