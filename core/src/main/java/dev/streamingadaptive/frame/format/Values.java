package dev.streamingadaptive.frame.format;

import dev.streamingadaptive.frame.Column;

/** One value of a column as text, with the same rules as the writers (for messages, statistics, tools). */
public final class Values {
    private Values() {}

    /** Value {@code i} as JSON, exactly as {@link JsonLinesWriter} writes it ({@code null} for null). */
    public static String json(Column c, int i) {
        StringBuilder sb = new StringBuilder();
        Encoder.of(c).json(sb, i);
        return sb.toString();
    }

    /**
     * Value {@code i} as unquoted display text, as {@link CsvWriter} writes it before quoting:
     * strings raw, numbers, ISO dates and times, exact decimals, base64 binary, nested values as
     * JSON; {@code null} for null.
     */
    public static String text(Column c, int i) {
        Encoder e = Encoder.of(c);
        if (e.isNull(i)) return "null";
        StringBuilder sb = new StringBuilder();
        e.text(sb, i);
        return sb.toString();
    }
}
