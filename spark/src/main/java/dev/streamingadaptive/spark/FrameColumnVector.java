package dev.streamingadaptive.spark;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.BooleanColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.ListColumn;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.MapColumn;
import dev.streamingadaptive.frame.StructColumn;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarArray;
import org.apache.spark.sql.vectorized.ColumnarMap;
import org.apache.spark.unsafe.types.CalendarInterval;
import org.apache.spark.unsafe.types.UTF8String;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * One of our columns (already in Spark's physical types, {@link SparkTypes#adapt}) as Spark's public
 * {@link ColumnVector}: Spark reads our heap arrays in place — no copy, no Arrow buffers, dictionary strings read
 * through their indices. Nested columns expose their elements, keys, values and fields as vectors of their own.
 */
final class FrameColumnVector extends ColumnVector {
    private final Column base;
    /** Row → position in {@link #base} (a dictionary's indices), or null for the identity. */
    private final int[] at;
    /** Null flags by row (the dictionary's and its entries' together), or null when no row is null. */
    private final boolean[] nullFlags;
    private final int nullCount;
    private final int[] ints;
    private final long[] longs;
    private final double[] doubles;
    private final float[] floats;
    private final boolean[] booleans;
    private final BinaryColumn binary;
    private final long[] unscaled;
    private final ColumnVector[] children;
    /** For dictionary strings: each entry's string, made once (its own exact-size array, so Spark copies nothing). */
    private final UTF8String[] entries;

    private FrameColumnVector(DataType type, Column base, int[] at, boolean[] outerNull, int size) {
        super(type);
        this.base = base;
        this.at = at;
        this.ints = base instanceof IntColumn c ? c.rawValues() : null;
        this.longs = base instanceof LongColumn c ? c.rawValues() : null;
        this.doubles = base instanceof DoubleColumn c ? c.rawValues() : null;
        this.floats = base instanceof FloatColumn c ? c.rawValues() : null;
        this.booleans = base instanceof BooleanColumn c ? c.rawValues() : null;
        this.binary = base instanceof BinaryColumn c ? c : null;
        this.unscaled = binary != null ? binary.unscaledLongs() : null;
        this.children = children(type, base);
        this.entries = at != null && binary != null && unscaled == null ? new UTF8String[binary.size()] : null;
        // One flag array in row order, made once per batch: Spark asks isNullAt of every value it reads.
        boolean[] flags = null;
        int nulls = 0;
        if (outerNull != null || base.nullCount() > 0) {
            flags = new boolean[size];
            for (int i = 0; i < size; i++) {
                boolean n = (outerNull != null && outerNull[i]) || base.isNull(at == null ? i : at[i]);
                flags[i] = n;
                if (n) nulls++;
            }
        }
        this.nullFlags = nulls == 0 ? null : flags;
        this.nullCount = nulls;
    }

    /** The vector of {@code column}, typed {@code type} for Spark. */
    static FrameColumnVector of(Column column, DataType type) {
        if (column instanceof DictionaryColumn d) {
            boolean[] outer = null;
            if (d.nullCount() > 0) {
                outer = new boolean[d.size()];
                for (int i = 0; i < outer.length; i++) outer[i] = d.isNull(i);
            }
            return new FrameColumnVector(type, d.dictionary(), d.rawIndices(), outer, d.size());
        }
        return new FrameColumnVector(type, column, null, null, column.size());
    }

    private static ColumnVector[] children(DataType type, Column base) {
        return switch (base) {
            case ListColumn l -> new ColumnVector[] {of(l.elements(), ((ArrayType) type).elementType())};
            case MapColumn m -> new ColumnVector[] {of(m.keys(), ((MapType) type).keyType()), of(m.values(), ((MapType) type).valueType())};
            case StructColumn s -> {
                StructType st = (StructType) type;
                ColumnVector[] out = new ColumnVector[s.children().size()];
                for (int i = 0; i < out.length; i++) out[i] = of(s.children().get(i), st.fields()[i].dataType());
                yield out;
            }
            default -> null;
        };
    }

    private int pos(int rowId) {
        return at == null ? rowId : at[rowId];
    }

    @Override public void close() { }

    @Override public boolean hasNull() { return nullCount > 0; }

    @Override public int numNulls() { return nullCount; }

    @Override
    public boolean isNullAt(int rowId) {
        return nullFlags != null && nullFlags[rowId];
    }

    @Override public boolean getBoolean(int rowId) { return booleans[pos(rowId)]; }

    @Override public byte getByte(int rowId) { return (byte) getInt(rowId); }

    @Override public short getShort(int rowId) { return (short) getInt(rowId); }

    /** Ints, or a long column of an int type (a DATE computed in longs). */
    @Override
    public int getInt(int rowId) {
        int p = pos(rowId);
        return ints != null ? ints[p] : (int) longs[p];
    }

    @Override
    public long getLong(int rowId) {
        int p = pos(rowId);
        return longs != null ? longs[p] : ints[p];
    }

    @Override
    public float getFloat(int rowId) {
        return floats[pos(rowId)];
    }

    @Override
    public double getDouble(int rowId) {
        int p = pos(rowId);
        return doubles != null ? doubles[p] : floats[p];
    }

    @Override
    public Decimal getDecimal(int rowId, int precision, int scale) {
        if (isNullAt(rowId)) return null;
        int p = pos(rowId);
        if (longs != null) return Decimal.createUnsafe(longs[p], precision, scale);
        if (ints != null) return Decimal.createUnsafe(ints[p], precision, scale);
        if (unscaled != null) return Decimal.apply(BigDecimal.valueOf(unscaled[p], scale), precision, scale);
        byte[] b = binary.getBytes(p);
        return Decimal.apply(new BigDecimal(b.length == 0 ? BigInteger.ZERO : new BigInteger(b), scale), precision, scale);
    }

    @Override
    public UTF8String getUTF8String(int rowId) {
        if (isNullAt(rowId)) return null;
        int p = pos(rowId);
        if (entries != null) {
            UTF8String s = entries[p];
            if (s == null) entries[p] = s = UTF8String.fromBytes(binary.getBytes(p));
            return s;
        }
        int[] offsets = binary.rawOffsets();
        return UTF8String.fromBytes(binary.rawData(), offsets[p], offsets[p + 1] - offsets[p]);
    }

    @Override
    public byte[] getBinary(int rowId) {
        if (isNullAt(rowId)) return null;
        int p = pos(rowId);
        int[] offsets = binary.rawOffsets();
        return Arrays.copyOfRange(binary.rawData(), offsets[p], offsets[p + 1]);
    }

    /** Parquet's interval (12 bytes: unsigned months, days, milliseconds) as Spark's. */
    @Override
    public CalendarInterval getInterval(int rowId) {
        if (isNullAt(rowId)) return null;
        int p = pos(rowId);
        int o = binary.rawOffsets()[p];
        byte[] d = binary.rawData();
        return new CalendarInterval(le(d, o), le(d, o + 4), Integer.toUnsignedLong(le(d, o + 8)) * 1000L);
    }

    private static int le(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    @Override
    public ColumnarArray getArray(int rowId) {
        if (isNullAt(rowId)) return null;
        ListColumn l = (ListColumn) base;
        int p = pos(rowId);
        return new ColumnarArray(children[0], l.offset(p), l.offset(p + 1) - l.offset(p));
    }

    @Override
    public ColumnarMap getMap(int rowId) {
        if (isNullAt(rowId)) return null;
        MapColumn m = (MapColumn) base;
        int p = pos(rowId);
        return new ColumnarMap(children[0], children[1], m.offset(p), m.offset(p + 1) - m.offset(p));
    }

    @Override
    public ColumnVector getChild(int ordinal) {
        return children[ordinal];
    }
}
