package dev.streamingadaptive.frame;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Variable-length byte values (strings, binary, fixed binary, large decimals, UUIDs, intervals)
 * stored as one byte array plus {@code size + 1} offsets.
 */
public final class BinaryColumn extends Column {
    private final int[] offsets;
    private final byte[] data;

    /**
     * @param offsets at least {@code size + 1} entries; value i is data[offsets[i], offsets[i+1])
     */
    public BinaryColumn(String name, DataType type, int[] offsets, byte[] data, int size, boolean[] nulls) {
        super(name, type, size, nulls);
        if (offsets.length < size + 1) throw new IllegalArgumentException("offsets shorter than size + 1");
        this.offsets = offsets;
        this.data = data;
    }

    /** Length in bytes of value {@code i}. */
    public int length(int i) { return offsets[i + 1] - offsets[i]; }

    /** A copy of the bytes of value {@code i}. */
    public byte[] getBytes(int i) { return Arrays.copyOfRange(data, offsets[i], offsets[i + 1]); }

    /** Value {@code i} decoded as UTF-8 (malformed input replaced by U+FFFD). */
    public String getString(int i) { return new String(data, offsets[i], offsets[i + 1] - offsets[i], StandardCharsets.UTF_8); }

    /** The backing offsets; do not modify. */
    public int[] rawOffsets() { return offsets; }

    /** The backing bytes; do not modify. */
    public byte[] rawData() { return data; }

    @Override
    protected Object getNonNull(int i) {
        DataType t = type();
        return switch (t.kind()) {
            case STRING, ENUM, JSON -> getString(i);
            case DECIMAL -> {
                int len = length(i);
                BigInteger unscaled = len == 0 ? BigInteger.ZERO : new BigInteger(data, offsets[i], len);
                yield new BigDecimal(unscaled, ((DataType.Decimal) t).scale());
            }
            case UUID -> {
                ByteBuffer b = ByteBuffer.wrap(data, offsets[i], 16);
                yield new java.util.UUID(b.getLong(), b.getLong());
            }
            case INTERVAL -> {
                ByteBuffer b = ByteBuffer.wrap(data, offsets[i], 12).order(ByteOrder.LITTLE_ENDIAN);
                yield new Interval(Integer.toUnsignedLong(b.getInt()), Integer.toUnsignedLong(b.getInt()),
                        Integer.toUnsignedLong(b.getInt()));
            }
            default -> getBytes(i);
        };
    }

    @Override
    public Column slice(int offset, int length) {
        boolean[] n = sliceNulls(offset, length);
        int base = offsets[offset];
        int[] o = Offsets.rebase(offsets, offset, length);
        byte[] d = Arrays.copyOfRange(data, base, offsets[offset + length]);
        return new BinaryColumn(name(), type(), o, d, length, n);
    }

    @Override public Column rename(String newName) { return new BinaryColumn(newName, type(), offsets, data, size(), nulls); }
    @Override public long estimatedBytes() { return (long) offsets.length * 4 + data.length + nullBytes(); }
}
