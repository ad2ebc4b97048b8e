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
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthViewVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.ExtensionTypeVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies an Arrow vector into one of our columns (heap arrays; the vector may be closed afterwards).
 * Fixed-width values Arrow stores as we do are copied in one bulk copy each.
 */
public final class VectorReader {
    private VectorReader() {}

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /**
     * The column of {@code vector}, typed by {@code field} (its root schema's field: a vector's own field may
     * have renamed nested children); a dictionary-encoded field becomes a {@link DictionaryColumn} over the
     * dictionary {@code dictionaries} holds.
     */
    public static Column read(FieldVector vector, org.apache.arrow.vector.types.pojo.Field field, DictionaryProvider dictionaries) {
        String name = field.getName();
        DictionaryEncoding encoding = field.getDictionary();
        if (encoding != null) {
            Dictionary dictionary = dictionaries == null ? null : dictionaries.lookup(encoding.getId());
            if (dictionary == null) {
                throw new IllegalArgumentException("column '" + name + "': dictionary " + encoding.getId() + " not provided");
            }
            FieldVector dictionaryValues = dictionary.getVector();
            Column values = read(dictionaryValues, dictionaryValues.getField(), null).rename(name);
            BaseIntVector indices = (BaseIntVector) vector;
            int n = vector.getValueCount();
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) if (!vector.isNull(i)) idx[i] = Math.toIntExact(indices.getValueAsLong(i));
            return new DictionaryColumn(name, values, idx, n, nulls(vector));
        }
        return read(vector, name, ArrowFields.dataType(field));
    }

    private static Column read(FieldVector vector, String name, DataType type) {
        int n = vector.getValueCount();
        boolean[] nulls = nulls(vector);
        return switch (vector) {
            case ExtensionTypeVector<?> v -> read(v.getUnderlyingVector(), name, type);
            case NullVector v -> new NullColumn(name, type, n);
            case BitVector v -> {
                boolean[] values = new boolean[n];
                for (int i = 0; i < n; i++) values[i] = !v.isNull(i) && v.get(i) != 0;
                yield new BooleanColumn(name, values, n, nulls);
            }
            case TinyIntVector v when type.kind() == DataType.Kind.BOOLEAN -> {
                boolean[] values = new boolean[n];
                for (int i = 0; i < n; i++) values[i] = !v.isNull(i) && v.get(i) != 0;
                yield new BooleanColumn(name, values, n, nulls);
            }
            case TinyIntVector v -> {
                int[] values = new int[n];
                for (int i = 0; i < n; i++) values[i] = v.isNull(i) ? 0 : v.get(i);
                yield new IntColumn(name, type, values, n, nulls);
            }
            case UInt1Vector v -> {
                int[] values = new int[n];
                for (int i = 0; i < n; i++) values[i] = v.isNull(i) ? 0 : v.get(i) & 0xFF;
                yield new IntColumn(name, type, values, n, nulls);
            }
            case SmallIntVector v -> {
                int[] values = new int[n];
                for (int i = 0; i < n; i++) values[i] = v.isNull(i) ? 0 : v.get(i);
                yield new IntColumn(name, type, values, n, nulls);
            }
            case UInt2Vector v -> {
                int[] values = new int[n];
                for (int i = 0; i < n; i++) values[i] = v.isNull(i) ? 0 : v.get(i);
                yield new IntColumn(name, type, values, n, nulls);
            }
            case IntVector v -> new IntColumn(name, type, ints(v.getDataBuffer(), n), n, nulls);
            case UInt4Vector v -> new IntColumn(name, type, ints(v.getDataBuffer(), n), n, nulls);
            case DateDayVector v -> new IntColumn(name, type, ints(v.getDataBuffer(), n), n, nulls);
            case TimeMilliVector v -> new IntColumn(name, type, ints(v.getDataBuffer(), n), n, nulls);
            case TimeSecVector v -> {
                int[] values = ints(v.getDataBuffer(), n);
                for (int i = 0; i < n; i++) values[i] *= 1000;
                yield new IntColumn(name, type, values, n, nulls);
            }
            case DateMilliVector v -> {
                long[] millis = longs(v.getDataBuffer(), n);
                int[] days = new int[n];
                for (int i = 0; i < n; i++) days[i] = Math.toIntExact(Math.floorDiv(millis[i], 86_400_000L));
                yield new IntColumn(name, type, days, n, nulls);
            }
            case BigIntVector v -> new LongColumn(name, type, longs(v.getDataBuffer(), n), n, nulls);
            case UInt8Vector v -> new LongColumn(name, type, longs(v.getDataBuffer(), n), n, nulls);
            case TimeMicroVector v -> new LongColumn(name, type, longs(v.getDataBuffer(), n), n, nulls);
            case TimeNanoVector v -> new LongColumn(name, type, longs(v.getDataBuffer(), n), n, nulls);
            case TimeStampVector v -> {
                long[] values = longs(v.getDataBuffer(), n);
                if (((ArrowType.Timestamp) v.getField().getType()).getUnit() == org.apache.arrow.vector.types.TimeUnit.SECOND) {
                    for (int i = 0; i < n; i++) values[i] = Math.multiplyExact(values[i], 1000L);
                }
                yield new LongColumn(name, type, values, n, nulls);
            }
            case Float2Vector v -> {
                float[] values = new float[n];
                for (int i = 0; i < n; i++) values[i] = v.isNull(i) ? 0 : Float.float16ToFloat(v.get(i));
                yield new FloatColumn(name, type, values, n, nulls);
            }
            case Float4Vector v -> {
                float[] values = new float[n];
                if (n > 0) MemorySegment.copy(segment(v.getDataBuffer(), (long) n * 4), FLOAT, 0, values, 0, n);
                yield new FloatColumn(name, type, values, n, nulls);
            }
            case Float8Vector v -> {
                double[] values = new double[n];
                if (n > 0) MemorySegment.copy(segment(v.getDataBuffer(), (long) n * 8), DOUBLE, 0, values, 0, n);
                yield new DoubleColumn(name, type, values, n, nulls);
            }
            case DecimalVector v -> decimals(v, 16, name, (DataType.Decimal) type, nulls);
            case Decimal256Vector v -> decimals(v, 32, name, (DataType.Decimal) type, nulls);
            case IntervalMonthDayNanoVector v -> intervals(v, name, type, nulls);
            case FixedSizeBinaryVector v -> {
                int w = v.getByteWidth();
                int[] offsets = new int[n + 1];
                byte[] data = new byte[Math.multiplyExact(n, w)];
                int at = 0;
                ArrowBuf buf = v.getDataBuffer();
                for (int i = 0; i < n; i++) {
                    if (!v.isNull(i)) {
                        buf.getBytes((long) i * w, data, at, w);
                        at += w;
                    }
                    offsets[i + 1] = at;
                }
                yield new BinaryColumn(name, type, offsets, data, n, nulls);
            }
            case BaseVariableWidthVector v -> {
                int[] offsets = ints(v.getOffsetBuffer(), n + 1);
                int first = n == 0 ? 0 : offsets[0];
                if (first != 0) for (int i = 0; i <= n; i++) offsets[i] -= first;
                byte[] data = new byte[offsets[n]];
                if (data.length > 0) v.getDataBuffer().getBytes(first, data, 0, data.length);
                yield new BinaryColumn(name, type, offsets, data, n, nulls);
            }
            case BaseLargeVariableWidthVector v -> {
                List<byte[]> values = new ArrayList<>(n);
                for (int i = 0; i < n; i++) values.add(v.isNull(i) ? null : v.get(i));
                yield BinaryColumn.ofBytes(name, type, values);
            }
            case BaseVariableWidthViewVector v -> {
                List<byte[]> values = new ArrayList<>(n);
                for (int i = 0; i < n; i++) values.add(v.isNull(i) ? null : v.get(i));
                yield BinaryColumn.ofBytes(name, type, values);
            }
            case MapVector v -> {
                int[] offsets = listOffsets(v.getOffsetBuffer(), n);
                StructVector entries = (StructVector) v.getDataVector();
                List<FieldVector> kv = entries.getChildrenFromFields();
                DataType.MapType mt = (DataType.MapType) type;
                Column keys = read(kv.get(0), mt.key().name(), mt.key().type());
                Column values = read(kv.get(1), mt.value().name(), mt.value().type());
                yield new MapColumn(name, mt, offsets, keys, values, n, nulls);
            }
            case ListVector v -> {
                int[] offsets = listOffsets(v.getOffsetBuffer(), n);
                DataType.ListType lt = (DataType.ListType) type;
                Column elements = read(v.getDataVector(), lt.element().name(), lt.element().type());
                yield new ListColumn(name, lt, offsets, elements, n, nulls);
            }
            case LargeListVector v -> {
                int[] offsets = new int[n + 1];
                ArrowBuf off = v.getOffsetBuffer();
                for (int i = 0; i <= n && n > 0; i++) offsets[i] = Math.toIntExact(off.getLong((long) i * 8));
                DataType.ListType lt = (DataType.ListType) type;
                Column elements = read(v.getDataVector(), lt.element().name(), lt.element().type());
                yield new ListColumn(name, lt, offsets, elements, n, nulls);
            }
            case StructVector v -> {
                DataType.StructType st = (DataType.StructType) type;
                List<FieldVector> vectors = v.getChildrenFromFields();
                List<Column> children = new ArrayList<>(vectors.size());
                for (int k = 0; k < vectors.size(); k++) {
                    children.add(read(vectors.get(k), st.fields().get(k).name(), st.fields().get(k).type()));
                }
                yield new StructColumn(name, st, children, n, nulls);
            }
            default -> throw new UnsupportedOperationException("column '" + name + "': Arrow "
                    + vector.getClass().getSimpleName() + " (" + vector.getField().getType() + ") has no streaming-adaptive equivalent");
        };
    }

    /** A list level's offsets; an empty vector may have no offset buffer at all. */
    private static int[] listOffsets(ArrowBuf buf, int n) {
        if (n == 0) return new int[1];
        return ints(buf, n + 1);
    }

    private static Column decimals(BaseFixedWidthVector v, int width, String name, DataType.Decimal type, boolean[] nulls) {
        int n = v.getValueCount();
        ArrowBuf buf = v.getDataBuffer();
        long[] lows = new long[n];
        boolean fitLongs = true;
        for (int i = 0; i < n; i++) {
            if (v.isNull(i)) continue;
            long lo = buf.getLong((long) i * width);
            lows[i] = lo;
            for (int k = 8; k < width && fitLongs; k += 8) fitLongs = buf.getLong((long) i * width + k) == lo >> 63;
        }
        if (type.precision() <= 18) {
            if (!fitLongs) throw new ArithmeticException("column '" + name + "': a " + type + " value exceeds 18 digits");
            return new LongColumn(name, type, lows, n, nulls);
        }
        if (fitLongs) return BinaryColumn.ofUnscaledLongs(name, type, lows, n, nulls);
        List<byte[]> values = new ArrayList<>(n);
        byte[] le = new byte[width];
        for (int i = 0; i < n; i++) {
            if (v.isNull(i)) { values.add(null); continue; }
            buf.getBytes((long) i * width, le, 0, width);
            byte[] be = new byte[width];
            for (int k = 0; k < width; k++) be[k] = le[width - 1 - k];
            values.add(new java.math.BigInteger(be).toByteArray());
        }
        return BinaryColumn.ofBytes(name, type, values);
    }

    /** Arrow's month-day-nanosecond as Parquet's 12-byte interval (milliseconds; finer parts dropped). */
    private static Column intervals(IntervalMonthDayNanoVector v, String name, DataType type, boolean[] nulls) {
        int n = v.getValueCount();
        ArrowBuf buf = v.getDataBuffer();
        List<byte[]> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (v.isNull(i)) { values.add(null); continue; }
            long at = (long) i * 16;
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(buf.getInt(at)).putInt(buf.getInt(at + 4)).putInt((int) Math.floorDiv(buf.getLong(at + 8), 1_000_000L));
            values.add(b.array());
        }
        return BinaryColumn.ofBytes(name, type, values);
    }

    /** Null flags, or null when no value is null. */
    private static boolean[] nulls(FieldVector v) {
        int n = v.getValueCount();
        if (v.getNullCount() == 0) return null;
        boolean[] nulls = new boolean[n];
        for (int i = 0; i < n; i++) nulls[i] = v.isNull(i);
        return nulls;
    }

    private static MemorySegment segment(ArrowBuf buf, long bytes) {
        return MemorySegment.ofBuffer(buf.nioBuffer(0, Math.toIntExact(bytes)));
    }

    private static int[] ints(ArrowBuf buf, int n) {
        int[] out = new int[n];
        if (n > 0) MemorySegment.copy(segment(buf, (long) n * 4), INT, 0, out, 0, n);
        return out;
    }

    private static long[] longs(ArrowBuf buf, int n) {
        long[] out = new long[n];
        if (n > 0) MemorySegment.copy(segment(buf, (long) n * 8), LONG, 0, out, 0, n);
        return out;
    }
}
