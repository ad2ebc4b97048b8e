package dev.streamingadaptive.text;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.BooleanColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.TimeUnit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds one scalar column from field texts (UTF-8 bytes): one subclass per stored type, each a
 * growable primitive array plus null flags allocated on the first null. {@link #add} casts with
 * {@link TextValues}' rules and reports text that is not of the type instead of throwing, so the
 * caller can name the line or skip the record ({@link #truncate} undoes a partial record).
 */
abstract sealed class ValueColumnBuilder {
    protected final DataType type;
    protected int size;
    private boolean[] nulls;

    ValueColumnBuilder(DataType type) {
        this.type = type;
    }

    /** A builder for {@code type}. @throws IllegalArgumentException for types text cannot hold (nested, binary, unsigned) */
    static ValueColumnBuilder of(DataType type, int capacity) {
        return switch (type.kind()) {
            case BOOLEAN -> new Booleans(type, capacity);
            case INT8, INT16, INT32 -> new Ints(type, capacity);
            case INT64 -> new Longs(type, capacity);
            case FLOAT32 -> new Floats(type, capacity);
            case FLOAT64 -> new Doubles(type, capacity);
            case STRING, JSON -> new Strings(type, capacity);
            case DATE -> new Dates(type, capacity);
            case TIME -> new Times(type, capacity);
            case TIMESTAMP -> new Timestamps(type, capacity);
            case DECIMAL -> new Decimals(type, capacity);
            default -> throw new IllegalArgumentException("text columns cannot be read as " + type);
        };
    }

    /** Whether {@code type} can be read from text. */
    static boolean supports(DataType type) {
        try {
            of(type, 1);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    final int size() { return size; }

    /** Appends the value of {@code b[from, to)}; false (nothing appended) when the text is not of the type. */
    abstract boolean add(byte[] b, int from, int to);

    final void addNull() {
        if (nulls == null) nulls = new boolean[Math.max(capacity(), size + 1)];
        else if (nulls.length <= size) nulls = Arrays.copyOf(nulls, Math.max(capacity(), size + 1));
        nulls[size] = true;
        appendDefault();
    }

    /** Drops the values from row {@code rows} on (a record that turned out bad). */
    void truncate(int rows) {
        if (nulls != null) Arrays.fill(nulls, rows, Math.min(size, nulls.length), false);
        size = rows;
    }

    /** The column; the builder must not be used afterwards. */
    abstract Column build(String name);

    protected final boolean[] nulls() {
        if (nulls != null && nulls.length < size) nulls = Arrays.copyOf(nulls, size);
        return nulls;
    }

    protected abstract int capacity();

    /** Appends a placeholder value under a null flag. */
    protected abstract void appendDefault();

    static final class Booleans extends ValueColumnBuilder {
        private boolean[] values;
        Booleans(DataType t, int n) { super(t); values = new boolean[n]; }
        @Override boolean add(byte[] b, int from, int to) {
            int v = TextValues.parseBoolean(b, from, to);
            if (v < 0) return false;
            if (size == values.length) values = Arrays.copyOf(values, size * 2 + 16);
            values[size++] = v == 1;
            return true;
        }
        @Override protected void appendDefault() { if (size == values.length) values = Arrays.copyOf(values, size * 2 + 16); size++; }
        @Override protected int capacity() { return values.length; }
        @Override Column build(String name) { return new BooleanColumn(name, values, size, nulls()); }
    }

    static final class Ints extends ValueColumnBuilder {
        private int[] values;
        private final int min, max;
        Ints(DataType t, int n) {
            super(t);
            values = new int[n];
            min = t.kind() == DataType.Kind.INT8 ? Byte.MIN_VALUE : t.kind() == DataType.Kind.INT16 ? Short.MIN_VALUE : Integer.MIN_VALUE;
            max = t.kind() == DataType.Kind.INT8 ? Byte.MAX_VALUE : t.kind() == DataType.Kind.INT16 ? Short.MAX_VALUE : Integer.MAX_VALUE;
        }
        @Override boolean add(byte[] b, int from, int to) {
            long v = TextValues.parseLong(b, from, to);
            if (v < min || v > max) return false;
            if (size == values.length) values = Arrays.copyOf(values, size * 2 + 16);
            values[size++] = (int) v;
            return true;
        }
        @Override protected void appendDefault() { if (size == values.length) values = Arrays.copyOf(values, size * 2 + 16); size++; }
        @Override protected int capacity() { return values.length; }
        @Override Column build(String name) { return new IntColumn(name, type, values, size, nulls()); }
    }

    static final class Longs extends ValueColumnBuilder {
        private long[] values;
        Longs(DataType t, int n) { super(t); values = new long[n]; }
        @Override boolean add(byte[] b, int from, int to) {
            long v = TextValues.parseLong(b, from, to);
            if (v == TextValues.NOT_LONG && !TextValues.isMinLong(b, from, to)) return false;
            if (size == values.length) values = Arrays.copyOf(values, size * 2 + 16);
            values[size++] = v;
            return true;
        }
        @Override protected void appendDefault() { if (size == values.length) values = Arrays.copyOf(values, size * 2 + 16); size++; }
        @Override protected int capacity() { return values.length; }
        @Override Column build(String name) { return new LongColumn(name, type, values, size, nulls()); }
    }

    static final class Floats extends ValueColumnBuilder {
        private float[] values;
        private final double[] out = new double[1];
        Floats(DataType t, int n) { super(t); values = new float[n]; }
        @Override boolean add(byte[] b, int from, int to) {
            if (!TextValues.parseDouble(b, from, to, out)) return false;
            if (size == values.length) values = Arrays.copyOf(values, size * 2 + 16);
            values[size++] = (float) out[0];
            return true;
        }
        @Override protected void appendDefault() { if (size == values.length) values = Arrays.copyOf(values, size * 2 + 16); size++; }
        @Override protected int capacity() { return values.length; }
        @Override Column build(String name) { return new FloatColumn(name, type, values, size, nulls()); }
    }

    static final class Doubles extends ValueColumnBuilder {
        private double[] values;
        private final double[] out = new double[1];
        Doubles(DataType t, int n) { super(t); values = new double[n]; }
        @Override boolean add(byte[] b, int from, int to) {
            if (!TextValues.parseDouble(b, from, to, out)) return false;
            if (size == values.length) values = Arrays.copyOf(values, size * 2 + 16);
            values[size++] = out[0];
            return true;
        }
        @Override protected void appendDefault() { if (size == values.length) values = Arrays.copyOf(values, size * 2 + 16); size++; }
        @Override protected int capacity() { return values.length; }
        @Override Column build(String name) { return new DoubleColumn(name, type, values, size, nulls()); }
    }

    static final class Strings extends ValueColumnBuilder {
        private int[] offsets;
        private byte[] data;
        Strings(DataType t, int n) { super(t); offsets = new int[n + 1]; data = new byte[Math.max(64, n * 8)]; }
        @Override boolean add(byte[] b, int from, int to) {
            int len = to - from;
            int at = offsets[size];
            if (at + len > data.length) data = Arrays.copyOf(data, Math.max(data.length * 2, at + len));
            System.arraycopy(b, from, data, at, len);
            append(at + len);
            return true;
        }
        private void append(int end) {
            if (size + 1 == offsets.length) offsets = Arrays.copyOf(offsets, offsets.length * 2);
            offsets[++size] = end;
        }
        @Override protected void appendDefault() { append(offsets[size]); }
        @Override protected int capacity() { return offsets.length - 1; }
        @Override Column build(String name) { return new BinaryColumn(name, type, offsets, data, size, nulls()); }
    }

    static final class Dates extends ValueColumnBuilder {
        private int[] values;
        Dates(DataType t, int n) { super(t); values = new int[n]; }
        @Override boolean add(byte[] b, int from, int to) {
            int v = TextValues.parseDate(b, from, to);
            if (v == TextValues.NOT_DATE) return false;
            if (size == values.length) values = Arrays.copyOf(values, size * 2 + 16);
            values[size++] = v;
            return true;
        }
        @Override protected void appendDefault() { if (size == values.length) values = Arrays.copyOf(values, size * 2 + 16); size++; }
        @Override protected int capacity() { return values.length; }
        @Override Column build(String name) { return new IntColumn(name, type, values, size, nulls()); }
    }

    static final class Times extends ValueColumnBuilder {
        private long[] values;
        private final TimeUnit unit;
        Times(DataType t, int n) { super(t); values = new long[n]; unit = ((DataType.Time) t).unit(); }
        @Override boolean add(byte[] b, int from, int to) {
            long v = TextValues.parseTime(b, from, to);
            if (v == TextValues.NOT_TIME) return false;
            if (size == values.length) values = Arrays.copyOf(values, size * 2 + 16);
            values[size++] = fromMicros(v, unit);
            return true;
        }
        @Override protected void appendDefault() { if (size == values.length) values = Arrays.copyOf(values, size * 2 + 16); size++; }
        @Override protected int capacity() { return values.length; }
        @Override Column build(String name) { return new LongColumn(name, type, values, size, nulls()); }
    }

    static final class Timestamps extends ValueColumnBuilder {
        private long[] values;
        private final TimeUnit unit;
        private final boolean[] zoned = new boolean[1];
        Timestamps(DataType t, int n) { super(t); values = new long[n]; unit = ((DataType.Timestamp) t).unit(); }
        @Override boolean add(byte[] b, int from, int to) {
            long v = TextValues.parseTimestamp(b, from, to, zoned);
            if (v == TextValues.NOT_TIME) return false;
            if (size == values.length) values = Arrays.copyOf(values, size * 2 + 16);
            values[size++] = fromMicros(v, unit);
            return true;
        }
        @Override protected void appendDefault() { if (size == values.length) values = Arrays.copyOf(values, size * 2 + 16); size++; }
        @Override protected int capacity() { return values.length; }
        @Override Column build(String name) { return new LongColumn(name, type, values, size, nulls()); }
    }

    /** Decimals of up to 18 digits, rounded half away from zero to the column's scale (as DuckDB casts). */
    static final class Decimals extends ValueColumnBuilder {
        private long[] values;
        private final DataType.Decimal decimal;
        private final BigDecimal limit;
        Decimals(DataType t, int n) {
            super(t);
            decimal = (DataType.Decimal) t;
            if (decimal.precision() > 18) throw new IllegalArgumentException("text columns cannot be read as " + t + " (at most 18 digits)");
            values = new long[n];
            limit = BigDecimal.TEN.pow(decimal.precision());
        }
        @Override boolean add(byte[] b, int from, int to) {
            from = TextValues.trimStart(b, from, to);
            to = TextValues.trimEnd(b, from, to);
            BigDecimal v;
            try {
                v = new BigDecimal(new String(b, from, to - from, StandardCharsets.US_ASCII)).setScale(decimal.scale(), RoundingMode.HALF_UP);
            } catch (NumberFormatException | ArithmeticException e) {
                return false;
            }
            BigDecimal unscaled = v.movePointRight(decimal.scale());
            if (unscaled.abs().compareTo(limit) >= 0) return false;
            if (size == values.length) values = Arrays.copyOf(values, size * 2 + 16);
            values[size++] = unscaled.longValueExact();
            return true;
        }
        @Override protected void appendDefault() { if (size == values.length) values = Arrays.copyOf(values, size * 2 + 16); size++; }
        @Override protected int capacity() { return values.length; }
        @Override Column build(String name) { return new LongColumn(name, type, values, size, nulls()); }
    }

    static long fromMicros(long micros, TimeUnit unit) {
        return switch (unit) {
            case MICROS -> micros;
            case MILLIS -> Math.floorDiv(micros, 1000);
            case NANOS -> micros * 1000;
        };
    }
}
