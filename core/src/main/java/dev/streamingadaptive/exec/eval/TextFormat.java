package dev.streamingadaptive.exec.eval;

import dev.streamingadaptive.types.TemporalText;
import dev.streamingadaptive.types.TypeNames;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.TimeUnit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;

/**
 * DuckDB's text form of values (CAST to VARCHAR): shortest round-trip floats in fixed notation for
 * exponents -5 < e < 16 ({@code 1.0}, {@code 0.0001}) and scientific beyond ({@code 1e+20},
 * {@code 1e-05}), {@code nan}/{@code inf}; decimals with all scale digits; dates with
 * {@code (BC)}; timestamps {@code 2024-01-31 09:30:00.1} (fraction without trailing zeros, and
 * {@code +00} when UTC-adjusted).
 */
final class TextFormat {
    private TextFormat() {}

    static String ofDouble(double d) {
        return floating(d, Double.toString(d));
    }

    static String ofFloat(float f) {
        return floating(f, Float.toString(f));
    }

    private static String floating(double d, String shortest) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == 0) return (1 / d < 0) ? "-0.0" : "0.0";
        BigDecimal b = new BigDecimal(shortest).stripTrailingZeros();
        String digits = b.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - b.scale();
        String sign = b.signum() < 0 ? "-" : "";
        if (exp < -4 || exp >= 16) {
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        String plain = b.abs().toPlainString();
        if (!plain.contains(".")) plain += ".0";
        return sign + plain;
    }

    static String ofDecimal(BigInteger unscaled, int scale) {
        return new BigDecimal(unscaled, scale).toPlainString();
    }

    static String ofDecimal(long unscaled, int scale) {
        return BigDecimal.valueOf(unscaled, scale).toPlainString();
    }

    static String ofDate(long days) {
        if (days == TemporalText.INFINITY_DAYS) return "infinity";
        if (days == -TemporalText.INFINITY_DAYS) return "-infinity";
        LocalDate d = LocalDate.ofEpochDay(days);
        int y = d.getYear();
        StringBuilder sb = new StringBuilder();
        int shown = y <= 0 ? 1 - y : y;
        String ys = Integer.toString(shown);
        for (int i = ys.length(); i < 4; i++) sb.append('0');
        sb.append(ys).append('-');
        pad2(sb, d.getMonthValue());
        sb.append('-');
        pad2(sb, d.getDayOfMonth());
        if (y <= 0) sb.append(" (BC)");
        return sb.toString();
    }

    static String ofTime(long units, TimeUnit unit) {
        StringBuilder sb = new StringBuilder();
        clock(sb, units, unit);
        return sb.toString();
    }

    static String ofTimestamp(long units, DataType.Timestamp t) {
        if (units == Long.MAX_VALUE) return "infinity";
        if (units == -Long.MAX_VALUE) return "-infinity";
        long perDay = t.unit().perSecond * 86_400L;
        long days = Math.floorDiv(units, perDay);
        StringBuilder sb = new StringBuilder(ofDate(days));
        String bc = null;
        if (sb.toString().endsWith(" (BC)")) {
            sb.setLength(sb.length() - 5);
            bc = " (BC)";
        }
        sb.append(' ');
        clock(sb, Math.floorMod(units, perDay), t.unit());
        if (t.utcAdjusted()) sb.append("+00");
        if (bc != null) sb.append(bc);
        return sb.toString();
    }

    private static void clock(StringBuilder sb, long units, TimeUnit unit) {
        long seconds = units / unit.perSecond;
        long frac = units % unit.perSecond;
        pad2(sb, (int) (seconds / 3600));
        sb.append(':');
        pad2(sb, (int) (seconds / 60 % 60));
        sb.append(':');
        pad2(sb, (int) (seconds % 60));
        if (frac != 0) {
            String f = Long.toString(frac);
            sb.append('.');
            for (int i = f.length(); i < unit.fractionDigits; i++) sb.append('0');
            int end = f.length();
            while (end > 0 && f.charAt(end - 1) == '0') end--;
            sb.append(f, 0, end);
        }
    }

    private static void pad2(StringBuilder sb, int v) {
        if (v < 10) sb.append('0');
        sb.append(v);
    }
}
