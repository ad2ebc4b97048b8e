package dev.streamingadaptive.exec.eval;

import dev.streamingadaptive.types.IntRanges;
import dev.streamingadaptive.types.TextParser;
import dev.streamingadaptive.types.TypeNames;
import dev.streamingadaptive.expr.ScalarFunction;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.FloatColumn;

import java.math.BigInteger;
import java.util.function.UnaryOperator;

/**
 * NEG, ABS, ROUND, FLOOR and CEIL. ROUND rounds halves away from zero as DuckDB: floats through
 * {@code round(x * 10^d) / 10^d} in doubles (so {@code round(0.285, 2)} is 0.28, as in DuckDB),
 * decimals exactly; negative digits round integers and decimals to tens, hundreds, ...
 */
final class Numeric {
    private Numeric() {}

    static UnaryOperator<Column> kernel(ScalarFunction f, DataType in, DataType out, int digits, String what) {
        if (Casts.isFloat(in)) {
            boolean single = in.kind() != DataType.Kind.FLOAT64;
            return c -> {
                double[] v = Vectors.doubles(c);
                int n = c.size();
                double[] r = new double[n];
                for (int i = 0; i < n; i++) r[i] = floating(f, v[i], digits);
                if (!single) return new DoubleColumn(Vectors.NAME, DataType.FLOAT64, r, n, Vectors.nulls(c));
                float[] fl = new float[n];
                for (int i = 0; i < n; i++) fl[i] = (float) r[i];
                return new FloatColumn(Vectors.NAME, DataType.FLOAT32, fl, n, Vectors.nulls(c));
            };
        }
        if (in instanceof DataType.Decimal d) return c -> decimal(f, c, d, (DataType.Decimal) out, digits, what);
        return c -> integer(f, c, in, out, digits, what);
    }

    private static double floating(ScalarFunction f, double x, int digits) {
        return switch (f) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case FLOOR -> Math.floor(x);
            case CEIL -> Math.ceil(x);
            case ROUND -> {
                double r;
                if (digits < 0) {
                    double m = Math.pow(10, -digits);
                    r = NumberCasts.round(x / m) * m;
                    yield Double.isFinite(r) ? r : 0;
                }
                double m = Math.pow(10, digits);
                r = NumberCasts.round(x * m) / m;
                yield Double.isFinite(r) ? r : x;
            }
            default -> throw new IllegalStateException(f.name());
        };
    }

    private static Column integer(ScalarFunction f, Column c, DataType in, DataType out, int digits, String what) {
        long[] v = Vectors.longs(c);
        boolean[] nl = Vectors.nulls(c);
        int n = c.size();
        long[] r = new long[n];
        long p = digits < 0 && -digits < 19 ? NumberCasts.POW10_LONG[-digits] : 0;
        for (int i = 0; i < n; i++) {
            long x = v[i];
            boolean isNull = nl != null && nl[i];
            long y = switch (f) {
                case NEG -> -x;
                case ABS -> Casts.isInteger(in) && in.kind().name().startsWith("U") ? x : Math.abs(x);
                case ROUND -> digits >= 0 || isNull ? x : p == 0 ? 0 : roundToMultiple(x, p, out, what);
                default -> x;
            };
            if ((f == ScalarFunction.NEG || f == ScalarFunction.ABS) && !isNull
                    && (x == Long.MIN_VALUE || !IntRanges.fits(y, out)) && out.kind() != DataType.Kind.UINT64) {
                throw new EvaluationException("integer overflow in " + what + ": " + f.sqlName() + " of " + x + " does not fit " + TypeNames.of(out));
            }
            r[i] = y;
        }
        return Vectors.ofLongs(out, r, n, nl);
    }

    /**
     * {@code x} rounded to a multiple of {@code p} (a power of ten), halves away from zero. The
     * result can leave the type ({@code round(2147483647, -1)} is 2147483650, beyond INTEGER;
     * {@code round(-9223372036854775808, -1)} beyond BIGINT): an overflow error as for every
     * integer operation, where the product used to wrap silently (DuckDB 1.4 wraps too, to
     * -2147483646).
     */
    private static long roundToMultiple(long x, long p, DataType out, String what) {
        long q = NumberCasts.divRound(x, p);
        long y = q * p;
        boolean wrapped = Math.multiplyHigh(q, p) != (y >> 63);
        if (wrapped || (out.kind() != DataType.Kind.UINT64 && !IntRanges.fits(y, out))) {
            throw new EvaluationException("integer overflow in " + what + ": round of " + x + " does not fit " + TypeNames.of(out));
        }
        return y;
    }

    private static Column decimal(ScalarFunction f, Column c, DataType.Decimal in, DataType.Decimal out, int digits, String what) {
        int n = c.size();
        boolean[] nl = Vectors.nulls(c);
        BigInteger[] v = Vectors.bigs(c);
        BigInteger[] r = new BigInteger[n];
        int drop = in.scale() - out.scale(); // digits removed by ROUND/FLOOR/CEIL
        BigInteger div = NumberCasts.pow10(drop);
        int tens = f == ScalarFunction.ROUND && digits < 0 ? -digits : 0;
        for (int i = 0; i < n; i++) {
            BigInteger x = v[i];
            if (x == null) continue;
            r[i] = switch (f) {
                case NEG -> x.negate();
                case ABS -> x.abs();
                case FLOOR -> floorDiv(x, div);
                case CEIL -> floorDiv(x, div).add(x.mod(div).signum() == 0 ? BigInteger.ZERO : BigInteger.ONE);
                case ROUND -> tens == 0 ? NumberCasts.divRound(x, div)
                        : NumberCasts.divRound(x, div.multiply(NumberCasts.pow10(tens))).multiply(NumberCasts.pow10(tens));
                default -> throw new IllegalStateException(f.name());
            };
        }
        return Vectors.ofBigs(out, r, n, nl);
    }

    private static BigInteger floorDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }
}
