package dev.streamingadaptive.parquet;

/**
 * Thrown when a Parquet file is malformed or uses a feature this reader refuses.
 *
 * <p>The message names, where known, the file, the row group, the column and the byte offset at
 * which the problem was found. Decoders deep inside the reader throw it with only a description;
 * the layer that knows the context re-throws it through {@link #withContext}.
 */
public class ParquetFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String detail;
    private final String file;
    private final int rowGroup;
    private final String column;
    private final long offset;

    /** A problem described without location; callers add context with {@link #withContext}. */
    public ParquetFormatException(String detail) {
        this(detail, null, -1, null, -1, null);
    }

    /** A problem described without location, caused by another exception. */
    public ParquetFormatException(String detail, Throwable cause) {
        this(detail, null, -1, null, -1, cause);
    }

    /**
     * A fully located problem.
     *
     * @param rowGroup row group index, or -1 when not applicable
     * @param offset   absolute byte offset in the file, or -1 when unknown
     */
    public ParquetFormatException(String detail, String file, int rowGroup, String column, long offset, Throwable cause) {
        super(format(detail, file, rowGroup, column, offset), cause);
        this.detail = detail;
        this.file = file;
        this.rowGroup = rowGroup;
        this.column = column;
        this.offset = offset;
    }

    private static String format(String detail, String file, int rowGroup, String column, long offset) {
        StringBuilder sb = new StringBuilder();
        if (file != null) sb.append(file).append(": ");
        sb.append(detail);
        StringBuilder where = new StringBuilder();
        if (rowGroup >= 0) where.append("row group ").append(rowGroup);
        if (column != null) where.append(where.isEmpty() ? "" : ", ").append("column ").append(column);
        if (offset >= 0) where.append(where.isEmpty() ? "" : ", ").append("offset ").append(offset);
        if (!where.isEmpty()) sb.append(" (").append(where).append(')');
        return sb.toString();
    }

    /** Returns a copy with missing location fields filled in from the arguments (known fields win). */
    public ParquetFormatException withContext(String file, int rowGroup, String column, long offset) {
        return new ParquetFormatException(detail,
                this.file != null ? this.file : file,
                this.rowGroup >= 0 ? this.rowGroup : rowGroup,
                this.column != null ? this.column : column,
                this.offset >= 0 ? this.offset : offset,
                getCause() != null ? getCause() : this);
    }

    /** The description without location. */
    public String detail() { return detail; }

    /** The file, or null when unknown. */
    public String file() { return file; }

    /** The row group index, or -1. */
    public int rowGroup() { return rowGroup; }

    /** The column path (dot separated), or null. */
    public String column() { return column; }

    /** The absolute byte offset, or -1. */
    public long offset() { return offset; }
}
