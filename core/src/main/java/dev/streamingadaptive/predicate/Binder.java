package dev.streamingadaptive.predicate;

import dev.streamingadaptive.types.TemporalText;
import dev.streamingadaptive.types.TextParser;
import dev.streamingadaptive.types.TypeNames;

import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.frame.TimeUnit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Converts predicate literals to the value representation of the column they are compared with,
 * following DuckDB's implicit casts in comparisons, so that evaluation and statistics pruning
 * compare like with like:
 *
 * <ul>
 *   <li>integer columns (signed and unsigned): integer and decimal literals stay exact (Long,
 *       BigInteger, BigDecimal), a double literal compares as double; a string literal is cast to
 *       the column type (rounded half away from zero, out of range is an error);</li>
 *   <li>DECIMAL: integer and decimal literals stay exact whatever their scale; a string is cast to
 *       the column's scale (rounded half away from zero), as DuckDB does;</li>
 *   <li>FLOAT/FLOAT16 and DOUBLE: integer and decimal literals become the column's float type with
 *       DuckDB's cast (so {@code f = 0.1} matches the float 0.1); a double literal stays double;
 *       strings may be numbers, nan or inf;</li>
 *   <li>DATE, TIME, TIMESTAMP (every unit, local or UTC-adjusted): typed literals and strings become
 *       LocalDate, LocalTime, LocalDateTime or Instant; fractions are truncated to microseconds
 *       (nanoseconds for NANOS columns); a string's offset counts only for UTC-adjusted columns;
 *       strings without one are UTC;</li>
 *   <li>strings with VARCHAR/ENUM/JSON, booleans (or 'true'/'f'/...) with BOOLEAN, strings with
 *       {@code \xHH} escapes with blobs, UUID text with UUID columns.</li>
 * </ul>
 * Anything else, nested columns and INTERVAL columns are a {@link PredicateBindingException}.
 */
final class Binder {
    private Binder() {}

    private static final int MAX_LISTED_COLUMNS = 40;
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern HEX = Pattern.compile("([+-]?)0[xX]([0-9a-fA-F]+)");

    /** The top-level field named {@code column}; PredicateBindingException listing the columns otherwise. */
    static Field field(Schema schema, String column) {
        int i = schema.indexOf(column);
        if (i >= 0) return schema.fields().get(i);
        List<String> names = schema.names();
        StringBuilder sb = new StringBuilder("unknown column '").append(column).append("' in --where; columns: ");
        for (int k = 0; k < names.size() && k < MAX_LISTED_COLUMNS; k++) sb.append(k > 0 ? ", " : "").append(names.get(k));
        if (names.size() > MAX_LISTED_COLUMNS) sb.append(", … (").append(names.size() - MAX_LISTED_COLUMNS).append(" more)");
        String near = nearest(column, names);
        if (near != null) sb.append("; did you mean '").append(near).append("'?");
        return throwing(sb.toString());
    }

    private static Field throwing(String message) {
        throw new PredicateBindingException(message);
    }

    /** The field of a column compared with literals: nested columns are rejected. */
    static Field comparable(Schema schema, String column) {
        Field f = field(schema, column);
        if (f.type().isNested()) {
            throw new PredicateBindingException("cannot filter on column " + f.name() + " (" + typeName(f.type())
                    + "): nested columns (list, struct, map) cannot be compared with a literal");
        }
        return f;
    }

    /** {@code literal} converted for comparisons with column {@code f}. */
    static Object literal(Field f, Object literal) {
        DataType t = f.type();
        Object out = switch (t.kind()) {
            case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64 -> integer(f, literal);
            case DECIMAL -> decimal(f, (DataType.Decimal) t, literal);
            case FLOAT16, FLOAT32 -> floating(f, literal, true);
            case FLOAT64 -> floating(f, literal, false);
            case BOOLEAN -> bool(f, literal);
            case STRING, ENUM, JSON -> literal instanceof String ? literal : null;
            case BINARY, BSON, FIXED_BINARY -> literal instanceof byte[] ? literal : literal instanceof String s ? text(f, s) : null;
            case UUID -> literal instanceof UUID ? literal : literal instanceof String s ? text(f, s) : null;
            case DATE -> date(f, literal);
            case TIME -> time(f, (DataType.Time) t, literal);
            case TIMESTAMP -> timestamp(f, (DataType.Timestamp) t, literal);
            case INTERVAL -> throw incompatible(f, literal, "comparisons with INTERVAL columns are not supported");
            case LIST, STRUCT, MAP -> throw new PredicateBindingException("cannot filter on column " + f.name() + " ("
                    + typeName(t) + "): nested columns (list, struct, map) cannot be compared with a literal");
        };
        if (out == null) throw incompatible(f, literal, null);
        return out;
    }

    // ---- numbers ----

    private static Object integer(Field f, Object lit) {
        if (lit instanceof BigDecimal d) return wideDecimal(d);
        if (lit instanceof Number n) return n instanceof Float x ? (Object) (double) x : n;
        if (!(lit instanceof String s)) return null;
        BigDecimal d = parseNumber(f, s);
        BigInteger v = d.setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
        BigInteger[] range = range(f.type().kind());
        if (v.compareTo(range[0]) < 0 || v.compareTo(range[1]) > 0) {
            throw incompatible(f, lit, "out of range for " + typeName(f.type()));
        }
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private static Object decimal(Field f, DataType.Decimal t, Object lit) {
        if (lit instanceof BigDecimal d) return wideDecimal(d);
        if (lit instanceof Number n) return n instanceof Float x ? (Object) (double) x : n;
        if (!(lit instanceof String s)) return null;
        BigDecimal d = parseNumber(f, s).setScale(t.scale(), RoundingMode.HALF_UP);
        if (d.unscaledValue().abs().compareTo(BigInteger.TEN.pow(t.precision())) >= 0) {
            throw incompatible(f, lit, "out of range for " + typeName(t));
        }
        return d;
    }

    /** DuckDB types a decimal literal wider than 38 digits as DOUBLE. */
    private static Object wideDecimal(BigDecimal d) {
        return Math.max(d.precision(), d.scale()) > 38 ? (Object) d.doubleValue() : d;
    }

    private static Object floating(Field f, Object lit, boolean single) {
        // A double literal keeps DuckDB's DOUBLE comparison even with a FLOAT column.
        if (lit instanceof Double) return lit;
        if (lit instanceof Float x) return single ? (Object) x : (Object) (double) x;
        if (lit instanceof BigDecimal d) {
            Object w = wideDecimal(d);
            if (w instanceof Double) return w;
            return single ? (Object) NumericCasts.decimalToFloat(d) : (Object) NumericCasts.decimalToDouble(d);
        }
        if (lit instanceof Number n) {
            return single ? (Object) NumericCasts.integerToFloat(n) : (Object) NumericCasts.hugeintToDouble(Values.toBig(n));
        }
        if (!(lit instanceof String s)) return null;
        String x = s.strip().toLowerCase(Locale.ROOT);
        double v = switch (x) {
            case "nan", "+nan", "-nan" -> Double.NaN;
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> {
                if (!NUMBER.matcher(x).matches()) throw incompatible(f, lit, null);
                double p = single ? Float.parseFloat(x) : Double.parseDouble(x);
                if (Double.isInfinite(p)) throw incompatible(f, lit, "out of range for " + typeName(f.type()));
                yield p;
            }
        };
        return single ? (Object) (float) v : (Object) v;
    }

    private static BigDecimal parseNumber(Field f, String s) {
        String x = s.strip();
        var hex = HEX.matcher(x);
        if (hex.matches()) {
            BigInteger v = new BigInteger(hex.group(2), 16);
            return new BigDecimal(hex.group(1).equals("-") ? v.negate() : v);
        }
        if (!NUMBER.matcher(x).matches()) throw incompatible(f, s, null);
        try {
            return new BigDecimal(x);
        } catch (NumberFormatException | ArithmeticException e) {
            throw incompatible(f, s, null);
        }
    }

    private static BigInteger[] range(DataType.Kind k) {
        return switch (k) {
            case INT8 -> new BigInteger[] {BigInteger.valueOf(Byte.MIN_VALUE), BigInteger.valueOf(Byte.MAX_VALUE)};
            case INT16 -> new BigInteger[] {BigInteger.valueOf(Short.MIN_VALUE), BigInteger.valueOf(Short.MAX_VALUE)};
            case INT32 -> new BigInteger[] {BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE)};
            case INT64 -> new BigInteger[] {BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE)};
            case UINT8 -> new BigInteger[] {BigInteger.ZERO, BigInteger.valueOf(0xFF)};
            case UINT16 -> new BigInteger[] {BigInteger.ZERO, BigInteger.valueOf(0xFFFF)};
            case UINT32 -> new BigInteger[] {BigInteger.ZERO, BigInteger.valueOf(0xFFFF_FFFFL)};
            default -> new BigInteger[] {BigInteger.ZERO, BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)};
        };
    }

    // ---- booleans, blobs, uuids ----

    private static Object bool(Field f, Object lit) {
        if (lit instanceof Boolean) return lit;
        return lit instanceof String s ? text(f, s) : null;
    }

    /** A string literal cast to the column's type as DuckDB casts VARCHAR (the one reading of text, TextParser). */
    private static Object text(Field f, String s) {
        try {
            return TextParser.parse(s, f.type());
        } catch (TextParser.BadTextException e) {
            throw incompatible(f, s, e.reason());
        }
    }

    // ---- temporal ----

    private static Object date(Field f, Object lit) {
        if (lit instanceof LocalDate || lit instanceof LocalDateTime || lit instanceof Instant) return lit;
        if (!(lit instanceof String s)) return null;
        LocalDate d = TemporalText.parseDate(s);
        if (d == null) throw incompatible(f, lit, "expected a date like 2024-01-31");
        return d;
    }

    private static Object time(Field f, DataType.Time t, Object lit) {
        LocalTime v;
        if (lit instanceof LocalTime lt) {
            v = lt;
        } else if (lit instanceof String s) {
            v = TemporalText.parseTime(s);
            if (v == null) throw incompatible(f, lit, "expected a time like 09:30:00[.123456]");
        } else {
            return null;
        }
        return v.truncatedTo(t.unit() == TimeUnit.NANOS ? ChronoUnit.NANOS : ChronoUnit.MICROS);
    }

    private static Object timestamp(Field f, DataType.Timestamp t, Object lit) {
        ChronoUnit precision = t.unit() == TimeUnit.NANOS ? ChronoUnit.NANOS : ChronoUnit.MICROS;
        if (lit instanceof String s) {
            TemporalText.Stamp st = TemporalText.parseTimestamp(s);
            if (st == null) throw incompatible(f, lit, "expected a timestamp like 2024-01-31 09:30:00[.123456]");
            if (st.special()) {
                // DuckDB's ±infinity: the largest (smallest) value of the column's unit.
                long units = st.infinity() > 0 ? Long.MAX_VALUE : -Long.MAX_VALUE;
                Instant i = t.unit() == TimeUnit.NANOS ? Instant.ofEpochSecond(Math.floorDiv(units, 1_000_000_000L), Math.floorMod(units, 1_000_000_000L))
                        : Instant.ofEpochSecond(Math.floorDiv(units, 1_000_000L), Math.floorMod(units, 1_000_000L) * 1000);
                return t.utcAdjusted() ? i : LocalDateTime.ofInstant(i, ZoneOffset.UTC);
            }
            if (t.utcAdjusted()) {
                Instant i = st.local().atZone(st.zone() == null ? ZoneOffset.UTC : st.zone()).toInstant();
                return i.truncatedTo(precision);
            }
            // DuckDB ignores an offset when casting a string to a TIMESTAMP without time zone.
            return st.local().truncatedTo(precision);
        }
        if (lit instanceof LocalDate d) return t.utcAdjusted() ? d.atStartOfDay().toInstant(ZoneOffset.UTC) : d.atStartOfDay();
        if (lit instanceof LocalDateTime ldt) return t.utcAdjusted() ? ldt.toInstant(ZoneOffset.UTC) : ldt;
        if (lit instanceof Instant i) return t.utcAdjusted() ? i : LocalDateTime.ofInstant(i, ZoneOffset.UTC);
        return null;
    }

    // ---- messages ----

    static PredicateBindingException incompatible(Field f, Object literal, String why) {
        return new PredicateBindingException("cannot compare column " + f.name() + " (" + typeName(f.type()) + ") with "
                + describe(literal) + (why == null ? "" : ": " + why));
    }

    /** DuckDB's name of a type, as users see it in DESCRIBE (a fixed-size blob says its size). */
    static String typeName(DataType t) {
        return t instanceof DataType.FixedBinary x ? "BLOB (fixed " + x.length() + " bytes)" : TypeNames.of(t);
    }

    /** A literal as written, with its kind: {@code 'abc' (string)}, {@code 5 (integer)}, ... */
    static String describe(Object lit) {
        return switch (lit) {
            case String s -> "'" + s.replace("'", "''") + "' (string)";
            case BigDecimal d -> d.toPlainString() + " (decimal)";
            case Double d -> d + " (double)";
            case Float d -> d + " (float)";
            case Number n -> n + " (integer)";
            case Boolean b -> b + " (boolean)";
            case LocalDate d -> "DATE '" + d + "' (date)";
            case LocalDateTime d -> "TIMESTAMP '" + d.toString().replace('T', ' ') + "' (timestamp)";
            case Instant i -> "TIMESTAMPTZ '" + i + "' (timestamp with time zone)";
            case LocalTime t -> "TIME '" + t + "' (time)";
            case byte[] b -> "x'" + HexFormat.of().formatHex(b) + "' (blob)";
            case UUID u -> "'" + u + "' (uuid)";
            default -> lit + " (" + lit.getClass().getSimpleName() + ")";
        };
    }

    /** The column whose name is closest (case-insensitively equal or within two edits), or null. */
    private static String nearest(String column, List<String> names) {
        String best = null;
        int bestDistance = 3;
        for (String n : names) {
            if (n.equalsIgnoreCase(column)) return n;
            int d = distance(column.toLowerCase(Locale.ROOT), n.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = n;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 2) return 3;
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] tmp = prev;
            prev = cur;
            cur = tmp;
        }
        return prev[b.length()];
    }
}
