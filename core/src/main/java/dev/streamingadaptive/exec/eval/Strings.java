package dev.streamingadaptive.exec.eval;

import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.expr.Literal;
import dev.streamingadaptive.expr.ScalarFunction;
import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.BooleanColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.LongColumn;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * String functions on UTF-8 bytes. Prefix, suffix and substring tests compare bytes (exact for
 * UTF-8); LENGTH, SUBSTRING and LIKE's {@code _} count Unicode code points; LOWER/UPPER map each
 * code point on its own (as DuckDB, without Java's locale and context rules). LIKE has no escape
 * character (DuckDB's default): {@code %} any run, {@code _} one character, everything else itself.
 */
final class Strings {
    private Strings() {}

    static UnaryOperator<Column> kernel(ScalarFunction f, List<Expr> args) {
        return switch (f) {
            case STARTS_WITH -> matches(bytes(args.get(1)), Mode.PREFIX);
            case ENDS_WITH -> matches(bytes(args.get(1)), Mode.SUFFIX);
            case CONTAINS -> matches(bytes(args.get(1)), Mode.CONTAINS);
            case LIKE -> like((String) ((Literal) args.get(1)).value());
            case LOWER -> c -> mapCase(c, false);
            case UPPER -> c -> mapCase(c, true);
            case LENGTH -> Strings::length;
            case SUBSTRING -> {
                int offset = ((Number) ((Literal) args.get(1)).value()).intValue();
                int length = ((Number) ((Literal) args.get(2)).value()).intValue();
                yield c -> substring(c, offset, length);
            }
            default -> throw new IllegalStateException(f.name());
        };
    }

    private static byte[] bytes(Expr e) {
        return ((String) ((Literal) e).value()).getBytes(StandardCharsets.UTF_8);
    }

    private enum Mode { PREFIX, SUFFIX, CONTAINS, EQUALS }

    /** A test of one string, the bytes {@code d[s, e)}. */
    @FunctionalInterface
    private interface StringTest {
        boolean test(byte[] d, int s, int e);
    }

    /** {@code test} of each string of a column, null where the string is null. */
    private static UnaryOperator<Column> perString(StringTest test) {
        return c -> {
            BinaryColumn b = Vectors.bytes(c);
            int n = c.size();
            byte[] d = b.rawData();
            int[] off = b.rawOffsets();
            boolean[] out = new boolean[n];
            for (int i = 0; i < n; i++) out[i] = test.test(d, off[i], off[i + 1]);
            return new BooleanColumn(Vectors.NAME, out, n, Vectors.nulls(c));
        };
    }

    private static UnaryOperator<Column> matches(byte[] p, Mode mode) {
        return perString((d, s, e) -> test(d, s, e, p, mode));
    }

    private static boolean test(byte[] d, int s, int e, byte[] p, Mode mode) {
        int len = e - s;
        if (len < p.length) return false;
        return switch (mode) {
            case PREFIX -> Arrays.equals(d, s, s + p.length, p, 0, p.length);
            case SUFFIX -> Arrays.equals(d, e - p.length, e, p, 0, p.length);
            case EQUALS -> len == p.length && Arrays.equals(d, s, e, p, 0, p.length);
            case CONTAINS -> indexOf(d, s, e, p, 0, p.length) >= 0;
        };
    }

    private static int indexOf(byte[] d, int s, int e, byte[] p, int ps, int pe) {
        int m = pe - ps;
        if (m == 0) return s;
        byte first = p[ps];
        for (int i = s; i <= e - m; i++) {
            if (d[i] == first && Arrays.equals(d, i, i + m, p, ps, pe)) return i;
        }
        return -1;
    }

    // ---- LIKE ----

    private static UnaryOperator<Column> like(String pattern) {
        byte[] p = pattern.getBytes(StandardCharsets.UTF_8);
        boolean hasUnderscore = pattern.indexOf('_') >= 0;
        if (!hasUnderscore) {
            // Common shapes: 'abc', 'abc%', '%abc', '%abc%'.
            String inner = pattern;
            boolean lead = inner.startsWith("%"), trail = inner.endsWith("%") && inner.length() > (lead ? 1 : 0);
            String core = inner.substring(lead ? 1 : 0, inner.length() - (trail ? 1 : 0));
            if (core.indexOf('%') < 0) {
                byte[] cb = core.getBytes(StandardCharsets.UTF_8);
                Mode mode = lead && trail ? Mode.CONTAINS : lead ? Mode.SUFFIX : trail ? Mode.PREFIX : Mode.EQUALS;
                if (pattern.equals("%") || pattern.equals("%%")) mode = Mode.CONTAINS;
                return matches(cb, mode);
            }
            return likeParts(pattern);
        }
        return perString((d, s, e) -> likeMatch(d, s, e, p, 0, p.length));
    }

    /**
     * A pattern of literal parts between {@code %} signs (TPC-H Q13's {@code '%special%requests%'}): each part is
     * searched after the previous one, the first held at the start and the last at the end unless a {@code %} frees
     * them. Finding each part leftmost is exact when only {@code %} separates them, and needs no backtracking.
     */
    private static UnaryOperator<Column> likeParts(String pattern) {
        List<byte[]> list = new ArrayList<>();
        for (String part : pattern.split("%")) if (!part.isEmpty()) list.add(part.getBytes(StandardCharsets.UTF_8));
        byte[][] parts = list.toArray(new byte[0][]);
        boolean atStart = !pattern.startsWith("%"), atEnd = !pattern.endsWith("%");
        return perString((d, s, e) -> partsMatch(d, s, e, parts, atStart, atEnd));
    }

    /** {@code parts} in order within {@code d[s, e)}; see {@link #likeParts}. */
    static boolean partsMatch(byte[] d, int s, int e, byte[][] parts, boolean atStart, boolean atEnd) {
        int first = 0, last = parts.length;
        if (atStart) {
            byte[] p = parts[first++];
            if (e - s < p.length || !Arrays.equals(d, s, s + p.length, p, 0, p.length)) return false;
            s += p.length;
        }
        if (atEnd) {
            byte[] p = parts[--last];
            if (e - s < p.length || !Arrays.equals(d, e - p.length, e, p, 0, p.length)) return false;
            e -= p.length;
        }
        for (int k = first; k < last; k++) {
            byte[] p = parts[k];
            int at = indexOf(d, s, e, p, 0, p.length);
            if (at < 0) return false;
            s = at + p.length;
        }
        return true;
    }

    /** Greedy matching with backtracking to the last {@code %} (linear for most patterns). */
    static boolean likeMatch(byte[] s, int si, int se, byte[] p, int pi, int pe) {
        int starP = -1, starS = -1;
        while (si < se) {
            if (pi < pe && p[pi] == '%') {
                starP = ++pi;
                starS = si;
            } else if (pi < pe && p[pi] == '_') {
                si += charLength(s[si]);
                pi++;
            } else if (pi < pe && p[pi] == s[si]) {
                si++;
                pi++;
            } else if (starP >= 0) {
                starS += charLength(s[starS]);
                si = starS;
                pi = starP;
            } else {
                return false;
            }
        }
        while (pi < pe && p[pi] == '%') pi++;
        return pi == pe && si == se;
    }

    private static int charLength(byte lead) {
        int b = lead & 0xFF;
        return b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    }

    // ---- characters ----

    private static Column length(Column c) {
        BinaryColumn b = Vectors.bytes(c);
        int n = c.size();
        byte[] d = b.rawData();
        int[] off = b.rawOffsets();
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            int count = 0;
            for (int k = off[i]; k < off[i + 1]; k++) if ((d[k] & 0xC0) != 0x80) count++;
            out[i] = count;
        }
        return new LongColumn(Vectors.NAME, DataType.INT64, out, n, Vectors.nulls(c));
    }

    private static Column substring(Column c, int offset, int length) {
        BinaryColumn b = Vectors.bytes(c);
        int n = c.size();
        byte[] d = b.rawData();
        int[] off = b.rawOffsets();
        Vectors.BytesBuilder out = new Vectors.BytesBuilder(n, Math.min(d.length, n * Math.max(1, length) * 4));
        for (int i = 0; i < n; i++) {
            int s = off[i], e = off[i + 1];
            int k = s;
            for (int skip = 0; skip < offset && k < e; skip++) k += charLength(d[k]);
            int from = Math.min(k, e);
            for (int take = 0; take < length && k < e; take++) k += charLength(d[k]);
            out.add(d, from, Math.min(k, e) - from);
        }
        return out.build(DataType.STRING, Vectors.nulls(c));
    }

    private static Column mapCase(Column c, boolean upper) {
        BinaryColumn b = Vectors.bytes(c);
        int n = c.size();
        byte[] d = b.rawData();
        int[] off = b.rawOffsets();
        Vectors.BytesBuilder out = new Vectors.BytesBuilder(n, d.length + 16);
        for (int i = 0; i < n; i++) {
            int s = off[i], e = off[i + 1];
            boolean ascii = true;
            for (int k = s; k < e && ascii; k++) ascii = d[k] >= 0;
            if (ascii) {
                out.ensure(e - s);
                byte[] o = out.data();
                int at = out.position();
                for (int k = s; k < e; k++) {
                    byte x = d[k];
                    o[at++] = upper ? (x >= 'a' && x <= 'z' ? (byte) (x - 32) : x) : (x >= 'A' && x <= 'Z' ? (byte) (x + 32) : x);
                }
                out.advance(e - s);
            } else {
                String str = new String(d, s, e - s, StandardCharsets.UTF_8);
                StringBuilder sb = new StringBuilder(str.length());
                // One code point to one (DuckDB's simple case mapping): ß upper-cases to ẞ, not "SS".
                str.codePoints().forEach(cp -> sb.appendCodePoint(upper ? (cp == 'ß' ? 'ẞ' : Character.toUpperCase(cp)) : Character.toLowerCase(cp)));
                out.addString(sb.toString());
            }
        }
        return out.build(DataType.STRING, Vectors.nulls(c));
    }
}
