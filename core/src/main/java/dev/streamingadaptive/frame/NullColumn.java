package dev.streamingadaptive.frame;

import java.util.Arrays;

/** A column whose every value is null (any declared type); holds no data. */
public final class NullColumn extends Column {

    public NullColumn(String name, DataType type, int size) {
        super(name, type, size, allNull(size));
    }

    private static boolean[] allNull(int size) {
        boolean[] b = new boolean[size];
        Arrays.fill(b, true);
        return b;
    }

    @Override protected Object getNonNull(int i) { throw new IllegalStateException("all null"); }
    @Override public Column slice(int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, size());
        return new NullColumn(name(), type(), length);
    }
    @Override public Column rename(String newName) { return new NullColumn(newName, type(), size()); }
    @Override public long estimatedBytes() { return nullBytes(); }
}
