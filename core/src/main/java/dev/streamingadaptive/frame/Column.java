package dev.streamingadaptive.frame;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable, typed column of values with optional nulls.
 *
 * <p>Each subclass stores one physical representation (ints, longs, bytes, nested offsets…);
 * {@link #type()} says how to read it. {@link #get(int)} boxes one value for convenience,
 * typed accessors on the subclasses avoid boxing.
 */
public abstract sealed class Column
        permits BooleanColumn, IntColumn, LongColumn, FloatColumn, DoubleColumn, BinaryColumn,
                DictionaryColumn, ListColumn, StructColumn, MapColumn, NullColumn {

    private final String name;
    private final DataType type;
    private final int size;
    /** Null flags, or null when no value is null. */
    protected final boolean[] nulls;

    protected Column(String name, DataType type, int size, boolean[] nulls) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        if (size < 0) throw new IllegalArgumentException("negative size " + size);
        if (nulls != null && nulls.length < size) throw new IllegalArgumentException("null flags shorter than column");
        this.size = size;
        this.nulls = nulls;
    }

    /** The column name. */
    public final String name() { return name; }

    /** The logical type. */
    public final DataType type() { return type; }

    /** Number of values, nulls included. */
    public final int size() { return size; }

    /** The field describing this column. */
    public final Field field() { return new Field(name, type, true); }

    /** Whether value {@code i} is null. */
    public final boolean isNull(int i) {
        Objects.checkIndex(i, size);
        return nulls != null && nulls[i];
    }

    /** Number of null values. */
    public final int nullCount() {
        if (nulls == null) return 0;
        int n = 0;
        for (int i = 0; i < size; i++) if (nulls[i]) n++;
        return n;
    }

    /**
     * The value at {@code i} boxed as its natural Java type, or null: Boolean, Byte/Short/Integer/Long
     * (unsigned types widened: UINT8→Short, UINT16→Integer, UINT32→Long, UINT64→BigInteger), Float,
     * Double, String, byte[], BigDecimal, LocalDate, LocalTime, LocalDateTime (or Instant when
     * UTC-adjusted), java.util.UUID, {@link Interval}, List (lists), Map (structs by field name,
     * maps by key, both in order).
     */
    public final Object get(int i) {
        Objects.checkIndex(i, size);
        if (nulls != null && nulls[i]) return null;
        return getNonNull(i);
    }

    /** The boxed value at {@code i}, which is known not to be null. */
    protected abstract Object getNonNull(int i);

    /** A copy of rows [offset, offset + length). */
    public abstract Column slice(int offset, int length);

    /** The same data under another name. */
    public abstract Column rename(String newName);

    /** Approximate heap bytes held by this column. */
    public abstract long estimatedBytes();

    protected final boolean[] sliceNulls(int offset, int length) {
        Objects.checkFromIndexSize(offset, length, size);
        return nulls == null ? null : Arrays.copyOfRange(nulls, offset, offset + length);
    }

    protected final long nullBytes() {
        return nulls == null ? 0 : nulls.length;
    }

    /** Value equality: same name, type and values (nulls equal nulls). */
    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Column c) || !name.equals(c.name) || !type.equals(c.type) || size != c.size) return false;
        for (int i = 0; i < size; i++) {
            if (!Objects.deepEquals(get(i), c.get(i))) return false;
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = name.hashCode() * 31 + size;
        for (int i = 0; i < Math.min(size, 64); i++) h = h * 31 + Arrays.deepHashCode(new Object[] {get(i)});
        return h;
    }

    @Override
    public String toString() {
        return name + ": " + type + " [" + size + " values]";
    }
}
