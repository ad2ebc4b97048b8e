package dev.streamingadaptive.frame.format;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes DataFrames as CSV following RFC 4180's quoting: a header row of column names, fields
 * separated by commas, a field quoted (with {@code ""} for a quote) when it contains a comma, a
 * quote, CR or LF or starts/ends with a space; lines end with {@code "\n"}.
 *
 * <p>Values use the same text as {@link JsonLinesWriter} without JSON quoting (numbers, booleans,
 * ISO dates and times, exact decimals, base64 binary, {@code NaN}/{@code Infinity}); nested values
 * (lists, structs, maps) and intervals are their JSON text, quoted. A null is an empty field; an
 * empty string is {@code ""} so the two stay distinguishable.
 */
public final class CsvWriter {
    private CsvWriter() {}

    private static final int CHUNK = 1 << 15;

    /** Writes the header row and all rows of {@code df}. */
    public static void write(DataFrame df, Appendable out) {
        writeHeader(df.schema(), out);
        writeRows(df, out);
    }

    /** Writes just the header row (for streaming several frames of one schema). */
    public static void writeHeader(Schema schema, Appendable out) {
        StringBuilder sb = new StringBuilder();
        int c = 0;
        for (Field f : schema.fields()) {
            if (c++ > 0) sb.append(',');
            appendField(sb, f.name());
        }
        sb.append('\n');
        flush(sb, out);
    }

    /** Writes the rows of {@code df} without a header. */
    public static void writeRows(DataFrame df, Appendable out) {
        Encoder[] enc = Encoder.of(df.columns());
        boolean[] mayQuote = new boolean[enc.length];
        for (int c = 0; c < enc.length; c++) mayQuote[c] = enc[c].textMayNeedQuoting();
        StringBuilder sb = new StringBuilder(CHUNK + 1024);
        for (int r = 0, h = df.height(); r < h; r++) {
            for (int c = 0; c < enc.length; c++) {
                if (c > 0) sb.append(',');
                Encoder e = enc[c];
                if (e.isNull(r)) continue;
                if (!mayQuote[c]) {
                    int start = sb.length();
                    e.text(sb, r);
                    if (sb.length() == start) sb.append("\"\""); // empty, not null
                } else {
                    int start = sb.length();
                    e.text(sb, r);
                    quoteInPlace(sb, start);
                }
            }
            sb.append('\n');
            if (sb.length() >= CHUNK) {
                flush(sb, out);
                sb.setLength(0);
            }
        }
        if (!sb.isEmpty()) flush(sb, out);
    }

    private static void appendField(StringBuilder sb, String s) {
        int start = sb.length();
        sb.append(s);
        quoteInPlace(sb, start);
    }

    /** Quotes sb[start..] when RFC 4180 requires it (and always when empty, to tell it from null). */
    private static void quoteInPlace(StringBuilder sb, int start) {
        int end = sb.length();
        boolean need = end == start || sb.charAt(start) == ' ' || sb.charAt(end - 1) == ' ';
        int quotes = 0;
        for (int i = start; i < end; i++) {
            char ch = sb.charAt(i);
            if (ch == '"') { quotes++; need = true; }
            else if (ch == ',' || ch == '\n' || ch == '\r') need = true;
        }
        if (!need) return;
        if (quotes == 0) {
            sb.insert(start, '"').append('"');
            return;
        }
        String body = sb.substring(start, end);
        sb.setLength(start);
        sb.append('"');
        for (int i = 0; i < body.length(); i++) {
            char ch = body.charAt(i);
            if (ch == '"') sb.append('"');
            sb.append(ch);
        }
        sb.append('"');
    }

    private static void flush(StringBuilder sb, Appendable out) {
        try {
            out.append(sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
