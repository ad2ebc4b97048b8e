package dev.streamingadaptive.arrow.internal;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.BooleanColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.ListColumn;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.MapColumn;
import dev.streamingadaptive.frame.NullColumn;
import dev.streamingadaptive.frame.StructColumn;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Writes a column's values into an Arrow vector of its {@linkplain ArrowFields#field type}. Dictionary
 * columns are decoded here (see {@link #writeIndices} for keeping them encoded). Values stored as Arrow
 * stores them (ints, longs, floats, doubles, UTF-8 bytes with offsets) are copied in one bulk copy each;
 * the rest (narrowed widths, gathered dictionary values, decimals, nested levels) value by value.
 */
public final class VectorWriter {
    private VectorWriter() {}

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Replaces {@code vector}'s contents with all of {@code column}'s values. */
    public static void write(Column column, FieldVector vector) {
        vector.clear();
        write(Rows.of(column), vector);
    }

    /**
     * Writes a dictionary column's indices into an int32 vector: null where the row or its dictionary entry is
     * null. The dictionary itself goes through {@link #write(Column, FieldVector)}.
     */
    public static void writeIndices(DictionaryColumn column, org.apache.arrow.vector.IntVector vector) {
        vector.clear();
        int n = column.size();
        vector.allocateNew(n);
        if (n > 0) copy(column.rawIndices(), vector.getDataBuffer(), n);
        Column dictionary = column.dictionary();
        boolean[] valid = new boolean[n];
        for (int i = 0; i < n; i++) valid[i] = !column.isNull(i) && !dictionary.isNull(column.index(i));
        validity(vector.getValidityBuffer(), valid, n);
        vector.setValueCount(n);
    }

    /**
     * The rows to write: positions into {@code base} ({@code at == null}: rows 0..n-1) and nulls from an outer
     * dictionary or list level ({@code outerNull == null}: none).
     */
    record Rows(Column base, int[] at, boolean[] outerNull, int n) {
        static Rows of(Column c) {
            if (c instanceof DictionaryColumn d) {
                int n = d.size();
                boolean[] outer = null;
                if (d.nullCount() > 0) {
                    outer = new boolean[n];
                    for (int i = 0; i < n; i++) outer[i] = d.isNull(i);
                }
                return new Rows(d.dictionary(), d.rawIndices(), outer, n).unwrap();
            }
            return new Rows(c, null, null, c.size());
        }

        /** A dictionary column at the base (a dictionary of a dictionary, or a gathered one) is looked through. */
        Rows unwrap() {
            if (!(base instanceof DictionaryColumn d)) return this;
            int[] inner = d.rawIndices();
            int[] pos = new int[n];
            boolean[] outer = new boolean[n];
            for (int i = 0; i < n; i++) {
                int p = at(i);
                pos[i] = inner[p];
                outer[i] = (outerNull != null && outerNull[i]) || d.isNull(p);
            }
            return new Rows(d.dictionary(), pos, outer, n).unwrap();
        }

        int at(int i) { return at == null ? i : at[i]; }

        boolean isNull(int i) {
            return (outerNull != null && outerNull[i]) || base.isNull(at(i));
        }

        /** Whether rows map one to one onto the base's first n values. */
        boolean identity() { return at == null && outerNull == null; }

        boolean[] valid() {
            boolean[] v = new boolean[n];
            if (outerNull == null && base.nullCount() == 0) {
                java.util.Arrays.fill(v, true);
            } else {
                for (int i = 0; i < n; i++) v[i] = !isNull(i);
            }
            return v;
        }
    }

    static void write(Rows rows, FieldVector vector) {
        int n = rows.n;
        Column base = rows.base;
        if (base instanceof NullColumn) {
            vector.setInitialCapacity(n);
            vector.allocateNew();
            vector.setValueCount(n);
            return;
        }
        switch (vector) {
            case BitVector v -> writeBooleans(rows, v);
            case Float2Vector v -> writeHalfFloats(rows, v);
            case Float4Vector v -> writeFloats(rows, v);
            case Float8Vector v -> writeDoubles(rows, v);
            case DecimalVector v -> writeDecimals(rows, v, 16);
            case Decimal256Vector v -> writeDecimals(rows, v, 32);
            case IntervalMonthDayNanoVector v -> writeIntervals(rows, v);
            case FixedSizeBinaryVector v -> writeFixedBytes(rows, v);
            case BaseFixedWidthVector v -> writeIntegers(rows, v);
            case BaseVariableWidthVector v -> writeBytes(rows, v);
            case org.apache.arrow.vector.complex.MapVector v -> writeMap(rows, v);
            case ListVector v -> writeList(rows, v);
            case StructVector v -> writeStruct(rows, v);
            default -> throw new UnsupportedOperationException("column '" + base.name() + "': no Arrow writer for "
                    + vector.getClass().getSimpleName());
        }
    }

    // ---- fixed width ------------------------------------------------------------------------------------

    /** Integer-like values (ints, dates, times, timestamps) of 1, 2, 4 or 8 bytes, from int or long storage. */
    private static void writeIntegers(Rows rows, BaseFixedWidthVector v) {
        int n = rows.n;
        int width = v.getTypeWidth();
        v.allocateNew(n);
        ArrowBuf data = v.getDataBuffer();
        Column base = rows.base;
        if (rows.at == null && width == 4 && base instanceof IntColumn c) {
            if (n > 0) copy(c.rawValues(), data, n);
        } else if (rows.at == null && width == 8 && base instanceof LongColumn c) {
            if (n > 0) copy(c.rawValues(), data, n);
        } else {
            for (int i = 0; i < n; i++) {
                int p = rows.at(i);
                if (base.isNull(p)) continue;
                long x = switch (base) {
                    case IntColumn c -> c.getInt(p);
                    case LongColumn c -> c.getLong(p);
                    case BooleanColumn c -> c.getBoolean(p) ? 1 : 0;
                    default -> throw mismatch(base, v);
                };
                switch (width) {
                    case 1 -> data.setByte(i, (int) x);
                    case 2 -> data.setShort((long) i * 2, (short) x);
                    case 4 -> data.setInt((long) i * 4, (int) x);
                    default -> data.setLong((long) i * 8, x);
                }
            }
        }
        finish(rows, v, v.getValidityBuffer());
    }

    private static void writeBooleans(Rows rows, BitVector v) {
        int n = rows.n;
        v.allocateNew(n);
        if (!(rows.base instanceof BooleanColumn c)) throw mismatch(rows.base, v);
        ArrowBuf data = v.getDataBuffer();
        for (int i = 0; i < n; i++) {
            int p = rows.at(i);
            if (!c.isNull(p) && c.getBoolean(p)) BitVectorHelper.setBit(data, i);
        }
        finish(rows, v, v.getValidityBuffer());
    }

    private static void writeHalfFloats(Rows rows, Float2Vector v) {
        int n = rows.n;
        v.allocateNew(n);
        ArrowBuf data = v.getDataBuffer();
        Column base = rows.base;
        for (int i = 0; i < n; i++) {
            int p = rows.at(i);
            if (base.isNull(p)) continue;
            short h = switch (base) {
                case FloatColumn c -> Float.floatToFloat16(c.getFloat(p));
                case IntColumn c -> (short) c.getInt(p);
                case BinaryColumn c -> {
                    byte[] b = c.getBytes(p);
                    yield b.length == 2 ? (short) ((b[0] & 0xFF) | (b[1] << 8)) : 0;
                }
                default -> throw mismatch(base, v);
            };
            data.setShort((long) i * 2, h);
        }
        finish(rows, v, v.getValidityBuffer());
    }

    private static void writeFloats(Rows rows, Float4Vector v) {
        int n = rows.n;
        v.allocateNew(n);
        if (!(rows.base instanceof FloatColumn c)) throw mismatch(rows.base, v);
        ArrowBuf data = v.getDataBuffer();
        if (rows.at == null) {
            if (n > 0) MemorySegment.copy(c.rawValues(), 0, segment(data, (long) n * 4), FLOAT, 0, n);
        } else {
            for (int i = 0; i < n; i++) data.setFloat((long) i * 4, c.getFloat(rows.at(i)));
        }
        finish(rows, v, v.getValidityBuffer());
    }

    private static void writeDoubles(Rows rows, Float8Vector v) {
        int n = rows.n;
        v.allocateNew(n);
        ArrowBuf data = v.getDataBuffer();
        switch (rows.base) {
            case DoubleColumn c when rows.at == null -> {
                if (n > 0) MemorySegment.copy(c.rawValues(), 0, segment(data, (long) n * 8), DOUBLE, 0, n);
            }
            case DoubleColumn c -> {
                for (int i = 0; i < n; i++) data.setDouble((long) i * 8, c.getDouble(rows.at(i)));
            }
            case FloatColumn c -> {
                for (int i = 0; i < n; i++) data.setDouble((long) i * 8, c.getFloat(rows.at(i)));
            }
            default -> throw mismatch(rows.base, v);
        }
        finish(rows, v, v.getValidityBuffer());
    }

    /** Decimals as 16- or 32-byte little-endian two's complement, from int, long, long-backed or byte storage. */
    private static void writeDecimals(Rows rows, BaseFixedWidthVector v, int width) {
        int n = rows.n;
        v.allocateNew(n);
        ArrowBuf data = v.getDataBuffer();
        Column base = rows.base;
        long[] unscaled = base instanceof BinaryColumn b ? b.unscaledLongs() : null;
        for (int i = 0; i < n; i++) {
            int p = rows.at(i);
            if (base.isNull(p)) continue;
            long at = (long) i * width;
            if (base instanceof BinaryColumn b && unscaled == null) {
                // Big-endian two's complement of any length: reversed into little-endian, sign-extended.
                byte[] be = b.getBytes(p);
                byte fill = be.length > 0 && be[0] < 0 ? (byte) -1 : 0;
                if (be.length > width) throw new ArithmeticException("column '" + base.name() + "': a "
                        + be.length + "-byte decimal does not fit Arrow's " + width + " bytes");
                for (int k = 0; k < width; k++) data.setByte(at + k, k < be.length ? be[be.length - 1 - k] : fill);
            } else {
                long x = switch (base) {
                    case IntColumn c -> c.getInt(p);
                    case LongColumn c -> c.getLong(p);
                    case BinaryColumn c -> unscaled[p];
                    default -> throw mismatch(base, v);
                };
                data.setLong(at, x);
                long sign = x >> 63;
                for (int k = 8; k < width; k += 8) data.setLong(at + k, sign);
            }
        }
        finish(rows, v, v.getValidityBuffer());
    }

    /** Parquet's interval (unsigned months, days, milliseconds) as Arrow's month-day-nanosecond. */
    private static void writeIntervals(Rows rows, IntervalMonthDayNanoVector v) {
        int n = rows.n;
        v.allocateNew(n);
        if (!(rows.base instanceof BinaryColumn c)) throw mismatch(rows.base, v);
        ArrowBuf data = v.getDataBuffer();
        for (int i = 0; i < n; i++) {
            int p = rows.at(i);
            if (c.isNull(p) || c.length(p) != 12) continue;
            byte[] b = c.getBytes(p);
            long at = (long) i * 16;
            data.setInt(at, leInt(b, 0));
            data.setInt(at + 4, leInt(b, 4));
            data.setLong(at + 8, Integer.toUnsignedLong(leInt(b, 8)) * 1_000_000L);
        }
        finish(rows, v, v.getValidityBuffer());
    }

    private static void writeFixedBytes(Rows rows, FixedSizeBinaryVector v) {
        int n = rows.n;
        int width = v.getByteWidth();
        v.allocateNew(n);
        if (!(rows.base instanceof BinaryColumn c)) throw mismatch(rows.base, v);
        ArrowBuf data = v.getDataBuffer();
        int[] offsets = c.rawOffsets();
        byte[] bytes = c.rawData();
        for (int i = 0; i < n; i++) {
            int p = rows.at(i);
            if (c.isNull(p)) continue;
            int len = Math.min(width, offsets[p + 1] - offsets[p]);
            data.setBytes((long) i * width, bytes, offsets[p], len);
        }
        finish(rows, v, v.getValidityBuffer());
    }

    // ---- variable width -----------------------------------------------------------------------------------

    private static void writeBytes(Rows rows, BaseVariableWidthVector v) {
        int n = rows.n;
        if (!(rows.base instanceof BinaryColumn c)) throw mismatch(rows.base, v);
        int[] offsets = c.rawOffsets();
        byte[] bytes = c.rawData();
        if (rows.at == null) {
            int first = offsets[0];
            int total = offsets[n] - first;
            v.allocateNew(Math.max(total, 1), n);
            ArrowBuf off = v.getOffsetBuffer();
            if (first == 0) {
                copy(offsets, off, n + 1);
            } else {
                for (int i = 0; i <= n; i++) off.setInt((long) i * 4, offsets[i] - first);
            }
            if (total > 0) v.getDataBuffer().setBytes(0, bytes, first, total);
        } else {
            // Gathered (a dictionary's strings by index): built on the heap, then one bulk copy per buffer.
            boolean[] valid = rows.valid();
            int[] outOffsets = new int[n + 1];
            long total = 0;
            for (int i = 0; i < n; i++) {
                int p = rows.at[i];
                if (valid[i]) total += offsets[p + 1] - offsets[p];
                if (total > Integer.MAX_VALUE) throw new ArithmeticException("column '" + c.name() + "': more than 2 GiB of bytes in one batch");
                outOffsets[i + 1] = (int) total;
            }
            byte[] out = new byte[(int) total];
            for (int i = 0; i < n; i++) {
                int len = outOffsets[i + 1] - outOffsets[i];
                if (len > 0) System.arraycopy(bytes, offsets[rows.at[i]], out, outOffsets[i], len);
            }
            v.allocateNew(Math.max(total, 1), n);
            copy(outOffsets, v.getOffsetBuffer(), n + 1);
            if (total > 0) v.getDataBuffer().setBytes(0, out, 0, total);
            validity(v.getValidityBuffer(), valid, n);
            v.setLastSet(n - 1);
            v.setValueCount(n);
            return;
        }
        finish(rows, v, v.getValidityBuffer());
        v.setLastSet(n - 1);
        v.setValueCount(n);
    }

    // ---- nested ----------------------------------------------------------------------------------------------

    private static void writeList(Rows rows, ListVector v) {
        if (!(rows.base instanceof ListColumn c)) throw mismatch(rows.base, v);
        int n = rows.n;
        int[] children = childPositions(rows, c::offset);
        v.setInitialCapacity(n);
        v.allocateNew();
        writeLevels(rows, v, c::offset);
        write(new Rows(c.elements(), children, null, children.length).unwrap(), v.getDataVector());
        v.setValueCount(n);
    }

    private static void writeMap(Rows rows, org.apache.arrow.vector.complex.MapVector v) {
        if (!(rows.base instanceof MapColumn c)) throw mismatch(rows.base, v);
        int n = rows.n;
        int[] children = childPositions(rows, c::offset);
        v.setInitialCapacity(n);
        v.allocateNew();
        writeLevels(rows, v, c::offset);
        StructVector entries = (StructVector) v.getDataVector();
        int m = children.length;
        entries.setInitialCapacity(m);
        entries.allocateNew();
        for (int i = 0; i < m; i++) entries.setIndexDefined(i);
        write(new Rows(c.keys(), children, null, m).unwrap(), entries.getChildrenFromFields().get(0));
        write(new Rows(c.values(), children, null, m).unwrap(), entries.getChildrenFromFields().get(1));
        entries.setValueCount(m);
        v.setValueCount(n);
    }

    /** Offsets and validity of a list level, row by row through the vector's own bookkeeping. */
    private static void writeLevels(Rows rows, ListVector v, java.util.function.IntUnaryOperator offset) {
        for (int i = 0; i < rows.n; i++) {
            if (rows.isNull(i)) {
                v.setNull(i);
            } else {
                int p = rows.at(i);
                v.startNewValue(i);
                v.endValue(i, offset.applyAsInt(p + 1) - offset.applyAsInt(p));
            }
        }
    }

    /** The element positions of the rows' lists, in row order (none for null rows). */
    private static int[] childPositions(Rows rows, java.util.function.IntUnaryOperator offset) {
        int n = rows.n;
        long total = 0;
        for (int i = 0; i < n; i++) {
            if (rows.isNull(i)) continue;
            int p = rows.at(i);
            total += offset.applyAsInt(p + 1) - offset.applyAsInt(p);
        }
        int[] out = new int[Math.toIntExact(total)];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (rows.isNull(i)) continue;
            int p = rows.at(i);
            for (int e = offset.applyAsInt(p), end = offset.applyAsInt(p + 1); e < end; e++) out[k++] = e;
        }
        return out;
    }

    private static void writeStruct(Rows rows, StructVector v) {
        if (!(rows.base instanceof StructColumn c)) throw mismatch(rows.base, v);
        int n = rows.n;
        v.setInitialCapacity(n);
        v.allocateNew();
        for (int i = 0; i < n; i++) {
            if (rows.isNull(i)) v.setNull(i);
            else v.setIndexDefined(i);
        }
        java.util.List<FieldVector> vectors = v.getChildrenFromFields();
        for (int k = 0; k < vectors.size(); k++) {
            // A null struct's children are written as they are; Arrow ignores them under the parent's null bit.
            write(new Rows(c.children().get(k), rows.at, null, n).unwrap(), vectors.get(k));
        }
        v.setValueCount(n);
    }

    // ---- buffers ----------------------------------------------------------------------------------------------

    /** Validity bits, then the value count. */
    private static void finish(Rows rows, org.apache.arrow.vector.ValueVector v, ArrowBuf validity) {
        int n = rows.n;
        if (rows.identity() && rows.base.nullCount() == 0) {
            if (n > 0) validity.setOne(0, BitVectorHelper.getValidityBufferSizeFromCount(n));
        } else {
            validity(validity, rows.valid(), n);
        }
        if (!(v instanceof BaseVariableWidthVector)) v.setValueCount(n);
    }

    /** Validity bits from flags, packed on the heap and copied in once. */
    private static void validity(ArrowBuf validity, boolean[] valid, int n) {
        int bytes = BitVectorHelper.getValidityBufferSizeFromCount(n);
        byte[] packed = new byte[bytes];
        for (int i = 0; i < n; i++) if (valid[i]) packed[i >>> 3] |= (byte) (1 << (i & 7));
        if (bytes > 0) validity.setBytes(0, packed, 0, bytes);
    }

    private static MemorySegment segment(ArrowBuf buf, long bytes) {
        return MemorySegment.ofBuffer(buf.nioBuffer(0, Math.toIntExact(bytes)));
    }

    private static void copy(int[] values, ArrowBuf to, int n) {
        MemorySegment.copy(values, 0, segment(to, (long) n * 4), INT, 0, n);
    }

    private static void copy(long[] values, ArrowBuf to, int n) {
        MemorySegment.copy(values, 0, segment(to, (long) n * 8), LONG, 0, n);
    }

    private static int leInt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    private static IllegalArgumentException mismatch(Column c, org.apache.arrow.vector.ValueVector v) {
        return new IllegalArgumentException("column '" + c.name() + "' (" + c.type() + ", "
                + c.getClass().getSimpleName() + ") cannot be written into an Arrow " + v.getClass().getSimpleName());
    }
}
