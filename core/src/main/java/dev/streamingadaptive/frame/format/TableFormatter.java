package dev.streamingadaptive.frame.format;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.frame.TimeUnit;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a DataFrame as a Polars-style text table:
 * <pre>
 * shape: (3, 2)
 * ┌─────┬──────┐
 * │ id  ┆ name │
 * │ --- ┆ ---  │
 * │ i64 ┆ str  │
 * ╞═════╪══════╡
 * │ 1   ┆ a    │
 * │ …   ┆ …    │
 * │ 3   ┆ c    │
 * └─────┴──────┘
 * </pre>
 * Longer frames show their first and last rows around a {@code …} row; cells longer than
 * {@value #MAX_CELL} characters are cut with {@code …}; null shows as {@code null}; strings show
 * without quotes, control characters escaped; binary as {@code b"…"} (bytes outside printable
 * ASCII as {@code \xNN}); nested values show as their JSON text.
 */
public final class TableFormatter {
    private TableFormatter() {}

    /** Longest cell, in code points, before it is truncated. */
    static final int MAX_CELL = 32;

    /** Renders at most {@code maxRows} rows (all when negative): the first half and the last half when longer. */
    public static String format(DataFrame df, int maxRows) {
        return format(df.schema(), List.of(df), maxRows);
    }

    /**
     * Renders several frames of the same schema as one table (for example the row groups a
     * streaming read produced), at most {@code maxRows} rows (all when negative).
     */
    public static String format(Schema schema, List<DataFrame> parts, int maxRows) {
        long height = 0;
        for (DataFrame p : parts) {
            if (p.width() != schema.size()) {
                throw new IllegalArgumentException("frame of width " + p.width() + " does not match schema of width " + schema.size());
            }
            height += p.height();
        }
        int width = schema.size();
        StringBuilder out = new StringBuilder();
        out.append("shape: (").append(height).append(", ").append(width).append(")\n");

        // Which global rows to show, and where the ellipsis row goes.
        long head, tail;
        if (maxRows < 0 || height <= maxRows) {
            head = height;
            tail = 0;
        } else {
            head = maxRows - maxRows / 2;
            tail = maxRows / 2;
        }
        boolean ellipsis = head + tail < height;

        List<String[]> rows = new ArrayList<>();
        collect(parts, width, 0, head, rows);
        int ellipsisAt = rows.size();
        collect(parts, width, height - tail, height, rows);

        String[] names = new String[width];
        String[] dtypes = new String[width];
        int[] w = new int[width];
        for (int c = 0; c < width; c++) {
            Field f = schema.fields().get(c);
            names[c] = sanitize(f.name(), Integer.MAX_VALUE);
            dtypes[c] = dtypeName(f.type());
            w[c] = Math.max(3, Math.max(len(names[c]), len(dtypes[c])));
            if (ellipsis) w[c] = Math.max(w[c], 1);
        }
        for (String[] r : rows) for (int c = 0; c < width; c++) w[c] = Math.max(w[c], len(r[c]));

        rule(out, w, '┌', '─', '┬', '┐');
        line(out, w, names);
        String[] dashes = new String[width];
        java.util.Arrays.fill(dashes, "---");
        line(out, w, dashes);
        line(out, w, dtypes);
        rule(out, w, '╞', '═', '╪', '╡');
        String[] dots = new String[width];
        java.util.Arrays.fill(dots, "…");
        for (int r = 0; r < rows.size(); r++) {
            if (ellipsis && r == ellipsisAt) line(out, w, dots);
            line(out, w, rows.get(r));
        }
        if (ellipsis && ellipsisAt == rows.size()) line(out, w, dots);
        rule(out, w, '└', '─', '┴', '┘');
        out.setLength(out.length() - 1); // no trailing newline, like Polars' repr
        return out.toString();
    }

    /** Adds the cell texts of global rows [from, to) of the concatenated parts. */
    private static void collect(List<DataFrame> parts, int width, long from, long to, List<String[]> rows) {
        long base = 0;
        StringBuilder sb = new StringBuilder();
        for (DataFrame p : parts) {
            long pEnd = base + p.height();
            long s = Math.max(from, base), e = Math.min(to, pEnd);
            if (s < e) {
                Encoder[] enc = Encoder.of(p.columns());
                for (long g = s; g < e; g++) {
                    int r = (int) (g - base);
                    String[] cells = new String[width];
                    for (int c = 0; c < width; c++) {
                        if (enc[c].isNull(r)) {
                            cells[c] = "null";
                        } else {
                            sb.setLength(0);
                            enc[c].display(sb, r);
                            cells[c] = sanitize(sb, MAX_CELL);
                        }
                    }
                    rows.add(cells);
                }
            }
            base = pEnd;
        }
    }

    /** Escapes control characters and cuts the text to {@code max} code points (the last being …). */
    private static String sanitize(CharSequence s, int max) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 64));
        int cps = 0;
        for (int i = 0; i < s.length() && cps <= max; ) {
            int cp = Character.codePointAt(s, i);
            i += Character.charCount(cp);
            switch (cp) {
                case '\n' -> { sb.append("\\n"); cps += 2; }
                case '\r' -> { sb.append("\\r"); cps += 2; }
                case '\t' -> { sb.append("\\t"); cps += 2; }
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        sb.append(String.format("\\x%02x", cp));
                        cps += 4;
                    } else {
                        sb.appendCodePoint(cp);
                        cps++;
                    }
                }
            }
        }
        if (cps <= max) return sb.toString();
        sb.setLength(sb.offsetByCodePoints(0, max - 1));
        return sb.append('…').toString();
    }

    private static int len(String s) {
        return s.codePointCount(0, s.length());
    }

    private static void rule(StringBuilder out, int[] w, char left, char fill, char mid, char right) {
        out.append(left);
        for (int c = 0; c < w.length; c++) {
            if (c > 0) out.append(mid);
            out.repeat(fill, w[c] + 2);
        }
        out.append(right).append('\n');
    }

    private static void line(StringBuilder out, int[] w, String[] cells) {
        out.append('│');
        for (int c = 0; c < w.length; c++) {
            if (c > 0) out.append('┆');
            out.append(' ').append(cells[c]);
            out.repeat(' ', w[c] - len(cells[c]) + 1);
        }
        out.append('│').append('\n');
    }

    /** The Polars name of a type: i64, str, datetime[μs, UTC], decimal[10,2], list[i32], struct[2]… */
    public static String dtypeName(DataType t) {
        return switch (t) {
            case DataType.Decimal d -> "decimal[" + d.precision() + "," + d.scale() + "]";
            case DataType.Time tt -> "time";
            case DataType.Timestamp ts -> "datetime[" + unitName(ts.unit()) + (ts.utcAdjusted() ? ", UTC]" : "]");
            case DataType.FixedBinary fb -> "binary";
            case DataType.ListType l -> "list[" + dtypeName(l.element().type()) + "]";
            case DataType.StructType s -> "struct[" + s.fields().size() + "]";
            case DataType.MapType m -> "map[" + dtypeName(m.key().type()) + ", " + dtypeName(m.value().type()) + "]";
            case DataType.Simple s -> switch (s.kind()) {
                case BOOLEAN -> "bool";
                case INT8 -> "i8";
                case INT16 -> "i16";
                case INT32 -> "i32";
                case INT64 -> "i64";
                case UINT8 -> "u8";
                case UINT16 -> "u16";
                case UINT32 -> "u32";
                case UINT64 -> "u64";
                case FLOAT16 -> "f16";
                case FLOAT32 -> "f32";
                case FLOAT64 -> "f64";
                case STRING -> "str";
                case BINARY, BSON -> "binary";
                case DATE -> "date";
                case INTERVAL -> "interval";
                case UUID -> "uuid";
                case ENUM -> "enum";
                case JSON -> "json";
                default -> s.kind().name().toLowerCase(java.util.Locale.ROOT);
            };
        };
    }

    private static String unitName(TimeUnit u) {
        return switch (u) {
            case MILLIS -> "ms";
            case MICROS -> "μs";
            case NANOS -> "ns";
        };
    }
}
