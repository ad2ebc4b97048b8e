package dev.streamingadaptive.types;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses date, time and timestamp text the way DuckDB casts a string literal: {@code 2024-01-31}
 * (one-digit month/day and {@code /} accepted), {@code 2024-01-31 09:30[:00[.123456789]]} or with
 * {@code T}, an optional {@code Z}, {@code ±HH[:MM[:SS]]} offset or time zone name, and the special
 * values {@code epoch}, {@code infinity} and {@code -infinity}. Fractions are kept to nanoseconds
 * (callers truncate to their unit, as DuckDB truncates rather than rounds). The one reading of
 * temporal text: WHERE literals (predicate) and casts of strings (expressions) both use it.
 */
public final class TemporalText {
    private TemporalText() {}

    /** Days of DuckDB's {@code infinity} date (its {@code -infinity} is the negation). */
    public static final int INFINITY_DAYS = Integer.MAX_VALUE;

    /** A parsed timestamp: local date-time to the nanosecond, and the zone or offset if the text had one. */
    public record Stamp(LocalDateTime local, ZoneId zone, int infinity) {
        /** True for 'infinity' (1), '-infinity' (-1); 0 for ordinary values. */
        public boolean special() { return infinity != 0; }
    }

    private static final Pattern DATE = Pattern.compile("(-?\\d{1,9})([-/])(\\d{1,2})\\2(\\d{1,2})(?:\\s*\\(BC\\))?");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d*))?)?");
    private static final Pattern ZONE = Pattern.compile("(?:\\s*(Z|z|[+-]\\d{1,2}(?::?\\d{2}(?::?\\d{2})?)?)|\\s+([A-Za-z][A-Za-z0-9_+/-]*))?");
    private static final Pattern TIMESTAMP = Pattern.compile(DATE.pattern() + "(?:(?:[Tt]|\\s+)" + TIME.pattern() + ")?" + ZONE.pattern());
    private static final Pattern TIME_ONLY = Pattern.compile(TIME.pattern() + ZONE.pattern());

    /** A date, or null when the text is not one. A time part is allowed and dropped, as in DuckDB. */
    public static LocalDate parseDate(String text) {
        String s = text.strip();
        String special = s.toLowerCase(Locale.ROOT);
        switch (special) {
            case "epoch": return LocalDate.EPOCH;
            case "infinity": return LocalDate.ofEpochDay(INFINITY_DAYS);
            case "-infinity": return LocalDate.ofEpochDay(-INFINITY_DAYS);
            default: break;
        }
        Stamp st = parseTimestamp(s);
        return st == null || st.special() ? null : st.local().toLocalDate();
    }

    /** A timestamp, or null when the text is not one (a date alone means midnight). */
    public static Stamp parseTimestamp(String text) {
        String s = text.strip();
        switch (s.toLowerCase(Locale.ROOT)) {
            case "epoch": return new Stamp(LocalDateTime.of(1970, 1, 1, 0, 0), null, 0);
            case "infinity": return new Stamp(null, null, 1);
            case "-infinity": return new Stamp(null, null, -1);
            default: break;
        }
        Matcher m = TIMESTAMP.matcher(s);
        if (!m.matches()) return null;
        try {
            long year = Long.parseLong(m.group(1));
            if (s.contains("(BC)")) year = 1 - year;
            LocalDate date = LocalDate.of(Math.toIntExact(year), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
            LocalTime time = LocalTime.MIDNIGHT;
            if (m.group(5) != null) {
                time = time(m.group(5), m.group(6), m.group(7), m.group(8));
                if (time == null) return null;
            }
            ZoneId zone = zone(m.group(9), m.group(10));
            if (zone == null && (m.group(9) != null || m.group(10) != null)) return null;
            return new Stamp(LocalDateTime.of(date, time), zone, 0);
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    /** A time of day, or null when the text is not one; a trailing offset is ignored, as in DuckDB. */
    public static LocalTime parseTime(String text) {
        String s = text.strip();
        Matcher m = TIME_ONLY.matcher(s);
        if (!m.matches()) return null;
        try {
            return time(m.group(1), m.group(2), m.group(3), m.group(4));
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static LocalTime time(String h, String mi, String sec, String frac) {
        int nanos = 0;
        if (frac != null && !frac.isEmpty()) {
            String nine = frac.length() >= 9 ? frac.substring(0, 9) : (frac + "000000000").substring(0, 9);
            nanos = Integer.parseInt(nine);
        }
        int hour = Integer.parseInt(h);
        if (hour > 23) return null; // 24:00:00 has no LocalTime
        return LocalTime.of(hour, Integer.parseInt(mi), sec == null ? 0 : Integer.parseInt(sec), nanos);
    }

    private static ZoneId zone(String offset, String name) {
        try {
            if (offset != null) {
                if (offset.equalsIgnoreCase("Z")) return ZoneOffset.UTC;
                String digits = offset.substring(1).replace(":", "");
                int hh;
                int mm = 0;
                int ss = 0;
                if (digits.length() <= 2) {
                    hh = Integer.parseInt(digits);
                } else {
                    hh = Integer.parseInt(digits.substring(0, 2));
                    mm = Integer.parseInt(digits.substring(2, 4));
                    if (digits.length() > 4) ss = Integer.parseInt(digits.substring(4));
                }
                int sign = offset.charAt(0) == '-' ? -1 : 1;
                return ZoneOffset.ofHoursMinutesSeconds(sign * hh, sign * mm, sign * ss);
            }
            if (name != null) return ZoneId.of(name, ZoneId.SHORT_IDS);
        } catch (DateTimeException | NumberFormatException | IndexOutOfBoundsException e) {
            return null;
        }
        return null;
    }
}
