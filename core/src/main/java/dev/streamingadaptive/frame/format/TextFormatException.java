package dev.streamingadaptive.frame.format;

/**
 * Thrown when a CSV or NDJSON input cannot be read as asked: a row with the wrong number of
 * fields, a value that does not parse as its column's type, malformed JSON, an unterminated
 * quote. The message names the file and the line (counted from 1, as an editor shows it).
 */
public class TextFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final String detail;

    /**
     * @param file the file, or null when unknown
     * @param line the line the problem starts on (1-based), or -1 when unknown
     */
    public TextFormatException(String detail, String file, long line, Throwable cause) {
        super(format(detail, file, line), cause);
        this.file = file;
        this.line = line;
        this.detail = detail;
    }

    public TextFormatException(String detail, String file, long line) {
        this(detail, file, line, null);
    }

    /** The file, or null when unknown. */
    public String file() { return file; }

    /** The 1-based line where the problem starts, or -1 when unknown. */
    public long line() { return line; }

    /** The problem without its location. */
    public String detail() { return detail; }

    private static String format(String detail, String file, long line) {
        StringBuilder sb = new StringBuilder();
        if (file != null) sb.append(file);
        if (line > 0) sb.append(sb.isEmpty() ? "line " : ":").append(line);
        return sb.isEmpty() ? detail : sb.append(": ").append(detail).toString();
    }
}
