package dev.streamingadaptive.text;

import java.nio.charset.StandardCharsets;

/**
 * Typed values from UTF-8 text, without building strings on the common paths: the casts both
 * the CSV and the NDJSON readers use, with DuckDB's rules (numbers may carry surrounding spaces;
 * booleans are true/false/t/f/yes/no in any case; dates {@code YYYY-MM-DD}; times {@code HH:MM:SS[.f]};
 * timestamps a date, {@code ' '} or {@code 'T'}, a time and an optional zone {@code Z},
 * {@code +HH}, {@code +HH:MM}, {@code +HHMM}).
 *
 * <p>Each parser returns a sentinel when the text is not of its type: {@link #NOT_LONG},
 * {@link #NOT_DATE}, {@link #NOT_TIME}; doubles and timestamps report through {@link #ok}-style
 * out parameters where every bit pattern is a value.
 */
public final class TextValues {
    private TextValues() {}

    /** {@link #parseLong} of text that is not an integer (the integer of the same value is checked by {@link #isMinLong}). */
    public static final long NOT_LONG = Long.MIN_VALUE;
    /** {@link #parseDate} of text that is not a date. */
    public static final int NOT_DATE = Integer.MIN_VALUE;
    /** {@link #parseTime} and {@link #parseTimestamp} of text that is not of their type. */
    public static final long NOT_TIME = Long.MIN_VALUE;

    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
            1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private static boolean space(byte c) {
        return c == ' ' || c == '\t';
    }

    /** {@code from} advanced past leading spaces. */
    static int trimStart(byte[] b, int from, int to) {
        while (from < to && space(b[from])) from++;
        return from;
    }

    /** {@code to} moved back before trailing spaces. */
    static int trimEnd(byte[] b, int from, int to) {
        while (to > from && space(b[to - 1])) to--;
        return to;
    }

    /**
     * Whether a number's text is one DuckDB's sniffer takes for a number: no '+' sign and no
     * leading zero before another digit ({@code 007} and {@code +5} are text to it, though its
     * casts read them; so a column typed by inference keeps codes like zip codes intact).
     */
    public static boolean plainNumber(byte[] b, int from, int to) {
        from = trimStart(b, from, to);
        to = trimEnd(b, from, to);
        if (from == to || b[from] == '+') return false;
        int i = b[from] == '-' ? from + 1 : from;
        return !(i + 1 < to && b[i] == '0' && b[i + 1] >= '0' && b[i + 1] <= '9');
    }

    /** A decimal integer with an optional sign, or {@link #NOT_LONG}. */
    public static long parseLong(byte[] b, int from, int to) {
        from = trimStart(b, from, to);
        to = trimEnd(b, from, to);
        if (from == to) return NOT_LONG;
        boolean negative = b[from] == '-';
        int i = negative || b[from] == '+' ? from + 1 : from;
        while (i < to - 1 && b[i] == '0') i++;
        if (i == to || to - i > 19) return NOT_LONG;
        long v = 0;
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) return NOT_LONG;
            v = v * 10 + d;
        }
        // Up to 18 digits cannot overflow; 19 may, which shows as a wrap below zero (the largest
        // 19-digit number is under 2^64). Long.MIN_VALUE itself: see isMinLong.
        if (v < 0) return NOT_LONG;
        return negative ? -v : v;
    }

    /** Whether the text is exactly {@code -9223372036854775808} (the one integer equal to {@link #NOT_LONG}). */
    public static boolean isMinLong(byte[] b, int from, int to) {
        from = trimStart(b, from, to);
        to = trimEnd(b, from, to);
        byte[] min = {'-', '9', '2', '2', '3', '3', '7', '2', '0', '3', '6', '8', '5', '4', '7', '7', '5', '8', '0', '8'};
        if (to - from != min.length) return false;
        for (int i = 0; i < min.length; i++) if (b[from + i] != min[i]) return false;
        return true;
    }

    /**
     * A decimal or scientific number, {@code nan}, {@code inf}, {@code infinity} (any case, signed),
     * into {@code out[0]}; false when the text is not a number.
     */
    public static boolean parseDouble(byte[] b, int from, int to, double[] out) {
        from = trimStart(b, from, to);
        to = trimEnd(b, from, to);
        if (from == to) return false;
        int i = from;
        boolean negative = false;
        if (b[i] == '-' || b[i] == '+') {
            negative = b[i] == '-';
            i++;
        }
        // Fast path: up to 18 digits with an optional point and no exponent is m / 10^k, exact
        // operands and one correctly rounded division.
        long m = 0;
        int digits = 0, scale = -1;
        int j = i;
        for (; j < to; j++) {
            byte c = b[j];
            if (c >= '0' && c <= '9') {
                m = m * 10 + (c - '0');
                if (++digits > 18) break;
                if (scale >= 0) scale++;
            } else if (c == '.' && scale < 0) {
                scale = 0;
            } else {
                break;
            }
        }
        if (j == to && digits > 0 && digits <= 18 && (scale <= 0 || scale <= 22) && m < (1L << 53)) {
            double v = scale <= 0 ? m : m / POW10[scale];
            out[0] = negative ? -v : v;
            return true;
        }
        return slowDouble(b, from, to, i, negative, out);
    }

    private static boolean slowDouble(byte[] b, int from, int to, int unsigned, boolean negative, double[] out) {
        int n = to - unsigned;
        if (n == 3 && matches(b, unsigned, "nan")) {
            out[0] = Double.NaN;
            return true;
        }
        if ((n == 3 && matches(b, unsigned, "inf")) || (n == 8 && matches(b, unsigned, "infinity"))) {
            out[0] = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            return true;
        }
        boolean digit = false;
        for (int i = unsigned; i < to; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') digit = true;
            else if (c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-') return false;
        }
        if (!digit) return false;
        try {
            out[0] = Double.parseDouble(new String(b, from, to - from, StandardCharsets.US_ASCII));
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean matches(byte[] b, int at, String lower) {
        for (int k = 0; k < lower.length(); k++) if ((b[at + k] | 0x20) != lower.charAt(k)) return false;
        return true;
    }

    /** 1 for true, 0 for false, -1 for text that is not a boolean. */
    public static int parseBoolean(byte[] b, int from, int to) {
        from = trimStart(b, from, to);
        to = trimEnd(b, from, to);
        int n = to - from;
        if (n == 4 && matches(b, from, "true")) return 1;
        if (n == 5 && matches(b, from, "false")) return 0;
        if (n == 1) {
            int c = b[from] | 0x20;
            if (c == 't') return 1;
            if (c == 'f') return 0;
        }
        if (n == 3 && matches(b, from, "yes")) return 1;
        if (n == 2 && matches(b, from, "no")) return 0;
        return -1;
    }

    /** Days since 1970-01-01 of {@code YYYY-MM-DD} (month and day of one or two digits), or {@link #NOT_DATE}. */
    public static int parseDate(byte[] b, int from, int to) {
        from = trimStart(b, from, to);
        to = trimEnd(b, from, to);
        long r = date(b, from, to);
        return r < 0 || endOf(r) != to ? NOT_DATE : daysOf(r);
    }

    // A parsed prefix packs (end index << 32) | (days + 2^31), or -1.
    private static long date(byte[] b, int from, int to) {
        int i = from;
        boolean negative = i < to && b[i] == '-';
        if (negative) i++;
        int year = 0, yd = 0;
        while (i < to && b[i] >= '0' && b[i] <= '9' && yd < 6) {
            year = year * 10 + (b[i++] - '0');
            yd++;
        }
        if (yd < 4 || i >= to || b[i] != '-') return -1;
        if (negative) year = -year;
        int month = 0, md = 0;
        i++;
        while (i < to && b[i] >= '0' && b[i] <= '9' && md < 2) {
            month = month * 10 + (b[i++] - '0');
            md++;
        }
        if (md == 0 || i >= to || b[i] != '-') return -1;
        int day = 0, dd = 0;
        i++;
        while (i < to && b[i] >= '0' && b[i] <= '9' && dd < 2) {
            day = day * 10 + (b[i++] - '0');
            dd++;
        }
        if (dd == 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return -1;
        long days = epochDay(year, month, day);
        return ((long) i << 32) | (days + (1L << 31));
    }

    private static int endOf(long packed) { return (int) (packed >>> 32); }
    private static int daysOf(long packed) { return (int) ((packed & 0xFFFF_FFFFL) - (1L << 31)); }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse). */
    static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    /** Microseconds since midnight of {@code HH:MM:SS[.fraction]}, or {@link #NOT_TIME}. */
    public static long parseTime(byte[] b, int from, int to) {
        from = trimStart(b, from, to);
        to = trimEnd(b, from, to);
        long t = time(b, from, to);
        return t < 0 || timeEnd(b, from, to) != to ? NOT_TIME : t;
    }

    /** Micros of a time at {@code [from, ...)} (it ends at {@link #timeEnd}); -1 when there is none. */
    private static long time(byte[] b, int from, int to) {
        if (to - from < 8) return -1;
        int h = two(b, from), m = two(b, from + 3), s = two(b, from + 6);
        if (h < 0 || m < 0 || s < 0 || b[from + 2] != ':' || b[from + 5] != ':' || h > 24 || m > 59 || s > 60) return -1;
        long micros = ((h * 60L + m) * 60 + s) * 1_000_000L;
        int i = from + 8;
        if (i < to && b[i] == '.') {
            i++;
            int digits = 0;
            long frac = 0;
            while (i < to) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) break;
                if (digits < 6) frac = frac * 10 + d;
                digits++;
                i++;
            }
            if (digits == 0) return -1;
            if (digits < 6) frac *= POW10_LONG[6 - digits];
            micros += frac;
        }
        return micros > MICROS_PER_DAY ? -1 : micros;
    }

    /** Where a time that {@link #time} read at {@code from} ends: after the seconds and any fraction digits. */
    private static int timeEnd(byte[] b, int from, int to) {
        int i = from + 8;
        if (i < to && b[i] == '.') {
            i++;
            while (i < to && b[i] >= '0' && b[i] <= '9') i++;
        }
        return i;
    }

    private static final long[] POW10_LONG = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    private static int two(byte[] b, int at) {
        int a = b[at] - '0', c = b[at + 1] - '0';
        return a < 0 || a > 9 || c < 0 || c > 9 ? -1 : a * 10 + c;
    }

    /**
     * Microseconds since 1970-01-01T00:00 of a date with an optional time and zone; the zone, when
     * present, is applied (the result is UTC) and {@code zoned[0]} set to true; {@link #NOT_TIME}
     * when the text is not a timestamp.
     */
    public static long parseTimestamp(byte[] b, int from, int to, boolean[] zoned) {
        from = trimStart(b, from, to);
        to = trimEnd(b, from, to);
        zoned[0] = false;
        long day;
        int i;
        int y = to - from >= 19 && b[from + 4] == '-' && b[from + 7] == '-' && (b[from + 10] == ' ' || b[from + 10] == 'T')
                ? four(b, from) : -1;
        if (y >= 0) {
            // The common layout, YYYY-MM-DD then a time: the date read at fixed positions.
            int mo = two(b, from + 5), d = two(b, from + 8);
            if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return NOT_TIME;
            day = epochDay(y, mo, d);
            i = from + 10;
        } else {
            long packed = date(b, from, to);
            if (packed < 0) return NOT_TIME;
            i = endOf(packed);
            day = daysOf(packed);
            if (i == to) return day * MICROS_PER_DAY;
            if (b[i] != ' ' && b[i] != 'T') return NOT_TIME;
        }
        long t = time(b, i + 1, to);
        if (t < 0) return NOT_TIME;
        long micros = day * MICROS_PER_DAY + t;
        i = timeEnd(b, i + 1, to);
        if (i < to && b[i] == ' ') i++;
        if (i == to) return micros;
        if (b[i] == 'Z' && i + 1 == to) {
            zoned[0] = true;
            return micros;
        }
        if (b[i] != '+' && b[i] != '-') return NOT_TIME;
        int sign = b[i] == '-' ? -1 : 1;
        int n = to - i - 1;
        int oh, om = 0;
        if (n == 2) {
            oh = two(b, i + 1);
        } else if (n == 5 && b[i + 3] == ':') {
            oh = two(b, i + 1);
            om = two(b, i + 4);
        } else if (n == 4) {
            oh = two(b, i + 1);
            om = two(b, i + 3);
        } else {
            return NOT_TIME;
        }
        if (oh < 0 || om < 0 || oh > 23 || om > 59) return NOT_TIME;
        zoned[0] = true;
        return micros - sign * (oh * 3600L + om * 60L) * 1_000_000L;
    }

    private static int four(byte[] b, int at) {
        int hi = two(b, at), lo = two(b, at + 2);
        return hi < 0 || lo < 0 ? -1 : hi * 100 + lo;
    }
}
