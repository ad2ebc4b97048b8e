package dev.streamingadaptive.frame;

import java.util.Arrays;

/** Values stored as Java {@code float}; {@link #type()} says how to interpret them. */
public final class FloatColumn extends Column {
    private final float[] values;

    /** A FLOAT32 column. */
    public FloatColumn(String name, float[] values, int size, boolean[] nulls) {
        this(name, DataType.FLOAT32, values, size, nulls);
    }

    /** A column of the given logical type stored as float (for example dates, times, decimals). */
    public FloatColumn(String name, DataType type, float[] values, int size, boolean[] nulls) {
        super(name, type, size, nulls);
        if (values.length < size) throw new IllegalArgumentException("values shorter than column");
        this.values = values;
    }

    /** The stored value at {@code i} (unspecified when null). */
    public float getFloat(int i) { return values[i]; }

    /** The backing array; at least {@link #size()} long. Do not modify. */
    public float[] rawValues() { return values; }

    @Override protected Object getNonNull(int i) { return values[i]; }
    @Override public Column slice(int offset, int length) {
        return new FloatColumn(name(), type(), Arrays.copyOfRange(values, offset, offset + length), length, sliceNulls(offset, length));
    }
    @Override public Column rename(String newName) { return new FloatColumn(newName, type(), values, size(), nulls); }
    @Override public long estimatedBytes() { return (long) values.length * Float.BYTES + nullBytes(); }
}
