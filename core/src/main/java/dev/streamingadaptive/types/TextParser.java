package dev.streamingadaptive.types;

import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.TimeUnit;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * DuckDB's casts from VARCHAR: text to the stored value of a type. One parser serves both the
 * typer (a string literal compared with a date column must parse) and evaluation ({@code
 * CAST(s AS DATE)} row by row), so what types is what evaluates.
 *
 * <p>Stored values: Boolean; Long for integers (UINT64 as its raw bits), DATE (days), TIME and
 * TIMESTAMP (units of the type since midnight or the epoch, fractions truncated as DuckDB does);
 * Float or Double; BigDecimal at the type's scale (rounded half away from zero); String; byte[]
 * for blobs; UUID.
 */
public final class TextParser {
    private TextParser() {}

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /** Text that is not a value of the target type; the message names the text and the type. */
    public static final class BadTextException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        private final String reason;

        BadTextException(String text, DataType target, String why) {
            super("cannot cast '" + text + "' to " + TypeNames.of(target) + (why == null ? "" : ": " + why));
            this.reason = why;
        }

        /** Why the text is not a value of the type, or null when it is simply not of its form. */
        public String reason() {
            return reason;
        }
    }

    /**
     * {@code text} as a stored value of {@code target} (see the class comment).
     *
     * @throws BadTextException when the text is not such a value or out of its range
     */
    public static Object parse(String text, DataType target) {
        return switch (target.kind()) {
            case BOOLEAN -> bool(text, target);
            case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64 -> integer(text, target);
            case FLOAT16, FLOAT32 -> (float) floating(text, target, true);
            case FLOAT64 -> floating(text, target, false);
            case DECIMAL -> decimal(text, (DataType.Decimal) target);
            case STRING, ENUM, JSON -> text;
            case BINARY, BSON, FIXED_BINARY -> blob(text, target);
            case UUID -> uuid(text, target);
            case DATE -> date(text, target);
            case TIME -> time(text, (DataType.Time) target);
            case TIMESTAMP -> timestamp(text, (DataType.Timestamp) target);
            default -> throw new BadTextException(text, target, "no cast from VARCHAR");
        };
    }

    private static Boolean bool(String s, DataType t) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "y", "1" -> Boolean.TRUE;
            case "false", "f", "no", "n", "0" -> Boolean.FALSE;
            default -> throw new BadTextException(s, t, null);
        };
    }

    private static Long integer(String s, DataType t) {
        BigInteger v = number(s, t).setScale(0, RoundingMode.HALF_UP).toBigInteger();
        if (!IntRanges.fits(v, t)) throw new BadTextException(s, t, "out of range");
        return v.longValue();
    }

    private static BigDecimal number(String s, DataType t) {
        String x = s.strip();
        if (!NUMBER.matcher(x).matches()) throw new BadTextException(s, t, null);
        try {
            return new BigDecimal(x);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadTextException(s, t, null);
        }
    }

    private static double floating(String s, DataType t, boolean single) {
        String x = s.strip().toLowerCase(Locale.ROOT);
        return switch (x) {
            case "nan", "+nan", "-nan" -> Double.NaN;
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> {
                if (!NUMBER.matcher(x).matches()) throw new BadTextException(s, t, null);
                double p = single ? Float.parseFloat(x) : Double.parseDouble(x);
                if (Double.isInfinite(p)) throw new BadTextException(s, t, "out of range");
                yield p;
            }
        };
    }

    private static BigDecimal decimal(String s, DataType.Decimal t) {
        BigDecimal d = number(s, t).setScale(t.scale(), RoundingMode.HALF_UP);
        if (d.unscaledValue().abs().compareTo(BigInteger.TEN.pow(t.precision())) >= 0) throw new BadTextException(s, t, "out of range");
        return d;
    }

    /** DuckDB's VARCHAR → BLOB: ASCII characters as themselves, {@code \xHH} as one byte. */
    private static byte[] blob(String s, DataType t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
                try {
                    out.write(HexFormat.fromHexDigits(s, i + 2, i + 4));
                } catch (IllegalArgumentException e) {
                    throw new BadTextException(s, t, "bad \\x escape in a blob literal");
                }
                i += 3;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                throw new BadTextException(s, t, "non-ASCII characters in a blob literal must be written as \\xHH");
            }
        }
        return out.toByteArray();
    }

    private static UUID uuid(String s, DataType t) {
        String hex = s.strip();
        if (hex.startsWith("{") && hex.endsWith("}")) hex = hex.substring(1, hex.length() - 1);
        hex = hex.replace("-", "");
        if (hex.length() != 32) throw new BadTextException(s, t, null);
        try {
            return new UUID(HexFormat.fromHexDigitsToLong(hex, 0, 16), HexFormat.fromHexDigitsToLong(hex, 16, 32));
        } catch (IllegalArgumentException e) {
            throw new BadTextException(s, t, null);
        }
    }

    // ---- temporal ----

    private static Long date(String s, DataType t) {
        LocalDate d = TemporalText.parseDate(s);
        if (d == null) throw new BadTextException(s, t, "expected a date like 2024-01-31");
        return d.toEpochDay();
    }

    private static Long time(String s, DataType.Time t) {
        LocalTime v = TemporalText.parseTime(s);
        if (v == null) throw new BadTextException(s, t, "expected a time like 09:30:00[.123456]");
        return v.toNanoOfDay() / (1_000_000_000L / t.unit().perSecond);
    }

    private static Long timestamp(String s, DataType.Timestamp t) {
        TemporalText.Stamp st = TemporalText.parseTimestamp(s);
        if (st == null) throw new BadTextException(s, t, "expected a timestamp like 2024-01-31 09:30:00[.123456]");
        // DuckDB's ±infinity: the largest (smallest) value.
        if (st.special()) return st.infinity() > 0 ? Long.MAX_VALUE : -Long.MAX_VALUE;
        // DuckDB ignores an offset when casting to a TIMESTAMP without time zone; strings without one are UTC.
        LocalDateTime utc = t.utcAdjusted() && st.zone() != null
                ? LocalDateTime.ofInstant(st.local().atZone(st.zone()).toInstant(), ZoneOffset.UTC) : st.local();
        long seconds = utc.toEpochSecond(ZoneOffset.UTC);
        long nanos = utc.getNano();
        try {
            return switch (t.unit()) {
                case MILLIS -> Math.addExact(Math.multiplyExact(seconds, 1000L), nanos / 1_000_000L);
                case MICROS -> Math.addExact(Math.multiplyExact(seconds, 1_000_000L), nanos / 1000L);
                case NANOS -> Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
            };
        } catch (ArithmeticException e) {
            throw new BadTextException(s, t, "out of range");
        }
    }

    /** Unit conversion helper for callers: units per second of a time unit. */
    static long perSecond(TimeUnit u) {
        return u.perSecond;
    }
}
