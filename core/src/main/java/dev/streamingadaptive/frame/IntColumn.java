package dev.streamingadaptive.frame;

import java.util.Arrays;

/** Values stored as Java {@code int}; {@link #type()} says how to interpret them. */
public final class IntColumn extends Column {
    private final int[] values;

    /** A INT32 column. */
    public IntColumn(String name, int[] values, int size, boolean[] nulls) {
        this(name, DataType.INT32, values, size, nulls);
    }

    /** A column of the given logical type stored as int (for example dates, times, decimals). */
    public IntColumn(String name, DataType type, int[] values, int size, boolean[] nulls) {
        super(name, type, size, nulls);
        if (values.length < size) throw new IllegalArgumentException("values shorter than column");
        this.values = values;
    }

    /** The stored value at {@code i} (unspecified when null). */
    public int getInt(int i) { return values[i]; }

    /** The backing array; at least {@link #size()} long. Do not modify. */
    public int[] rawValues() { return values; }

    @Override protected Object getNonNull(int i) { return Boxing.boxInt(type(), values[i]); }
    @Override public Column slice(int offset, int length) {
        return new IntColumn(name(), type(), Arrays.copyOfRange(values, offset, offset + length), length, sliceNulls(offset, length));
    }
    @Override public Column rename(String newName) { return new IntColumn(newName, type(), values, size(), nulls); }
    @Override public long estimatedBytes() { return (long) values.length * Integer.BYTES + nullBytes(); }
}
