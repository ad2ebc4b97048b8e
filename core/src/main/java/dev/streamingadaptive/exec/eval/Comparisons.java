package dev.streamingadaptive.exec.eval;

import dev.streamingadaptive.expr.BinaryOperator;
import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.BooleanColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.IntColumn;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The six comparisons of two operands already converted to one type (the domain): integers,
 * dates, times, timestamps, booleans and decimals up to 18 digits as longs (UINT64 unsigned),
 * floats as doubles with DuckDB's order (NaN equals NaN and is above every number, -0.0 equals
 * 0.0), wide decimals as BigIntegers, strings, blobs and UUIDs as unsigned bytes (UTF-8 byte order
 * is code point order). A constant operand stays a scalar: one loop over the other column.
 */
final class Comparisons {
    private Comparisons() {}

    enum Domain { LONG, ULONG, DOUBLE, BIG, BYTES }

    static Domain domain(DataType t) {
        if (t.kind() == DataType.Kind.UINT64) return Domain.ULONG;
        if (Vectors.isLongStored(t)) return Domain.LONG;
        if (Casts.isFloat(t)) return Domain.DOUBLE;
        if (t instanceof DataType.Decimal) return Domain.BIG;
        return Domain.BYTES;
    }

    /** {@code left op right} for two columns of the domain type. */
    static Column columns(BinaryOperator op, Column left, Column right, DataType t) {
        int n = left.size();
        boolean[] nl = Vectors.or(Vectors.nulls(left), Vectors.nulls(right));
        boolean[] out = new boolean[n];
        switch (domain(t)) {
            case LONG, ULONG -> {
                long[] a = Vectors.longs(left), b = Vectors.longs(right);
                if (domain(t) == Domain.ULONG) {
                    a = flip(a);
                    b = flip(b);
                }
                switch (op) {
                    case EQ -> { for (int i = 0; i < n; i++) out[i] = a[i] == b[i]; }
                    case NE -> { for (int i = 0; i < n; i++) out[i] = a[i] != b[i]; }
                    case LT -> { for (int i = 0; i < n; i++) out[i] = a[i] < b[i]; }
                    case LE -> { for (int i = 0; i < n; i++) out[i] = a[i] <= b[i]; }
                    case GT -> { for (int i = 0; i < n; i++) out[i] = a[i] > b[i]; }
                    case GE -> { for (int i = 0; i < n; i++) out[i] = a[i] >= b[i]; }
                    default -> throw new IllegalStateException(op.name());
                }
            }
            case DOUBLE -> {
                double[] a = Vectors.doubles(left), b = Vectors.doubles(right);
                for (int i = 0; i < n; i++) out[i] = holds(op, compareDoubles(a[i], b[i]));
            }
            case BIG -> {
                long[] la = Vectors.longsIfFit(left), lb = la == null ? null : Vectors.longsIfFit(right);
                if (lb != null) {
                    // Wide decimals whose values all fit longs (a sum against its threshold): compared as longs.
                    for (int i = 0; i < n; i++) out[i] = holds(op, Long.compare(la[i], lb[i]));
                    break;
                }
                BigInteger[] a = Vectors.bigs(left), b = Vectors.bigs(right);
                for (int i = 0; i < n; i++) out[i] = a[i] != null && b[i] != null && holds(op, a[i].compareTo(b[i]));
            }
            case BYTES -> {
                BinaryColumn a = Vectors.bytes(left), b = Vectors.bytes(right);
                byte[] ad = a.rawData(), bd = b.rawData();
                int[] ao = a.rawOffsets(), bo = b.rawOffsets();
                for (int i = 0; i < n; i++) out[i] = holds(op, Arrays.compareUnsigned(ad, ao[i], ao[i + 1], bd, bo[i], bo[i + 1]));
            }
        }
        return result(out, n, nl);
    }

    /** A kernel {@code column op constant}; {@code one} is the constant as a one-row column of the domain type. */
    static java.util.function.UnaryOperator<Column> withConstant(BinaryOperator op, Column one, DataType t) {
        switch (domain(t)) {
            case LONG -> {
                long v = Vectors.longs(one)[0];
                return c -> longs(op, c, v, false);
            }
            case ULONG -> {
                long v = Vectors.longs(one)[0];
                return c -> longs(op, c, v, true);
            }
            case DOUBLE -> {
                double v = Vectors.doubles(one)[0];
                return c -> doubles(op, c, v);
            }
            case BIG -> {
                BigInteger v = Vectors.bigs(one)[0];
                boolean vFits = v != null && v.bitLength() < 64;
                long lv = vFits ? v.longValue() : 0;
                return c -> {
                    long[] l = vFits ? Vectors.longsIfFit(c) : null;
                    if (l != null) {
                        boolean[] out = new boolean[c.size()];
                        for (int i = 0; i < out.length; i++) out[i] = holds(op, Long.compare(l[i], lv));
                        return result(out, c.size(), Vectors.nulls(c));
                    }
                    BigInteger[] a = Vectors.bigs(c);
                    boolean[] out = new boolean[c.size()];
                    for (int i = 0; i < out.length; i++) out[i] = a[i] != null && holds(op, a[i].compareTo(v));
                    return result(out, c.size(), Vectors.nulls(c));
                };
            }
            default -> {
                BinaryColumn b = Vectors.bytes(one);
                byte[] v = Arrays.copyOfRange(b.rawData(), b.rawOffsets()[0], b.rawOffsets()[1]);
                return c -> bytes(op, c, v);
            }
        }
    }

    private static Column longs(BinaryOperator op, Column c, long v, boolean unsigned) {
        int n = c.size();
        boolean[] out = new boolean[n];
        if (!unsigned && c instanceof IntColumn ic && signedInt(c.type())) {
            // 32-bit storage compared directly: no widened copy.
            int[] a = ic.rawValues();
            switch (op) {
                case EQ -> { for (int i = 0; i < n; i++) out[i] = a[i] == v; }
                case NE -> { for (int i = 0; i < n; i++) out[i] = a[i] != v; }
                case LT -> { for (int i = 0; i < n; i++) out[i] = a[i] < v; }
                case LE -> { for (int i = 0; i < n; i++) out[i] = a[i] <= v; }
                case GT -> { for (int i = 0; i < n; i++) out[i] = a[i] > v; }
                case GE -> { for (int i = 0; i < n; i++) out[i] = a[i] >= v; }
                default -> throw new IllegalStateException(op.name());
            }
            return result(out, n, Vectors.nulls(c));
        }
        long[] a = Vectors.longs(c);
        long x = v;
        if (unsigned) {
            a = flip(a);
            x = v ^ Long.MIN_VALUE;
        }
        switch (op) {
            case EQ -> { for (int i = 0; i < n; i++) out[i] = a[i] == x; }
            case NE -> { for (int i = 0; i < n; i++) out[i] = a[i] != x; }
            case LT -> { for (int i = 0; i < n; i++) out[i] = a[i] < x; }
            case LE -> { for (int i = 0; i < n; i++) out[i] = a[i] <= x; }
            case GT -> { for (int i = 0; i < n; i++) out[i] = a[i] > x; }
            case GE -> { for (int i = 0; i < n; i++) out[i] = a[i] >= x; }
            default -> throw new IllegalStateException(op.name());
        }
        return result(out, n, Vectors.nulls(c));
    }

    private static boolean signedInt(DataType t) {
        return switch (t.kind()) {
            case INT8, INT16, INT32, DATE -> true;
            case TIME -> true;
            default -> false;
        };
    }

    /** Branch-free loops per operator; {@code x != x} is the NaN test (NaN is above all numbers). */
    private static Column doubles(BinaryOperator op, Column c, double v) {
        int n = c.size();
        boolean[] out = new boolean[n];
        double[] d = Vectors.doubles(c);
        if (Double.isNaN(v)) {
            for (int i = 0; i < n; i++) out[i] = holds(op, compareDoubles(d[i], v));
        } else {
            switch (op) {
                case EQ -> { for (int i = 0; i < n; i++) out[i] = d[i] == v; }
                case NE -> { for (int i = 0; i < n; i++) out[i] = d[i] != v; }
                case LT -> { for (int i = 0; i < n; i++) out[i] = d[i] < v; }
                case LE -> { for (int i = 0; i < n; i++) out[i] = d[i] <= v; }
                case GT -> { for (int i = 0; i < n; i++) { double x = d[i]; out[i] = x > v || x != x; } }
                case GE -> { for (int i = 0; i < n; i++) { double x = d[i]; out[i] = x >= v || x != x; } }
                default -> throw new IllegalStateException(op.name());
            }
        }
        return result(out, n, Vectors.nulls(c));
    }

    private static Column bytes(BinaryOperator op, Column c, byte[] v) {
        BinaryColumn b = Vectors.bytes(c);
        int n = c.size();
        byte[] data = b.rawData();
        int[] off = b.rawOffsets();
        boolean[] out = new boolean[n];
        if (op == BinaryOperator.EQ || op == BinaryOperator.NE) {
            boolean eq = op == BinaryOperator.EQ;
            for (int i = 0; i < n; i++) {
                out[i] = (off[i + 1] - off[i] == v.length && Arrays.equals(data, off[i], off[i + 1], v, 0, v.length)) == eq;
            }
        } else {
            for (int i = 0; i < n; i++) out[i] = holds(op, Arrays.compareUnsigned(data, off[i], off[i + 1], v, 0, v.length));
        }
        return result(out, n, Vectors.nulls(c));
    }

    static int compareDoubles(double a, double b) {
        if (a != a || b != b) return Boolean.compare(a != a, b != b);
        return a == b ? 0 : a < b ? -1 : 1;
    }

    static boolean holds(BinaryOperator op, int cmp) {
        return switch (op) {
            case EQ -> cmp == 0;
            case NE -> cmp != 0;
            case LT -> cmp < 0;
            case LE -> cmp <= 0;
            case GT -> cmp > 0;
            case GE -> cmp >= 0;
            default -> throw new IllegalStateException(op.name());
        };
    }

    private static long[] flip(long[] a) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] ^ Long.MIN_VALUE;
        return out;
    }

    static Column result(boolean[] out, int n, boolean[] nulls) {
        return new BooleanColumn(Vectors.NAME, out, n, nulls);
    }
}
