package dev.streamingadaptive.exec.eval;

import dev.streamingadaptive.types.IntRanges;
import dev.streamingadaptive.types.TextParser;
import dev.streamingadaptive.types.TypeNames;
import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.BooleanColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DataType.Kind;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.frame.NullColumn;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * DuckDB's CAST between our types, a whole column at a time; also the implicit conversions that
 * bring the operands of arithmetic and comparisons to one type. Floats become integers rounded
 * half to even (DuckDB's nearbyint), decimals become integers and narrower scales rounded half
 * away from zero, timestamps change unit truncating toward zero; out of range and unparsable text
 * are {@link EvaluationException}s naming the value and the target type.
 */
final class Casts {
    private Casts() {}

    /** {@code in} as {@code to}; {@code what} names the expression in errors. */
    static Column cast(Column in, DataType to, String what) {
        DataType from = in.type();
        if (from.equals(to)) return in;
        int n = in.size();
        if (in instanceof NullColumn) return new NullColumn(Vectors.NAME, to, n);
        boolean[] nl = Vectors.nulls(in);
        Kind f = from.kind();
        if (isString(to)) {
            if (isString(from)) return retype(in, to);
            return toText(in, from, to, nl);
        }
        if (isString(from)) return fromText(in, to, nl, what);
        return switch (to.kind()) {
            case BOOLEAN, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64 -> toInteger(in, from, to, nl, what);
            case FLOAT64 -> new DoubleColumn(Vectors.NAME, DataType.FLOAT64, toDoubles(in, from), n, nl);
            case FLOAT32 -> new FloatColumn(Vectors.NAME, DataType.FLOAT32, toFloats(in, from), n, nl);
            case DECIMAL -> toDecimal(in, from, (DataType.Decimal) to, nl, what);
            case DATE -> {
                if (f != Kind.TIMESTAMP) throw unsupported(from, to);
                long perDay = perDay(((DataType.Timestamp) from).unit());
                long[] v = Vectors.longs(in);
                long[] out = new long[n];
                for (int i = 0; i < n; i++) out[i] = Math.floorDiv(v[i], perDay);
                yield Vectors.ofLongs(to, out, n, nl);
            }
            case TIMESTAMP -> toTimestamp(in, from, (DataType.Timestamp) to, nl, what);
            case TIME -> {
                DataType.Time t = (DataType.Time) to;
                long[] v = Vectors.longs(in);
                long[] out = new long[n];
                if (f == Kind.TIME) {
                    long a = ((DataType.Time) from).unit().perSecond, b = t.unit().perSecond;
                    for (int i = 0; i < n; i++) out[i] = a <= b ? v[i] * (b / a) : v[i] / (a / b);
                } else if (f == Kind.TIMESTAMP) {
                    long a = ((DataType.Timestamp) from).unit().perSecond, b = t.unit().perSecond;
                    for (int i = 0; i < n; i++) {
                        long ofDay = Math.floorMod(v[i], a * 86_400L);
                        out[i] = a <= b ? ofDay * (b / a) : ofDay / (a / b);
                    }
                } else {
                    throw unsupported(from, to);
                }
                yield Vectors.ofLongs(to, out, n, nl);
            }
            case BINARY -> retype(in, to);
            default -> throw unsupported(from, to);
        };
    }

    static boolean isString(DataType t) {
        Kind k = t.kind();
        return k == Kind.STRING || k == Kind.ENUM || k == Kind.JSON;
    }

    static boolean isInteger(DataType t) {
        return switch (t.kind()) {
            case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64 -> true;
            default -> false;
        };
    }

    static boolean isFloat(DataType t) {
        Kind k = t.kind();
        return k == Kind.FLOAT16 || k == Kind.FLOAT32 || k == Kind.FLOAT64;
    }

    private static EvaluationException unsupported(DataType from, DataType to) {
        return new EvaluationException("cannot cast " + TypeNames.of(from) + " to " + TypeNames.of(to));
    }

    static long perDay(dev.streamingadaptive.frame.TimeUnit u) {
        return u.perSecond * 86_400L;
    }

    private static Column retype(Column in, DataType to) {
        BinaryColumn b = Vectors.bytes(in);
        return new BinaryColumn(Vectors.NAME, to, b.rawOffsets(), b.rawData(), b.size(), Vectors.nulls(in));
    }

    private static EvaluationException outOfRange(String value, DataType to, String what) {
        return new EvaluationException("cannot cast " + value + " to " + TypeNames.of(to) + ": out of range in " + what);
    }

    // ---- to integers and booleans ----

    private static Column toInteger(Column in, DataType from, DataType to, boolean[] nl, String what) {
        int n = in.size();
        long[] out = new long[n];
        boolean bool = to.kind() == Kind.BOOLEAN;
        if (from.kind() == Kind.BOOLEAN || isInteger(from)) {
            long[] v = Vectors.longs(in);
            if (bool) {
                for (int i = 0; i < n; i++) out[i] = v[i] != 0 ? 1 : 0;
            } else {
                boolean fromU64 = from.kind() == Kind.UINT64, toU64 = to.kind() == Kind.UINT64;
                long min = IntRanges.min(to), max = IntRanges.max(to);
                for (int i = 0; i < n; i++) {
                    long x = v[i];
                    boolean ok = fromU64 ? (toU64 || (x >= 0 && x <= max)) : (toU64 ? x >= 0 : x >= min && x <= max);
                    if (!ok && !(nl != null && nl[i])) {
                        throw outOfRange(fromU64 ? Long.toUnsignedString(x) : Long.toString(x), to, what);
                    }
                    out[i] = x;
                }
            }
        } else if (isFloat(from)) {
            double[] v = Vectors.doubles(in);
            boolean toU64 = to.kind() == Kind.UINT64;
            for (int i = 0; i < n; i++) {
                if (nl != null && nl[i]) continue;
                double x = v[i];
                if (bool) {
                    out[i] = x != 0 ? 1 : 0;
                    continue;
                }
                double r = Math.rint(x); // nearbyint: halves to even, as DuckDB
                if (toU64) {
                    if (!(r >= 0 && r < 18446744073709551616.0)) throw outOfRange(TextFormat.ofDouble(x), to, what);
                    out[i] = r >= 9223372036854775808.0 ? (long) (r - 9223372036854775808.0) ^ Long.MIN_VALUE : (long) r;
                } else {
                    if (!(r >= -9223372036854775808.0 && r < 9223372036854775808.0)) throw outOfRange(TextFormat.ofDouble(x), to, what);
                    long l = (long) r;
                    if (l < IntRanges.min(to) || l > IntRanges.max(to)) throw outOfRange(TextFormat.ofDouble(x), to, what);
                    out[i] = l;
                }
            }
        } else if (from instanceof DataType.Decimal d) {
            BigInteger p = NumberCasts.pow10(d.scale());
            boolean small = Vectors.isLongStored(d);
            long[] lv = small ? Vectors.longs(in) : null;
            BigInteger[] bv = small ? null : Vectors.bigs(in);
            for (int i = 0; i < n; i++) {
                if (nl != null && nl[i]) continue;
                if (bool) {
                    out[i] = (small ? lv[i] != 0 : bv[i].signum() != 0) ? 1 : 0;
                    continue;
                }
                BigInteger r;
                if (small) {
                    long q = d.scale() == 0 ? lv[i] : NumberCasts.divRound(lv[i], NumberCasts.POW10_LONG[d.scale()]);
                    if (IntRanges.fits(q, to)) {
                        out[i] = q;
                        continue;
                    }
                    r = BigInteger.valueOf(q);
                } else {
                    r = NumberCasts.divRound(bv[i], p);
                }
                if (!IntRanges.fits(r, to)) throw outOfRange(small ? TextFormat.ofDecimal(lv[i], d.scale()) : TextFormat.ofDecimal(bv[i], d.scale()), to, what);
                out[i] = r.longValue();
            }
        } else {
            throw unsupported(from, to);
        }
        return Vectors.ofLongs(to, out, n, nl);
    }

    // ---- to floats ----

    static double[] toDoubles(Column in, DataType from) {
        int n = in.size();
        if (isFloat(from) || in instanceof NullColumn) return Vectors.doubles(in);
        double[] out = new double[n];
        if (from instanceof DataType.Decimal d) {
            if (Vectors.isLongStored(d)) {
                long[] v = Vectors.longs(in);
                for (int i = 0; i < n; i++) out[i] = NumberCasts.decimalToDouble(v[i], d.scale());
            } else {
                BigInteger[] v = Vectors.bigs(in);
                for (int i = 0; i < n; i++) if (v[i] != null) out[i] = NumberCasts.decimalToDouble(v[i], d.precision(), d.scale());
            }
            return out;
        }
        long[] v = Vectors.longs(in);
        if (from.kind() == Kind.UINT64) {
            for (int i = 0; i < n; i++) out[i] = NumberCasts.unsignedToDouble(v[i]);
        } else {
            for (int i = 0; i < n; i++) out[i] = v[i];
        }
        return out;
    }

    static float[] toFloats(Column in, DataType from) {
        int n = in.size();
        if (isFloat(from) || in instanceof NullColumn) return Vectors.floats(in);
        float[] out = new float[n];
        if (from instanceof DataType.Decimal d) {
            if (Vectors.isLongStored(d)) {
                long[] v = Vectors.longs(in);
                for (int i = 0; i < n; i++) out[i] = NumberCasts.decimalToFloat(v[i], d.precision(), d.scale());
            } else {
                BigInteger[] v = Vectors.bigs(in);
                for (int i = 0; i < n; i++) if (v[i] != null) out[i] = NumberCasts.decimalToFloat(v[i], d.precision(), d.scale());
            }
            return out;
        }
        long[] v = Vectors.longs(in);
        if (from.kind() == Kind.UINT64) {
            for (int i = 0; i < n; i++) out[i] = (float) NumberCasts.unsignedToDouble(v[i]);
        } else {
            for (int i = 0; i < n; i++) out[i] = v[i];
        }
        return out;
    }

    // ---- to decimals ----

    private static Column toDecimal(Column in, DataType from, DataType.Decimal to, boolean[] nl, String what) {
        int n = in.size();
        BigInteger limit = NumberCasts.pow10(to.precision());
        boolean smallOut = to.precision() <= 18;
        long smallLimit = smallOut ? NumberCasts.POW10_LONG[to.precision()] : 0;
        long[] lout = smallOut ? new long[n] : null;
        BigInteger[] bout = smallOut ? null : new BigInteger[n];
        DataType.Decimal src = from instanceof DataType.Decimal d ? d : isInteger(from) || from.kind() == Kind.BOOLEAN ? new DataType.Decimal(20, 0) : null;
        if (src != null) {
            boolean smallIn = Vectors.isLongStored(from) && from.kind() != Kind.UINT64;
            if (!smallOut && from.kind() != Kind.UINT64) {
                Column wide = wideFromLongs(in, from, src, to, nl);
                if (wide != null) return wide;
            }
            long[] lv = smallIn ? Vectors.longs(in) : null;
            BigInteger[] bv = smallIn ? null : from.kind() == Kind.UINT64 ? unsignedBigs(in, nl) : Vectors.bigs(in);
            int shift = to.scale() - src.scale();
            if (smallIn && smallOut && shift >= 0 && shift < 19) return rescaleLongs(lv, n, nl, src, to, shift, what);
            for (int i = 0; i < n; i++) {
                if (nl != null && nl[i]) continue;
                if (smallIn && smallOut) {
                    long x = lv[i];
                    // Finer by 0-18 digits went to rescaleLongs; 19 or more never fit a long-stored decimal.
                    long r = shift >= 0 ? Long.MAX_VALUE
                            : -shift < 19 ? NumberCasts.divRound(x, NumberCasts.POW10_LONG[-shift]) : 0;
                    if (r >= smallLimit || r <= -smallLimit) {
                        throw outOfRange(src.scale() == 0 ? Long.toString(x) : TextFormat.ofDecimal(x, src.scale()), to, what);
                    }
                    lout[i] = r;
                    continue;
                }
                BigInteger x = smallIn ? BigInteger.valueOf(lv[i]) : bv[i];
                BigInteger r = shift >= 0 ? x.multiply(NumberCasts.pow10(shift)) : NumberCasts.divRound(x, NumberCasts.pow10(-shift));
                if (r.abs().compareTo(limit) >= 0) throw outOfRange(TextFormat.ofDecimal(x, src.scale()), to, what);
                if (smallOut) lout[i] = r.longValue();
                else bout[i] = r;
            }
        } else if (isFloat(from)) {
            double[] v = Vectors.doubles(in);
            double scale = NumberCasts.POW10[to.scale()];
            for (int i = 0; i < n; i++) {
                if (nl != null && nl[i]) continue;
                double x = NumberCasts.round(v[i] * scale);
                if (!Double.isFinite(x) || Math.abs(x) >= NumberCasts.POW10[to.precision()]) {
                    throw outOfRange(isFloatKind(from) ? TextFormat.ofFloat((float) v[i]) : TextFormat.ofDouble(v[i]), to, what);
                }
                if (smallOut) lout[i] = (long) x;
                else bout[i] = new BigDecimal(x).toBigInteger();
            }
        } else {
            throw unsupported(from, to);
        }
        if (smallOut) return Vectors.ofLongs(to, lout, n, nl);
        return Vectors.ofBigs(to, bout, n, nl);
    }

    /**
     * Long-stored values to a long-stored decimal {@code shift} (0..18) digits finer: one multiply and range check a
     * value, without branches but the failing one (a constant {@code 1 + x} in TPC-H Q1 casts a whole column each
     * batch). Widening at the same scale keeps the values as they are.
     */
    /**
     * A cast to a wide decimal computed in longs when every value fits one before and after the rescale, else null
     * (the caller then uses BigIntegers). A sum's DECIMAL(38,2) compared with a DECIMAL(38,6) threshold (TPC-H Q11)
     * holds values far below 2^63. A wide type has at least 19 digits, so no long exceeds its precision.
     */
    private static Column wideFromLongs(Column in, DataType from, DataType.Decimal src, DataType.Decimal to, boolean[] nl) {
        int shift = to.scale() - src.scale();
        if (shift < 0 || shift >= 19) return null;
        long[] v = Vectors.isLongStored(from) ? Vectors.longs(in) : from instanceof DataType.Decimal ? Vectors.longsIfFit(in) : null;
        if (v == null) return null;
        int n = in.size();
        long p = NumberCasts.POW10_LONG[shift];
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            if (nl != null && nl[i]) continue;   // a null slot's value is arbitrary: it stays 0
            long x = v[i];
            long r = x * p;
            if (Math.multiplyHigh(x, p) != (r >> 63)) return null;
            out[i] = r;
        }
        return Vectors.ofWideLongs(to, out, n, nl);
    }

    private static Column rescaleLongs(long[] v, int n, boolean[] nl, DataType.Decimal src, DataType.Decimal to, int shift, String what) {
        if (shift == 0 && to.precision() >= src.precision()) return Vectors.ofLongs(to, v, n, nl);
        long p = NumberCasts.POW10_LONG[shift];
        long limit = NumberCasts.POW10_LONG[to.precision()];
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long x = v[i];
            long r = x * p;
            boolean bad = Math.multiplyHigh(x, p) != (r >> 63) | r >= limit | r <= -limit;
            if (bad) {
                if (nl != null && nl[i]) continue;   // a null slot's value is arbitrary: it stays 0
                throw outOfRange(src.scale() == 0 ? Long.toString(x) : TextFormat.ofDecimal(x, src.scale()), to, what);
            }
            out[i] = r;
        }
        return Vectors.ofLongs(to, out, n, nl);
    }

    private static boolean isFloatKind(DataType t) {
        return t.kind() == Kind.FLOAT32 || t.kind() == Kind.FLOAT16;
    }

    private static BigInteger[] unsignedBigs(Column in, boolean[] nl) {
        long[] v = Vectors.longs(in);
        BigInteger[] out = new BigInteger[v.length];
        for (int i = 0; i < in.size(); i++) {
            if (nl != null && nl[i]) continue;
            out[i] = v[i] >= 0 ? BigInteger.valueOf(v[i]) : BigInteger.valueOf(v[i]).add(BigInteger.ONE.shiftLeft(64));
        }
        return out;
    }

    // ---- temporal ----

    private static Column toTimestamp(Column in, DataType from, DataType.Timestamp to, boolean[] nl, String what) {
        int n = in.size();
        long[] v = Vectors.longs(in);
        long[] out = new long[n];
        long b = to.unit().perSecond;
        if (from.kind() == Kind.DATE) {
            long perDay = b * 86_400L;
            for (int i = 0; i < n; i++) {
                long r = v[i] * perDay;
                if (Math.multiplyHigh(v[i], perDay) != (r >> 63) && !(nl != null && nl[i])) {
                    throw outOfRange(TextFormat.ofDate(v[i]), to, what);
                }
                out[i] = r;
            }
        } else if (from instanceof DataType.Timestamp ft) {
            long a = ft.unit().perSecond;
            if (a == b) return Vectors.ofLongs(to, v, n, nl);
            for (int i = 0; i < n; i++) {
                long x = v[i];
                if (x == Long.MAX_VALUE || x == -Long.MAX_VALUE) {
                    out[i] = x;
                } else if (a < b) {
                    long r = x * (b / a);
                    if (Math.multiplyHigh(x, b / a) != (r >> 63) && !(nl != null && nl[i])) {
                        throw outOfRange(TextFormat.ofTimestamp(x, ft), to, what);
                    }
                    out[i] = r;
                } else {
                    out[i] = x / (a / b); // truncation toward zero, as DuckDB
                }
            }
        } else {
            throw unsupported(from, to);
        }
        return Vectors.ofLongs(to, out, n, nl);
    }

    // ---- text ----

    private static Column toText(Column in, DataType from, DataType to, boolean[] nl) {
        int n = in.size();
        Vectors.BytesBuilder b = new Vectors.BytesBuilder(n);
        Kind f = from.kind();
        if (f == Kind.UUID) {
            BinaryColumn bc = Vectors.bytes(in);
            for (int i = 0; i < n; i++) {
                if (nl != null && nl[i]) {
                    b.addEmpty();
                    continue;
                }
                ByteBuffer buf = ByteBuffer.wrap(bc.rawData(), bc.rawOffsets()[i], 16);
                b.addString(new UUID(buf.getLong(), buf.getLong()).toString());
            }
            return b.build(to, nl);
        }
        if (isFloat(from)) {
            double[] v = Vectors.doubles(in);
            boolean single = f != Kind.FLOAT64;
            for (int i = 0; i < n; i++) {
                if (nl != null && nl[i]) b.addEmpty();
                else b.addString(single ? TextFormat.ofFloat((float) v[i]) : TextFormat.ofDouble(v[i]));
            }
            return b.build(to, nl);
        }
        if (from instanceof DataType.Decimal d && !Vectors.isLongStored(d)) {
            BigInteger[] v = Vectors.bigs(in);
            for (int i = 0; i < n; i++) {
                if (nl != null && nl[i]) b.addEmpty();
                else b.addString(TextFormat.ofDecimal(v[i], d.scale()));
            }
            return b.build(to, nl);
        }
        long[] v = Vectors.longs(in);
        for (int i = 0; i < n; i++) {
            if (nl != null && nl[i]) {
                b.addEmpty();
                continue;
            }
            long x = v[i];
            b.addString(switch (from) {
                case DataType.Decimal d -> TextFormat.ofDecimal(x, d.scale());
                case DataType.Time t -> TextFormat.ofTime(x, t.unit());
                case DataType.Timestamp t -> TextFormat.ofTimestamp(x, t);
                default -> switch (f) {
                    case BOOLEAN -> x != 0 ? "true" : "false";
                    case UINT64 -> Long.toUnsignedString(x);
                    case DATE -> TextFormat.ofDate(x);
                    default -> Long.toString(x);
                };
            });
        }
        return b.build(to, nl);
    }

    private static Column fromText(Column in, DataType to, boolean[] nl, String what) {
        int n = in.size();
        BinaryColumn s = Vectors.bytes(in);
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            if (nl != null && nl[i]) continue;
            try {
                values[i] = TextParser.parse(s.getString(i), to);
            } catch (IllegalArgumentException e) {
                throw new EvaluationException(e.getMessage() + " in " + what);
            }
        }
        return Literals.column(to, values, n, nl);
    }
}
