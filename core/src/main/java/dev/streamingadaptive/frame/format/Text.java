package dev.streamingadaptive.frame.format;

import dev.streamingadaptive.frame.TimeUnit;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/** Allocation-light text helpers shared by the formatters: dates, times, decimals, base64, JSON strings. */
final class Text {
    private Text() {}

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
    private static final long SECONDS_PER_DAY = 86_400L;

    // ------------------------------------------------------------------ dates and times

    /** Appends the ISO date of this epoch day, years formatted as java.time does ({@code +12345}, {@code -0001}). */
    static void appendDate(StringBuilder sb, long epochDay) {
        // Howard Hinnant's civil_from_days, in longs.
        long z = epochDay + 719_468L;
        long era = Math.floorDiv(z, 146_097L);
        long doe = z - era * 146_097L;                                   // [0, 146096]
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);              // [0, 365]
        long mp = (5 * doy + 2) / 153;                                   // [0, 11]
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        if (m <= 2) y++;
        appendYear(sb, y);
        sb.append('-');
        pad2(sb, m);
        sb.append('-');
        pad2(sb, d);
    }

    /** java.time.LocalDate's year rendering. */
    private static void appendYear(StringBuilder sb, long y) {
        long abs = Math.abs(y);
        if (abs < 1000) {
            if (y < 0) sb.append('-');
            if (abs < 10) sb.append("000");
            else if (abs < 100) sb.append("00");
            else sb.append('0');
            sb.append(abs);
        } else {
            if (y > 9999) sb.append('+');
            sb.append(y);
        }
    }

    /** Appends {@code HH:MM:SS.fff…} for a count of {@code unit} since midnight, always with the unit's fraction digits. */
    static void appendTime(StringBuilder sb, long value, TimeUnit unit) {
        long seconds = Math.floorDiv(value, unit.perSecond);
        long frac = Math.floorMod(value, unit.perSecond);
        appendClock(sb, seconds);
        appendFraction(sb, frac, unit.fractionDigits);
    }

    /** Appends {@code YYYY-MM-DDTHH:MM:SS.fff…} (plus {@code Z} when UTC-adjusted) for a count of {@code unit} since the epoch. */
    static void appendTimestamp(StringBuilder sb, long value, TimeUnit unit, boolean utc) {
        appendTimestamp(sb, value, unit, utc, null);
    }

    /**
     * As {@link #appendTimestamp(StringBuilder, long, TimeUnit, boolean)}, reusing the date text of
     * the previous call on the same {@code cache} when the day is the same (rows are often sorted).
     */
    static void appendTimestamp(StringBuilder sb, long value, TimeUnit unit, boolean utc, DayCache cache) {
        long seconds = Math.floorDiv(value, unit.perSecond);
        long frac = Math.floorMod(value, unit.perSecond);
        long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
        if (cache == null) {
            appendDate(sb, day);
        } else {
            if (cache.text == null || cache.day != day) {
                StringBuilder d = new StringBuilder(12);
                appendDate(d, day);
                cache.text = d.toString();
                cache.day = day;
            }
            sb.append(cache.text);
        }
        sb.append('T');
        appendClock(sb, Math.floorMod(seconds, SECONDS_PER_DAY));
        appendFraction(sb, frac, unit.fractionDigits);
        if (utc) sb.append('Z');
    }

    private static void appendClock(StringBuilder sb, long secondOfDay) {
        long h = Math.floorDiv(secondOfDay, 3600);
        long rest = Math.floorMod(secondOfDay, 3600);
        if (h >= 0 && h < 10) sb.append('0');
        sb.append(h).append(':');
        pad2(sb, (int) (rest / 60));
        sb.append(':');
        pad2(sb, (int) (rest % 60));
    }

    private static void appendFraction(StringBuilder sb, long frac, int digits) {
        sb.append('.');
        int start = sb.length();
        sb.setLength(start + digits);
        for (int k = start + digits - 1; k >= start; k--) {
            sb.setCharAt(k, (char) ('0' + frac % 10));
            frac /= 10;
        }
    }

    /** The date text of the last day formatted (one per encoder; not thread-safe). */
    static final class DayCache {
        long day;
        String text;
    }

    private static void pad2(StringBuilder sb, int v) {
        if (v < 10) sb.append('0');
        sb.append(v);
    }

    // ------------------------------------------------------------------ numbers

    /** Appends {@code unscaled × 10^-scale} exactly, with exactly {@code scale} fraction digits. */
    static void appendDecimal(StringBuilder sb, long unscaled, int scale) {
        if (scale <= 0 || unscaled == Long.MIN_VALUE) {
            sb.append(BigDecimal.valueOf(unscaled, scale).toPlainString());
            return;
        }
        if (unscaled < 0) {
            sb.append('-');
            unscaled = -unscaled;
        }
        String digits = Long.toString(unscaled);
        int intLen = digits.length() - scale;
        if (intLen <= 0) {
            sb.append("0.");
            for (int k = intLen; k < 0; k++) sb.append('0');
            sb.append(digits);
        } else {
            sb.append(digits, 0, intLen).append('.').append(digits, intLen, digits.length());
        }
    }

    static void jsonFloat(StringBuilder sb, float f) {
        if (Float.isFinite(f)) sb.append(Float.toString(f));
        else sb.append('"').append(nonFinite(f)).append('"');
    }

    static void textFloat(StringBuilder sb, float f) {
        if (Float.isFinite(f)) sb.append(Float.toString(f));
        else sb.append(nonFinite(f));
    }

    static void jsonDouble(StringBuilder sb, double d) {
        if (Double.isFinite(d)) sb.append(Double.toString(d));
        else sb.append('"').append(nonFinite(d)).append('"');
    }

    static void textDouble(StringBuilder sb, double d) {
        if (Double.isFinite(d)) sb.append(Double.toString(d));
        else sb.append(nonFinite(d));
    }

    private static String nonFinite(double d) {
        return Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
    }

    // ------------------------------------------------------------------ bytes

    /** Standard base64 with padding. */
    static void appendBase64(StringBuilder sb, byte[] data, int s, int e) {
        int i = s;
        for (; i + 3 <= e; i += 3) {
            int b = (data[i] & 0xFF) << 16 | (data[i + 1] & 0xFF) << 8 | (data[i + 2] & 0xFF);
            sb.append(B64[b >>> 18]).append(B64[(b >>> 12) & 63]).append(B64[(b >>> 6) & 63]).append(B64[b & 63]);
        }
        int rem = e - i;
        if (rem == 1) {
            int b = (data[i] & 0xFF) << 16;
            sb.append(B64[b >>> 18]).append(B64[(b >>> 12) & 63]).append("==");
        } else if (rem == 2) {
            int b = (data[i] & 0xFF) << 16 | (data[i + 1] & 0xFF) << 8;
            sb.append(B64[b >>> 18]).append(B64[(b >>> 12) & 63]).append(B64[(b >>> 6) & 63]).append('=');
        }
    }

    /** Canonical lower-case UUID of 16 big-endian bytes at {@code s}. */
    static void appendUuid(StringBuilder sb, byte[] data, int s) {
        for (int k = 0; k < 16; k++) {
            if (k == 4 || k == 6 || k == 8 || k == 10) sb.append('-');
            int b = data[s + k] & 0xFF;
            sb.append(HEX[b >>> 4]).append(HEX[b & 15]);
        }
    }

    /** Lower-case hex of the bytes. */
    static void appendHex(StringBuilder sb, byte[] data, int s, int e) {
        for (int k = s; k < e; k++) {
            int b = data[k] & 0xFF;
            sb.append(HEX[b >>> 4]).append(HEX[b & 15]);
        }
    }

    // ------------------------------------------------------------------ strings

    /** Appends UTF-8 bytes decoded (malformed input as U+FFFD), ASCII without allocation. */
    static void appendUtf8(StringBuilder sb, byte[] data, int s, int e) {
        for (int i = s; i < e; i++) {
            byte b = data[i];
            if (b < 0) {
                sb.append(new String(data, i, e - i, StandardCharsets.UTF_8));
                return;
            }
            sb.append((char) b);
        }
    }

    /** Appends UTF-8 bytes as a quoted, escaped JSON string. */
    static void jsonStringUtf8(StringBuilder sb, byte[] data, int s, int e) {
        sb.append('"');
        for (int i = s; i < e; i++) {
            byte b = data[i];
            if (b < 0) {
                escapeInto(sb, new String(data, i, e - i, StandardCharsets.UTF_8));
                break;
            }
            if (b >= 0x20 && b != '"' && b != '\\') sb.append((char) b);
            else escapeChar(sb, (char) b);
        }
        sb.append('"');
    }

    /** Appends a quoted, escaped JSON string. */
    static void jsonString(StringBuilder sb, CharSequence s) {
        sb.append('"');
        escapeInto(sb, s);
        sb.append('"');
    }

    private static void escapeInto(StringBuilder sb, CharSequence s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') sb.append(c);
            else escapeChar(sb, c);
        }
    }

    private static void escapeChar(StringBuilder sb, char c) {
        switch (c) {
            case '"' -> sb.append("\\\"");
            case '\\' -> sb.append("\\\\");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            default -> sb.append("\\u00").append(HEX[(c >>> 4) & 15]).append(HEX[c & 15]);
        }
    }
}
