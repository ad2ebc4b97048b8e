package dev.streamingadaptive.frame;

import java.util.Arrays;

/** Values stored as Java {@code long}; {@link #type()} says how to interpret them. */
public final class LongColumn extends Column {
    private final long[] values;

    /** A INT64 column. */
    public LongColumn(String name, long[] values, int size, boolean[] nulls) {
        this(name, DataType.INT64, values, size, nulls);
    }

    /** A column of the given logical type stored as long (for example dates, times, decimals). */
    public LongColumn(String name, DataType type, long[] values, int size, boolean[] nulls) {
        super(name, type, size, nulls);
        if (values.length < size) throw new IllegalArgumentException("values shorter than column");
        this.values = values;
    }

    /** The stored value at {@code i} (unspecified when null). */
    public long getLong(int i) { return values[i]; }

    /** The backing array; at least {@link #size()} long. Do not modify. */
    public long[] rawValues() { return values; }

    @Override protected Object getNonNull(int i) { return Boxing.boxLong(type(), values[i]); }
    @Override public Column slice(int offset, int length) {
        return new LongColumn(name(), type(), Arrays.copyOfRange(values, offset, offset + length), length, sliceNulls(offset, length));
    }
    @Override public Column rename(String newName) { return new LongColumn(newName, type(), values, size(), nulls); }
    @Override public long estimatedBytes() { return (long) values.length * Long.BYTES + nullBytes(); }
}
