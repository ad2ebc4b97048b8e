package dev.streamingadaptive.frame;

import java.util.Arrays;

/** Values stored as Java {@code double}; {@link #type()} says how to interpret them. */
public final class DoubleColumn extends Column {
    private final double[] values;

    /** A FLOAT64 column. */
    public DoubleColumn(String name, double[] values, int size, boolean[] nulls) {
        this(name, DataType.FLOAT64, values, size, nulls);
    }

    /** A column of the given logical type stored as double (for example dates, times, decimals). */
    public DoubleColumn(String name, DataType type, double[] values, int size, boolean[] nulls) {
        super(name, type, size, nulls);
        if (values.length < size) throw new IllegalArgumentException("values shorter than column");
        this.values = values;
    }

    /** The stored value at {@code i} (unspecified when null). */
    public double getDouble(int i) { return values[i]; }

    /** The backing array; at least {@link #size()} long. Do not modify. */
    public double[] rawValues() { return values; }

    @Override protected Object getNonNull(int i) { return values[i]; }
    @Override public Column slice(int offset, int length) {
        return new DoubleColumn(name(), type(), Arrays.copyOfRange(values, offset, offset + length), length, sliceNulls(offset, length));
    }
    @Override public Column rename(String newName) { return new DoubleColumn(newName, type(), values, size(), nulls); }
    @Override public long estimatedBytes() { return (long) values.length * Double.BYTES + nullBytes(); }
}
