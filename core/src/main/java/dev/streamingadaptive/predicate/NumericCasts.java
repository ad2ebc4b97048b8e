package dev.streamingadaptive.predicate;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * DuckDB's conversions of exact numbers to FLOAT and DOUBLE, reproduced so that a literal such as
 * {@code 0.1} compared with a FLOAT column means what it means in DuckDB (the column's float 0.1,
 * not the double 0.1). DuckDB does not always round correctly here: a decimal whose unscaled value
 * is not exactly representable is converted as integer part + fraction part
 * ({@code TryCastDecimalToFloatingPoint}), and a 128-bit integer as its two 64-bit halves.
 */
final class NumericCasts {
    private NumericCasts() {}

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger MASK_64 = TWO_64.subtract(BigInteger.ONE);
    private static final BigInteger TWO_53 = BigInteger.ONE.shiftLeft(53);
    private static final BigInteger TWO_24 = BigInteger.ONE.shiftLeft(24);
    private static final double[] POW10 = new double[40];

    static {
        // As DuckDB's table of double literals 1e0..1e39 (correctly rounded, unlike Math.pow).
        for (int i = 0; i < POW10.length; i++) POW10[i] = Double.parseDouble("1e" + i);
    }

    /** DuckDB's DECIMAL → DOUBLE cast; decimals wider than 38 digits are DOUBLE literals in DuckDB (parsed exactly). */
    static double decimalToDouble(BigDecimal d) {
        int scale = d.scale();
        BigInteger unscaled = d.unscaledValue();
        int width = Math.max(d.precision(), Math.max(scale, 1));
        if (width > 38 || scale < 0 || scale >= POW10.length) return d.doubleValue();
        boolean huge = width > 18;
        if (scale == 0 || unscaled.abs().compareTo(TWO_53) <= 0) return integerToDouble(unscaled, huge) / POW10[scale];
        BigInteger[] qr = unscaled.divideAndRemainder(BigInteger.TEN.pow(scale));
        return integerToDouble(qr[0], huge) + integerToDouble(qr[1], huge) / POW10[scale];
    }

    /** DuckDB's DECIMAL → FLOAT cast (same scheme in float arithmetic). */
    static float decimalToFloat(BigDecimal d) {
        int scale = d.scale();
        BigInteger unscaled = d.unscaledValue();
        int width = Math.max(d.precision(), Math.max(scale, 1));
        if (width > 38 || scale < 0 || scale >= POW10.length) return d.floatValue();
        boolean huge = width > 18;
        float pow = (float) POW10[scale];
        if (width <= 4 || scale == 0 || unscaled.abs().compareTo(TWO_24) <= 0) return integerToFloat(unscaled, huge) / pow;
        BigInteger[] qr = unscaled.divideAndRemainder(BigInteger.TEN.pow(scale));
        return integerToFloat(qr[0], huge) + integerToFloat(qr[1], huge) / pow;
    }

    /** An integer literal (INTEGER/BIGINT, or HUGEINT beyond 64 bits) as DuckDB casts it to DOUBLE. */
    static double hugeintToDouble(BigInteger v) {
        if (v.bitLength() < 64) return (double) v.longValue();
        return hugeDouble(v);
    }

    /** An integer literal as DuckDB casts it to FLOAT. */
    static float integerToFloat(Number n) {
        if (n instanceof BigInteger b) return integerToFloat(b, b.bitLength() >= 64);
        return (float) n.longValue();
    }

    private static double integerToDouble(BigInteger v, boolean huge) {
        return huge ? hugeDouble(v) : (double) v.longValue();
    }

    private static float integerToFloat(BigInteger v, boolean huge) {
        return huge ? (float) hugeDouble(v) : (float) v.longValue();
    }

    /** Hugeint::TryCast: lower + upper × 2^64 from the two's-complement halves, special-casing upper = -1. */
    private static double hugeDouble(BigInteger v) {
        if (v.bitLength() >= 128) return v.doubleValue();
        long upper = v.shiftRight(64).longValue();
        BigInteger lower = v.and(MASK_64);
        if (upper == -1) return -MASK_64.subtract(lower).doubleValue() - 1.0;
        return lower.doubleValue() + (double) upper * 18446744073709551616.0;
    }
}
