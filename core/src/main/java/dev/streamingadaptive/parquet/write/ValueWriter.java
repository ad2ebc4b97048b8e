package dev.streamingadaptive.parquet.write;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.BooleanColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.NullColumn;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * PLAIN-encodes the values of one physical type into a page buffer and keeps the column chunk's
 * statistics. Each subclass has its own tight loop over the rows.
 */
abstract class ValueWriter {
    static final int MAX_STAT_BYTES = 4096;

    final LeafSpec spec;
    long nullCount;

    ValueWriter(LeafSpec spec) { this.spec = spec; }

    static ValueWriter create(LeafSpec spec) {
        return switch (spec.physical()) {
            case BOOLEAN -> new Bools(spec);
            case INT32 -> new Ints(spec);
            case INT64 -> new Longs(spec);
            case FLOAT -> new Floats(spec);
            case DOUBLE -> new Doubles(spec);
            case BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY -> new Binaries(spec);
            default -> throw new UnsupportedOperationException("physical type " + spec.physical());
        };
    }

    /** Clears statistics for a new column chunk. */
    void resetChunk() {
        nullCount = 0;
        resetStats();
    }

    abstract void resetStats();

    /**
     * Appends rows [from, to) of {@code col} until {@code page} holds at least {@code limit} bytes,
     * writing each row's definition level (0 null, 1 present) to {@code defs[defPos…]}.
     *
     * @return the first row not appended
     */
    final int append(Column col, int from, int to, byte[] defs, int defPos, ByteSink page, int limit) {
        if (col instanceof NullColumn) {
            requireNullable(col);
            int n = to - from;
            Arrays.fill(defs, defPos, defPos + n, (byte) 0);
            nullCount += n;
            return to;
        }
        Column base = col;
        int[] map = null;
        if (col instanceof DictionaryColumn d) {
            base = d.dictionary();
            map = d.rawIndices();
        }
        return appendValues(col, base, map, from, to, defs, defPos, page, limit);
    }

    abstract int appendValues(Column col, Column base, int[] map, int from, int to, byte[] defs, int defPos, ByteSink page, int limit);

    /** Encoded page values as they go into the page (booleans are bit-packed here). */
    ByteSink finishValues(ByteSink page) { return page; }

    /** PLAIN-encoded min, or null when statistics have no min/max. */
    abstract byte[] min();

    abstract byte[] max();

    final void requireNullable(Column col) {
        if (!spec.optional()) {
            throw new IllegalArgumentException("column '" + spec.name() + "' is declared non-nullable but has null values");
        }
    }

    final IllegalArgumentException wrongColumn(Column base) {
        return new IllegalArgumentException("column '" + spec.name() + "' of type " + spec.type() + " cannot be written from a "
                + base.getClass().getSimpleName() + " (" + spec.physical() + " expects "
                + switch (spec.physical()) {
                    case BOOLEAN -> "BooleanColumn";
                    case INT32 -> "IntColumn or LongColumn";
                    case INT64 -> "LongColumn or IntColumn";
                    case FLOAT -> "FloatColumn";
                    case DOUBLE -> "DoubleColumn";
                    default -> "BinaryColumn";
                } + ")");
    }

    static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    static byte[] le64(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) b[i] = (byte) (v >>> (8 * i));
        return b;
    }

    // ---------------------------------------------------------------- BOOLEAN

    /** BOOLEAN, bit-packed into the page as it goes (LSB first). */
    static final class Bools extends ValueWriter {
        private boolean sawTrue, sawFalse;
        private int acc, bits;   // bits not yet in the page

        Bools(LeafSpec spec) { super(spec); }

        @Override void resetStats() { sawTrue = sawFalse = false; }

        @Override
        void resetChunk() {
            super.resetChunk();
            acc = bits = 0;
        }

        @Override
        int appendValues(Column col, Column base, int[] map, int from, int to, byte[] defs, int defPos, ByteSink page, int limit) {
            if (!(base instanceof BooleanColumn b)) throw wrongColumn(base);
            boolean[] vals = b.rawValues();
            int r = from;
            int a = acc, n = bits;
            boolean t = sawTrue, f = sawFalse;
            while (r < to && page.size() < limit) {
                if (col.isNull(r)) {
                    requireNullable(col);
                    defs[defPos++] = 0;
                    nullCount++;
                } else {
                    defs[defPos++] = 1;
                    boolean v = vals[map == null ? r : map[r]];
                    t |= v;
                    f |= !v;
                    a |= (v ? 1 : 0) << n;
                    if (++n == 8) {
                        page.put(a);
                        a = 0;
                        n = 0;
                    }
                }
                r++;
            }
            acc = a;
            bits = n;
            sawTrue = t;
            sawFalse = f;
            return r;
        }

        @Override
        ByteSink finishValues(ByteSink page) {
            if (bits > 0) page.put(acc);
            acc = bits = 0;
            return page;
        }

        @Override byte[] min() { return sawFalse ? new byte[] {0} : sawTrue ? new byte[] {1} : null; }
        @Override byte[] max() { return sawTrue ? new byte[] {1} : sawFalse ? new byte[] {0} : null; }
    }

    // ---------------------------------------------------------------- INT32

    static final class Ints extends ValueWriter {
        private final DataType.Kind kind;
        private long min, max;
        private boolean any;

        Ints(LeafSpec spec) {
            super(spec);
            kind = spec.type().kind();
        }

        @Override void resetStats() { any = false; min = Long.MAX_VALUE; max = Long.MIN_VALUE; }

        private int normalize(int v) {
            return switch (kind) {
                case INT8 -> (byte) v;
                case INT16 -> (short) v;
                case UINT8 -> v & 0xFF;
                case UINT16 -> v & 0xFFFF;
                default -> v;
            };
        }

        private int narrow(long v) {
            if (kind == DataType.Kind.UINT32) {
                if (v < 0 || v > 0xFFFF_FFFFL) throw outOfRange(v);
                return (int) v;
            }
            if (v != (int) v) throw outOfRange(v);
            return normalize((int) v);
        }

        private IllegalArgumentException outOfRange(Object v) {
            return new IllegalArgumentException("column '" + spec.name() + "': value " + v + " does not fit " + spec.type() + " (INT32)");
        }

        @Override
        int appendValues(Column col, Column base, int[] map, int from, int to, byte[] defs, int defPos, ByteSink page, int limit) {
            boolean unsigned = spec.unsigned();
            long mn = min, mx = max;
            int r = from;
            if (base instanceof IntColumn ic) {
                int[] v = ic.rawValues();
                boolean plainInt = kind != DataType.Kind.INT8 && kind != DataType.Kind.INT16
                        && kind != DataType.Kind.UINT8 && kind != DataType.Kind.UINT16;
                while (r < to && page.size() < limit) {
                    if (col.isNull(r)) {
                        requireNullable(col);
                        defs[defPos++] = 0;
                        nullCount++;
                    } else {
                        defs[defPos++] = 1;
                        int x = v[map == null ? r : map[r]];
                        if (!plainInt) x = normalize(x);
                        page.putIntLE(x);
                        long s = unsigned ? Integer.toUnsignedLong(x) : x;
                        if (s < mn) mn = s;
                        if (s > mx) mx = s;
                        any = true;
                    }
                    r++;
                }
            } else if (base instanceof LongColumn lc) {
                long[] v = lc.rawValues();
                while (r < to && page.size() < limit) {
                    if (col.isNull(r)) {
                        requireNullable(col);
                        defs[defPos++] = 0;
                        nullCount++;
                    } else {
                        defs[defPos++] = 1;
                        int x = narrow(v[map == null ? r : map[r]]);
                        page.putIntLE(x);
                        long s = unsigned ? Integer.toUnsignedLong(x) : x;
                        if (s < mn) mn = s;
                        if (s > mx) mx = s;
                        any = true;
                    }
                    r++;
                }
            } else if (base instanceof BinaryColumn bc && kind == DataType.Kind.DECIMAL) {
                while (r < to && page.size() < limit) {
                    if (col.isNull(r)) {
                        requireNullable(col);
                        defs[defPos++] = 0;
                        nullCount++;
                    } else {
                        defs[defPos++] = 1;
                        byte[] b = bc.getBytes(map == null ? r : map[r]);
                        BigInteger bi = b.length == 0 ? BigInteger.ZERO : new BigInteger(b);
                        if (bi.bitLength() > 31) throw outOfRange(bi);
                        int x = bi.intValue();
                        page.putIntLE(x);
                        if (x < mn) mn = x;
                        if (x > mx) mx = x;
                        any = true;
                    }
                    r++;
                }
            } else {
                throw wrongColumn(base);
            }
            min = mn;
            max = mx;
            return r;
        }

        @Override byte[] min() { return any ? le32((int) min) : null; }
        @Override byte[] max() { return any ? le32((int) max) : null; }
    }

    // ---------------------------------------------------------------- INT64

    static final class Longs extends ValueWriter {
        private long min, max;
        private boolean any;

        Longs(LeafSpec spec) { super(spec); }

        @Override void resetStats() { any = false; min = 0; max = 0; }

        private void stat(long x, boolean unsigned) {
            if (!any) {
                min = max = x;
                any = true;
            } else if (unsigned) {
                if (Long.compareUnsigned(x, min) < 0) min = x;
                if (Long.compareUnsigned(x, max) > 0) max = x;
            } else {
                if (x < min) min = x;
                if (x > max) max = x;
            }
        }

        @Override
        int appendValues(Column col, Column base, int[] map, int from, int to, byte[] defs, int defPos, ByteSink page, int limit) {
            boolean unsigned = spec.unsigned();
            int r = from;
            if (base instanceof LongColumn lc) {
                long[] v = lc.rawValues();
                if (!unsigned && map == null) {
                    long mn = any ? min : Long.MAX_VALUE, mx = any ? max : Long.MIN_VALUE;
                    boolean a = any;
                    while (r < to && page.size() < limit) {
                        if (col.isNull(r)) {
                            requireNullable(col);
                            defs[defPos++] = 0;
                            nullCount++;
                        } else {
                            defs[defPos++] = 1;
                            long x = v[r];
                            page.putLongLE(x);
                            if (x < mn) mn = x;
                            if (x > mx) mx = x;
                            a = true;
                        }
                        r++;
                    }
                    if (a) {
                        any = true;
                        min = mn;
                        max = mx;
                    }
                    return r;
                }
                while (r < to && page.size() < limit) {
                    if (col.isNull(r)) {
                        requireNullable(col);
                        defs[defPos++] = 0;
                        nullCount++;
                    } else {
                        defs[defPos++] = 1;
                        long x = v[map == null ? r : map[r]];
                        page.putLongLE(x);
                        stat(x, unsigned);
                    }
                    r++;
                }
            } else if (base instanceof IntColumn ic) {
                int[] v = ic.rawValues();
                while (r < to && page.size() < limit) {
                    if (col.isNull(r)) {
                        requireNullable(col);
                        defs[defPos++] = 0;
                        nullCount++;
                    } else {
                        defs[defPos++] = 1;
                        long x = v[map == null ? r : map[r]];
                        page.putLongLE(x);
                        stat(x, unsigned);
                    }
                    r++;
                }
            } else if (base instanceof BinaryColumn bc && spec.type().kind() == DataType.Kind.DECIMAL) {
                while (r < to && page.size() < limit) {
                    if (col.isNull(r)) {
                        requireNullable(col);
                        defs[defPos++] = 0;
                        nullCount++;
                    } else {
                        defs[defPos++] = 1;
                        byte[] b = bc.getBytes(map == null ? r : map[r]);
                        BigInteger bi = b.length == 0 ? BigInteger.ZERO : new BigInteger(b);
                        if (bi.bitLength() > 63) {
                            throw new IllegalArgumentException("column '" + spec.name() + "': value " + bi + " does not fit " + spec.type());
                        }
                        long x = bi.longValue();
                        page.putLongLE(x);
                        stat(x, false);
                    }
                    r++;
                }
            } else {
                throw wrongColumn(base);
            }
            return r;
        }

        @Override byte[] min() { return any ? le64(min) : null; }
        @Override byte[] max() { return any ? le64(max) : null; }
    }

    // ---------------------------------------------------------------- FLOAT / DOUBLE

    static final class Floats extends ValueWriter {
        private float min, max;
        private boolean any, nan;

        Floats(LeafSpec spec) { super(spec); }

        @Override void resetStats() { any = nan = false; min = Float.POSITIVE_INFINITY; max = Float.NEGATIVE_INFINITY; }

        @Override
        int appendValues(Column col, Column base, int[] map, int from, int to, byte[] defs, int defPos, ByteSink page, int limit) {
            if (!(base instanceof FloatColumn fc)) throw wrongColumn(base);
            float[] v = fc.rawValues();
            int r = from;
            while (r < to && page.size() < limit) {
                if (col.isNull(r)) {
                    requireNullable(col);
                    defs[defPos++] = 0;
                    nullCount++;
                } else {
                    defs[defPos++] = 1;
                    float x = v[map == null ? r : map[r]];
                    page.putIntLE(Float.floatToRawIntBits(x));
                    if (x != x) nan = true;
                    else {
                        if (x < min) min = x;
                        if (x > max) max = x;
                    }
                    any = true;
                }
                r++;
            }
            return r;
        }

        private boolean hasMinMax() { return any && !nan && min <= max; }

        // Spec: a min of zero is written as -0.0 and a max of zero as +0.0.
        @Override byte[] min() { return hasMinMax() ? le32(Float.floatToRawIntBits(min == 0 ? -0.0f : min)) : null; }
        @Override byte[] max() { return hasMinMax() ? le32(Float.floatToRawIntBits(max == 0 ? 0.0f : max)) : null; }
    }

    static final class Doubles extends ValueWriter {
        private double min, max;
        private boolean any, nan;

        Doubles(LeafSpec spec) { super(spec); }

        @Override void resetStats() { any = nan = false; min = Double.POSITIVE_INFINITY; max = Double.NEGATIVE_INFINITY; }

        @Override
        int appendValues(Column col, Column base, int[] map, int from, int to, byte[] defs, int defPos, ByteSink page, int limit) {
            if (!(base instanceof DoubleColumn dc)) throw wrongColumn(base);
            double[] v = dc.rawValues();
            double mn = min, mx = max;
            boolean sawNan = nan, a = any;
            int r = from;
            while (r < to && page.size() < limit) {
                if (col.isNull(r)) {
                    requireNullable(col);
                    defs[defPos++] = 0;
                    nullCount++;
                } else {
                    defs[defPos++] = 1;
                    double x = v[map == null ? r : map[r]];
                    page.putLongLE(Double.doubleToRawLongBits(x));
                    if (x != x) sawNan = true;
                    else {
                        if (x < mn) mn = x;
                        if (x > mx) mx = x;
                    }
                    a = true;
                }
                r++;
            }
            min = mn;
            max = mx;
            nan = sawNan;
            any = a;
            return r;
        }

        private boolean hasMinMax() { return any && !nan && min <= max; }

        @Override byte[] min() { return hasMinMax() ? le64(Double.doubleToRawLongBits(min == 0 ? -0.0 : min)) : null; }
        @Override byte[] max() { return hasMinMax() ? le64(Double.doubleToRawLongBits(max == 0 ? 0.0 : max)) : null; }
    }

    // ---------------------------------------------------------------- BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY

    static final class Binaries extends ValueWriter {
        private final boolean fixed;
        private final int typeLength;
        private byte[] min, max;
        private boolean tooLong;

        Binaries(LeafSpec spec) {
            super(spec);
            fixed = spec.physical() == dev.streamingadaptive.parquet.meta.PhysicalType.FIXED_LEN_BYTE_ARRAY;
            typeLength = spec.typeLength();
        }

        @Override void resetStats() { min = max = null; tooLong = false; }

        /** Updates min/max with data[off, off+len) (unsigned lexicographic order). */
        void stat(byte[] data, int off, int len) {
            if (!spec.minMax() || tooLong) return;
            if (len > MAX_STAT_BYTES) {
                tooLong = true;
                min = max = null;
                return;
            }
            if (min == null) {
                min = Arrays.copyOfRange(data, off, off + len);
                max = min;
                return;
            }
            if (Arrays.compareUnsigned(data, off, off + len, min, 0, min.length) < 0) min = Arrays.copyOfRange(data, off, off + len);
            else if (Arrays.compareUnsigned(data, off, off + len, max, 0, max.length) > 0) max = Arrays.copyOfRange(data, off, off + len);
        }

        @Override
        int appendValues(Column col, Column base, int[] map, int from, int to, byte[] defs, int defPos, ByteSink page, int limit) {
            if (base instanceof FloatColumn fc && spec.type().kind() == DataType.Kind.FLOAT16) return halves(col, fc, map, from, to, defs, defPos, page, limit);
            if (!(base instanceof BinaryColumn bc)) throw wrongColumn(base);
            int[] off = bc.rawOffsets();
            byte[] data = bc.rawData();
            int r = from;
            while (r < to && page.size() < limit) {
                if (col.isNull(r)) {
                    requireNullable(col);
                    defs[defPos++] = 0;
                    nullCount++;
                } else {
                    defs[defPos++] = 1;
                    int j = map == null ? r : map[r];
                    int o = off[j];
                    int len = off[j + 1] - o;
                    if (fixed) {
                        if (len != typeLength) {
                            throw new IllegalArgumentException("column '" + spec.name() + "' of type " + spec.type()
                                    + " needs values of " + typeLength + " bytes, row " + r + " has " + len);
                        }
                    } else {
                        page.putIntLE(len);
                    }
                    page.put(data, o, len);
                    stat(data, o, len);
                }
                r++;
            }
            return r;
        }

        /** FLOAT16 from floats (as our reader returns it): IEEE half precision, little-endian; no statistics. */
        private int halves(Column col, FloatColumn fc, int[] map, int from, int to, byte[] defs, int defPos, ByteSink page, int limit) {
            int r = from;
            while (r < to && page.size() < limit) {
                if (col.isNull(r)) {
                    requireNullable(col);
                    defs[defPos++] = 0;
                    nullCount++;
                } else {
                    defs[defPos++] = 1;
                    short h = Float.floatToFloat16(fc.getFloat(map == null ? r : map[r]));
                    page.put(h & 0xFF);
                    page.put((h >>> 8) & 0xFF);
                }
                r++;
            }
            return r;
        }

        @Override byte[] min() { return min; }
        @Override byte[] max() { return max; }
    }
}
