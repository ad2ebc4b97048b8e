package dev.streamingadaptive.frame;

import java.util.Arrays;

/** Booleans, one byte per value. */
public final class BooleanColumn extends Column {
    private final boolean[] values;

    public BooleanColumn(String name, boolean[] values, int size, boolean[] nulls) {
        super(name, DataType.BOOLEAN, size, nulls);
        this.values = values;
    }

    /** The value at {@code i} (false when null). */
    public boolean getBoolean(int i) { return values[i]; }

    /** The backing array; at least {@link #size()} long. Do not modify. */
    public boolean[] rawValues() { return values; }

    @Override protected Object getNonNull(int i) { return values[i]; }
    @Override public Column slice(int offset, int length) {
        return new BooleanColumn(name(), Arrays.copyOfRange(values, offset, offset + length), length, sliceNulls(offset, length));
    }
    @Override public Column rename(String newName) { return new BooleanColumn(newName, values, size(), nulls); }
    @Override public long estimatedBytes() { return values.length + nullBytes(); }
}
