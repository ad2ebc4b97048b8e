package dev.streamingadaptive.exec.eval;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * DuckDB's scalar number conversions: exact numbers to DOUBLE/FLOAT (DuckDB converts a decimal
 * whose unscaled value is not exactly representable as integer part + fraction part, so results
 * can differ from correct rounding in the last bit), rounding half away from zero, and powers of ten.
 */
final class NumberCasts {
    private NumberCasts() {}

    static final long[] POW10_LONG = new long[19];
    static final double[] POW10 = new double[40];
    private static final long TWO_53 = 1L << 53;

    static {
        long p = 1;
        for (int i = 0; i < POW10_LONG.length; i++) {
            POW10_LONG[i] = p;
            p *= 10;
        }
        // Correctly rounded double literals 1e0..1e39, as DuckDB's table.
        for (int i = 0; i < POW10.length; i++) POW10[i] = Double.parseDouble("1e" + i);
    }

    /** DECIMAL (unscaled long, scale) → DOUBLE as DuckDB. */
    static double decimalToDouble(long unscaled, int scale) {
        if (scale == 0 || Math.abs(unscaled) <= TWO_53) return (double) unscaled / POW10[scale];
        long p = POW10_LONG[scale];
        return (double) (unscaled / p) + (double) (unscaled % p) / POW10[scale];
    }

    /** DECIMAL (unscaled BigInteger, precision, scale) → DOUBLE as DuckDB. */
    static double decimalToDouble(BigInteger unscaled, int precision, int scale) {
        if (precision <= 18) return decimalToDouble(unscaled.longValue(), scale);
        if (scale == 0 || unscaled.abs().bitLength() <= 53) return hugeToDouble(unscaled) / POW10[scale];
        BigInteger[] qr = unscaled.divideAndRemainder(BigInteger.TEN.pow(scale));
        return hugeToDouble(qr[0]) + hugeToDouble(qr[1]) / POW10[scale];
    }

    /** DECIMAL → FLOAT as DuckDB. */
    static float decimalToFloat(long unscaled, int precision, int scale) {
        float pow = (float) POW10[scale];
        if (precision <= 4 || scale == 0 || Math.abs(unscaled) <= (1L << 24)) return (float) unscaled / pow;
        long p = POW10_LONG[scale];
        return (float) (unscaled / p) + (float) (unscaled % p) / pow;
    }

    static float decimalToFloat(BigInteger unscaled, int precision, int scale) {
        if (precision <= 18) return decimalToFloat(unscaled.longValue(), precision, scale);
        float pow = (float) POW10[scale];
        if (scale == 0 || unscaled.abs().bitLength() <= 24) return (float) hugeToDouble(unscaled) / pow;
        BigInteger[] qr = unscaled.divideAndRemainder(BigInteger.TEN.pow(scale));
        return (float) hugeToDouble(qr[0]) + (float) hugeToDouble(qr[1]) / pow;
    }

    /** Hugeint::TryCast to double: lower + upper × 2^64 from the two's-complement halves. */
    static double hugeToDouble(BigInteger v) {
        if (v.bitLength() < 64) return (double) v.longValue();
        if (v.bitLength() >= 128) return v.doubleValue();
        long upper = v.shiftRight(64).longValue();
        long lower = v.longValue();
        if (upper == -1) return -(unsignedToDouble(~lower)) - 1.0;
        return unsignedToDouble(lower) + (double) upper * 18446744073709551616.0;
    }

    /** A UINT64 (raw bits) as the nearest double. */
    static double unsignedToDouble(long v) {
        if (v >= 0) return v;
        return ((double) ((v >>> 1) | (v & 1))) * 2.0;
    }

    /** C's round(): halves away from zero. */
    static double round(double x) {
        if (!(Math.abs(x) < 4503599627370496.0)) return x; // NaN, infinite, or already integral
        double t = Math.floor(Math.abs(x));
        if (Math.abs(x) - t >= 0.5) t += 1;
        return Math.copySign(t, x);
    }

    /** {@code a / b} rounded half away from zero (b > 0). */
    static long divRound(long a, long b) {
        long q = a / b, r = a % b;
        if (Math.abs(r) * 2 >= b) q += a < 0 ? -1 : 1;
        return q;
    }

    static BigInteger divRound(BigInteger a, BigInteger b) {
        return new BigDecimal(a).divide(new BigDecimal(b), 0, RoundingMode.HALF_UP).toBigInteger();
    }

    /** 10^0 .. 10^76: every power a rescale between two DECIMAL(38) scales or a product's limit needs, made once. */
    private static final BigInteger[] POW10_BIG = new BigInteger[77];
    static {
        POW10_BIG[0] = BigInteger.ONE;
        for (int i = 1; i < POW10_BIG.length; i++) POW10_BIG[i] = POW10_BIG[i - 1].multiply(BigInteger.TEN);
    }

    static BigInteger pow10(int n) {
        return n < POW10_BIG.length ? POW10_BIG[n] : BigInteger.TEN.pow(n);
    }
}
