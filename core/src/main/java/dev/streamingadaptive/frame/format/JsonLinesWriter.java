package dev.streamingadaptive.frame.format;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * Writes DataFrame rows as JSON Lines — the machine contract of {@code --format jsonl}
 * (DESIGN.md): one object per row, keys in schema order, no spaces.
 *
 * <p>Integers are JSON numbers (unsigned types as their unsigned value); floats are numbers
 * ({@code Float.toString} / {@code Double.toString}) with {@code "NaN"}, {@code "Infinity"},
 * {@code "-Infinity"} as strings; binary, fixed binary and BSON are base64 strings; DATE, TIME,
 * TIMESTAMP are ISO-8601 strings with as many fraction digits as the unit has (and {@code Z} when
 * UTC-adjusted); DECIMAL is an exact decimal string with {@code scale} fraction digits; UUID is
 * canonical; INTERVAL is {@code {"months":M,"days":D,"millis":MS}}; lists are arrays, structs
 * objects, maps arrays of {@code {"key":…,"value":…}}; null is {@code null}.
 */
public final class JsonLinesWriter {
    private JsonLinesWriter() {}

    /** Flush threshold of the internal buffer, in chars. */
    private static final int CHUNK = 1 << 15;

    /** Row {@code row} of {@code df} as one JSON object, without a trailing newline. */
    public static String toJsonLine(DataFrame df, int row) {
        Objects.checkIndex(row, df.height());
        Encoder[] enc = Encoder.of(df.columns());
        StringBuilder sb = new StringBuilder(64);
        appendRow(sb, keys(df.columns()), enc, row);
        return sb.toString();
    }

    /**
     * Writes every row of {@code df}, each followed by {@code "\n"}.
     *
     * @throws UncheckedIOException when {@code out} throws
     */
    public static void write(DataFrame df, Appendable out) {
        Encoder[] enc = Encoder.of(df.columns());
        String[] keys = keys(df.columns());
        StringBuilder sb = new StringBuilder(Math.min(CHUNK + 1024, 64 + df.height() * 32));
        try {
            for (int r = 0, h = df.height(); r < h; r++) {
                appendRow(sb, keys, enc, r);
                sb.append('\n');
                if (sb.length() >= CHUNK) {
                    out.append(sb);
                    sb.setLength(0);
                }
            }
            if (!sb.isEmpty()) out.append(sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON object keys ({@code "name":} with a leading comma after the first). */
    private static String[] keys(List<Column> columns) {
        String[] keys = new String[columns.size()];
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < keys.length; c++) {
            sb.setLength(0);
            sb.append(c == 0 ? "{" : ",");
            Text.jsonString(sb, columns.get(c).name());
            keys[c] = sb.append(':').toString();
        }
        return keys;
    }

    private static void appendRow(StringBuilder sb, String[] keys, Encoder[] enc, int row) {
        if (enc.length == 0) {
            sb.append("{}");
            return;
        }
        for (int c = 0; c < enc.length; c++) {
            sb.append(keys[c]);
            enc[c].json(sb, row);
        }
        sb.append('}');
    }
}
