package dev.streamingadaptive.exec.eval;

import dev.streamingadaptive.types.TextParser;
import dev.streamingadaptive.types.TypeNames;
import dev.streamingadaptive.expr.BinaryOperator;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.frame.LongColumn;

import java.math.BigInteger;

/**
 * {@code + - * / // %} on operands already converted by the compiler: INT64 (overflow is an
 * error, detected branch-free and reported after the loop), FLOAT64/FLOAT32 (IEEE: {@code x / 0}
 * is ±Inf or NaN as in DuckDB 1.4), DECIMAL (exact; up to 18 digits in longs, wider in
 * BigIntegers). Integer {@code //} and {@code %} by zero are null, as DuckDB. A constant operand is
 * a scalar ({@code a} or {@code b} null with {@code sa}/{@code sb} given).
 */
final class Arithmetic {
    private Arithmetic() {}

    // ---- INT64 ----

    /** Scalar operands are one-row columns: {@code left.size() == 1 && n > 1} marks them via {@code leftConst}/{@code rightConst}. */
    static Column longs(BinaryOperator op, Column left, boolean leftConst, Column right, boolean rightConst, int n, String what) {
        long[] a = Vectors.longs(left), b = Vectors.longs(right);
        boolean[] nl = Vectors.or(leftConst ? null : Vectors.nulls(left), rightConst ? null : Vectors.nulls(right));
        long[] out = new long[n];
        long overflow = 0;
        switch (op) {
            case ADD -> {
                if (rightConst) { long y = b[0]; for (int i = 0; i < n; i++) { long x = a[i], r = x + y; out[i] = r; overflow |= (x ^ r) & (y ^ r); } }
                else if (leftConst) { long x = a[0]; for (int i = 0; i < n; i++) { long y = b[i], r = x + y; out[i] = r; overflow |= (x ^ r) & (y ^ r); } }
                else { for (int i = 0; i < n; i++) { long x = a[i], y = b[i], r = x + y; out[i] = r; overflow |= (x ^ r) & (y ^ r); } }
            }
            case SUB -> {
                if (rightConst) { long y = b[0]; for (int i = 0; i < n; i++) { long x = a[i], r = x - y; out[i] = r; overflow |= (x ^ y) & (x ^ r); } }
                else if (leftConst) { long x = a[0]; for (int i = 0; i < n; i++) { long y = b[i], r = x - y; out[i] = r; overflow |= (x ^ y) & (x ^ r); } }
                else { for (int i = 0; i < n; i++) { long x = a[i], y = b[i], r = x - y; out[i] = r; overflow |= (x ^ y) & (x ^ r); } }
            }
            case MUL -> {
                if (rightConst) { long y = b[0]; for (int i = 0; i < n; i++) { long x = a[i], r = x * y; out[i] = r; overflow |= Math.multiplyHigh(x, y) ^ (r >> 63); } }
                else if (leftConst) { long x = a[0]; for (int i = 0; i < n; i++) { long y = b[i], r = x * y; out[i] = r; overflow |= Math.multiplyHigh(x, y) ^ (r >> 63); } }
                else { for (int i = 0; i < n; i++) { long x = a[i], y = b[i], r = x * y; out[i] = r; overflow |= Math.multiplyHigh(x, y) ^ (r >> 63); } }
                if (overflow != 0) overflow = Long.MIN_VALUE;
            }
            case FLOOR_DIV, MOD -> {
                boolean[] zero = null;
                for (int i = 0; i < n; i++) {
                    long x = leftConst ? a[0] : a[i], y = rightConst ? b[0] : b[i];
                    if (y == 0) {
                        if (zero == null) zero = nl == null ? new boolean[n] : nl.clone();
                        zero[i] = true;
                        continue;
                    }
                    if (op == BinaryOperator.MOD) {
                        out[i] = x % y;
                    } else {
                        if (x == Long.MIN_VALUE && y == -1 && !(nl != null && nl[i])) throw overflow(what, x, y, op);
                        out[i] = Math.floorDiv(x, y);
                    }
                }
                if (zero != null) nl = zero;
            }
            default -> throw new IllegalStateException(op.name());
        }
        if (overflow < 0) findOverflow(op, a, leftConst, b, rightConst, n, nl, what);
        return new LongColumn(Vectors.NAME, DataType.INT64, out, n, nl);
    }

    /** The flag was set somewhere; report the first non-null row that really overflowed (null rows hold arbitrary values). */
    private static void findOverflow(BinaryOperator op, long[] a, boolean lc, long[] b, boolean rc, int n, boolean[] nl, String what) {
        for (int i = 0; i < n; i++) {
            if (nl != null && nl[i]) continue;
            long x = lc ? a[0] : a[i], y = rc ? b[0] : b[i];
            try {
                switch (op) {
                    case ADD -> Math.addExact(x, y);
                    case SUB -> Math.subtractExact(x, y);
                    default -> Math.multiplyExact(x, y);
                }
            } catch (ArithmeticException e) {
                throw overflow(what, x, y, op);
            }
        }
    }

    private static EvaluationException overflow(String what, long x, long y, BinaryOperator op) {
        return new EvaluationException("integer overflow in " + what + ": " + x + " " + op.symbol + " " + y + " does not fit BIGINT");
    }

    // ---- floats ----

    static Column doubles(BinaryOperator op, Column left, boolean leftConst, Column right, boolean rightConst, int n) {
        double[] a = Vectors.doubles(left), b = Vectors.doubles(right);
        boolean[] nl = Vectors.or(leftConst ? null : Vectors.nulls(left), rightConst ? null : Vectors.nulls(right));
        double[] out = new double[n];
        if (rightConst) {
            double y = b[0];
            switch (op) {
                case ADD -> { for (int i = 0; i < n; i++) out[i] = a[i] + y; }
                case SUB -> { for (int i = 0; i < n; i++) out[i] = a[i] - y; }
                case MUL -> { for (int i = 0; i < n; i++) out[i] = a[i] * y; }
                case DIV -> { for (int i = 0; i < n; i++) out[i] = a[i] / y; }
                case FLOOR_DIV -> { for (int i = 0; i < n; i++) out[i] = Math.floor(a[i] / y); }
                case MOD -> { for (int i = 0; i < n; i++) out[i] = a[i] % y; }
                default -> throw new IllegalStateException(op.name());
            }
        } else if (leftConst) {
            double x = a[0];
            for (int i = 0; i < n; i++) out[i] = apply(op, x, b[i]);
        } else {
            switch (op) {
                case ADD -> { for (int i = 0; i < n; i++) out[i] = a[i] + b[i]; }
                case SUB -> { for (int i = 0; i < n; i++) out[i] = a[i] - b[i]; }
                case MUL -> { for (int i = 0; i < n; i++) out[i] = a[i] * b[i]; }
                case DIV -> { for (int i = 0; i < n; i++) out[i] = a[i] / b[i]; }
                default -> { for (int i = 0; i < n; i++) out[i] = apply(op, a[i], b[i]); }
            }
        }
        return new DoubleColumn(Vectors.NAME, DataType.FLOAT64, out, n, nl);
    }

    private static double apply(BinaryOperator op, double x, double y) {
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case FLOOR_DIV -> Math.floor(x / y);
            case MOD -> x % y;
            default -> throw new IllegalStateException(op.name());
        };
    }

    static Column floats(BinaryOperator op, Column left, boolean leftConst, Column right, boolean rightConst, int n) {
        float[] a = Vectors.floats(left), b = Vectors.floats(right);
        boolean[] nl = Vectors.or(leftConst ? null : Vectors.nulls(left), rightConst ? null : Vectors.nulls(right));
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            float x = leftConst ? a[0] : a[i], y = rightConst ? b[0] : b[i];
            out[i] = switch (op) {
                case ADD -> x + y;
                case SUB -> x - y;
                case MUL -> x * y;
                case DIV -> x / y;
                case FLOOR_DIV -> (float) Math.floor(x / y);
                case MOD -> x % y;
                default -> throw new IllegalStateException(op.name());
            };
        }
        return new FloatColumn(Vectors.NAME, DataType.FLOAT32, out, n, nl);
    }

    // ---- decimals ----

    /**
     * Decimal {@code + - %} (operands at the result's scale) and {@code *} (operands at their own
     * scales, which add up to the result's).
     */
    static Column decimals(BinaryOperator op, Column left, boolean leftConst, Column right, boolean rightConst, int n,
                           DataType.Decimal result, String what) {
        boolean[] nl = Vectors.or(leftConst ? null : Vectors.nulls(left), rightConst ? null : Vectors.nulls(right));
        boolean small = result.precision() <= 18 && Vectors.isLongStored(left.type()) && Vectors.isLongStored(right.type());
        if (small) {
            long[] a = Vectors.longs(left), b = Vectors.longs(right);
            long[] out = new long[n];
            boolean[] zero = null;
            for (int i = 0; i < n; i++) {
                long x = leftConst ? a[0] : a[i], y = rightConst ? b[0] : b[i];
                switch (op) {
                    case ADD -> out[i] = x + y;
                    case SUB -> out[i] = x - y;
                    case MUL -> out[i] = x * y;
                    case MOD -> {
                        if (y == 0) {
                            if (zero == null) zero = nl == null ? new boolean[n] : nl.clone();
                            zero[i] = true;
                        } else {
                            out[i] = x % y;
                        }
                    }
                    default -> throw new IllegalStateException(op.name());
                }
            }
            return new LongColumn(Vectors.NAME, result, out, n, zero != null ? zero : nl);
        }
        if (op != BinaryOperator.MOD) {
            Column inLongs = wideInLongs(op, left, leftConst, right, rightConst, n, nl, result);
            if (inLongs != null) return inLongs;
        }
        BigInteger[] a = Vectors.bigs(left), b = Vectors.bigs(right);
        BigInteger[] out = new BigInteger[n];
        BigInteger limit = NumberCasts.pow10(result.precision());
        for (int i = 0; i < n; i++) {
            BigInteger x = leftConst ? a[0] : a[i], y = rightConst ? b[0] : b[i];
            if (x == null || y == null || (nl != null && nl[i])) continue;
            BigInteger r = switch (op) {
                case ADD -> x.add(y);
                case SUB -> x.subtract(y);
                case MUL -> x.multiply(y);
                case MOD -> y.signum() == 0 ? null : x.remainder(y);
                default -> throw new IllegalStateException(op.name());
            };
            if (r != null && r.abs().compareTo(limit) >= 0) {
                throw new EvaluationException("decimal overflow in " + what + ": the result does not fit " + TypeNames.of(result));
            }
            out[i] = r;
        }
        return Vectors.ofBigs(result, out, n, nl);
    }

    /**
     * A wide {@code + - *} computed in longs when every operand value fits one and no result
     * overflows one, else null (the caller then uses BigIntegers). Money times a rate, as TPC-H's
     * {@code l_extendedprice * (1 - l_discount)}, is typed DECIMAL(31,4) but its values are far
     * below 2^63. A wide result has at least 19 digits, so no long exceeds its precision.
     */
    private static Column wideInLongs(BinaryOperator op, Column left, boolean leftConst, Column right, boolean rightConst, int n,
                                      boolean[] nl, DataType.Decimal result) {
        // A null constant makes every result null: the BigInteger path handles it.
        if (leftConst && Vectors.nulls(left) != null || rightConst && Vectors.nulls(right) != null) return null;
        long[] a = Vectors.longsIfFit(left);
        if (a == null) return null;
        long[] b = Vectors.longsIfFit(right);
        if (b == null) return null;
        long[] out = new long[n];
        boolean overflow = false;
        for (int i = 0; i < n; i++) {
            long x = leftConst ? a[0] : a[i], y = rightConst ? b[0] : b[i];
            long r;
            boolean over;
            switch (op) {
                case ADD -> { r = x + y; over = ((x ^ r) & (y ^ r)) < 0; }
                case SUB -> { r = x - y; over = ((x ^ y) & (x ^ r)) < 0; }
                case MUL -> { r = x * y; over = Math.multiplyHigh(x, y) != (r >> 63); }
                default -> throw new IllegalStateException(op.name());
            }
            out[i] = r;
            // Null slots hold arbitrary values: their overflow does not count.
            overflow |= over && (nl == null || !nl[i]);
        }
        return overflow ? null : Vectors.ofWideLongs(result, out, n, nl);
    }
}
