package dev.streamingadaptive.sql;

/**
 * A SQL text that cannot be run: a syntax error (with the line, column and token where parsing
 * stopped), an unknown table or column, or a construct the engine does not support (named in the
 * message).
 */
public final class SqlException extends RuntimeException {
    private final int line;
    private final int column;
    private final String token;

    /** An error at a place in the text; {@code line} and {@code column} are 1-based, 0 when unknown. */
    public SqlException(String message, int line, int column, String token) {
        super(message);
        this.line = line;
        this.column = column;
        this.token = token;
    }

    /** An error about the query as a whole, with no single place in the text. */
    public SqlException(String message) {
        this(message, 0, 0, null);
    }

    SqlException(String message, Throwable cause) {
        super(message, cause);
        this.line = 0;
        this.column = 0;
        this.token = null;
    }

    /** 1-based line of the error, 0 when not known. */
    public int line() {
        return line;
    }

    /** 1-based column of the error, 0 when not known. */
    public int column() {
        return column;
    }

    /** The token parsing stopped at, or null. */
    public String token() {
        return token;
    }
}
