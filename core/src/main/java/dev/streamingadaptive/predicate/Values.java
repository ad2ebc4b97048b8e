package dev.streamingadaptive.predicate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

/**
 * Compares column values (as {@link dev.streamingadaptive.frame.Column#get} boxes them) with
 * literals the way DuckDB, our oracle, compares them: integers and decimals of any width exactly
 * (so UINT64 above 2^63 and DECIMAL(38) keep every digit), a float or double against anything
 * numeric as doubles (decimals converted as DuckDB casts them), strings in UTF-8 byte (code point)
 * order, booleans with false first, blobs and UUIDs as unsigned bytes, and dates, timestamps and
 * instants on one time line (UTC). Incomparable kinds are a clear error naming both.
 */
final class Values {
    private Values() {}

    /**
     * Negative, zero or positive like compareTo. NaN sorts above every number and equals NaN, and
     * -0.0 equals 0.0, as in DuckDB; null is returned only for values that have no order.
     */
    static Integer compare(Object value, Object literal) {
        if (value instanceof Long a && literal instanceof Long b) return Long.compare(a, b);
        if (value instanceof String a && literal instanceof String b) return compareStrings(a, b);
        if (value instanceof Number a && literal instanceof Number b) return compareNumbers(a, b);
        if (value instanceof Boolean a && literal instanceof Boolean b) return Boolean.compare(a, b);
        if (value instanceof byte[] a && literal instanceof byte[] b) return Integer.signum(Arrays.compareUnsigned(a, b));
        if (value instanceof UUID a && literal instanceof UUID b) return compareUuids(a, b);
        if (isTimeLine(value) && isTimeLine(literal) && value.getClass() != literal.getClass()) {
            return Integer.signum(onTimeLine(value).compareTo(onTimeLine(literal)));
        }
        if (value instanceof Comparable<?> && value.getClass() == literal.getClass()) {
            @SuppressWarnings("unchecked")
            Comparable<Object> c = (Comparable<Object>) value;
            return Integer.signum(c.compareTo(literal));
        }
        throw new IllegalArgumentException("cannot compare a " + value.getClass().getSimpleName() + " value with the literal "
                + literal + " (" + literal.getClass().getSimpleName() + ")");
    }

    /** Code point order, which is UTF-8 byte order (DuckDB's), unlike String.compareTo's UTF-16 order. */
    static int compareStrings(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                // Surrogates (U+D800–DFFF, supplementary code points) must sort above U+E000–FFFF.
                if (x >= 0xD800 && y >= 0xD800) return Integer.signum(fixUp(x) - fixUp(y));
                return x < y ? -1 : 1;
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static int fixUp(char c) {
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }

    private static int compareUuids(UUID a, UUID b) {
        int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        if (c == 0) c = Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
        return Integer.signum(c);
    }

    private static int compareNumbers(Number a, Number b) {
        if (isExact(a) && isExact(b)) {
            if (isIntegral(a) && isIntegral(b)) {
                if (!(a instanceof BigInteger) && !(b instanceof BigInteger)) return Long.compare(a.longValue(), b.longValue());
                return toBig(a).compareTo(toBig(b));
            }
            return Integer.signum(toDecimal(a).compareTo(toDecimal(b)));
        }
        double x = toDouble(a);
        double y = toDouble(b);
        if (Double.isNaN(x) || Double.isNaN(y)) return Boolean.compare(Double.isNaN(x), Double.isNaN(y));
        return x == y ? 0 : x < y ? -1 : 1;
    }

    /** The double DuckDB compares a number as when the other side is FLOAT or DOUBLE. */
    static double toDouble(Number n) {
        if (n instanceof BigDecimal d) return NumericCasts.decimalToDouble(d);
        if (n instanceof BigInteger b) return NumericCasts.hugeintToDouble(b);
        return n.doubleValue();
    }

    static boolean isExact(Number n) {
        return isIntegral(n) || n instanceof BigDecimal;
    }

    static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte || n instanceof BigInteger;
    }

    static BigInteger toBig(Number n) {
        return n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
    }

    private static BigDecimal toDecimal(Number n) {
        return n instanceof BigDecimal d ? d : new BigDecimal(toBig(n));
    }

    private static boolean isTimeLine(Object o) {
        return o instanceof LocalDate || o instanceof LocalDateTime || o instanceof Instant;
    }

    /** Dates are midnight and local timestamps UTC, as DuckDB casts DATE and TIMESTAMP up (TimeZone UTC). */
    private static Instant onTimeLine(Object o) {
        if (o instanceof Instant i) return i;
        if (o instanceof LocalDateTime t) return t.toInstant(ZoneOffset.UTC);
        return ((LocalDate) o).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
