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
    /** The bytes, or null until a column made {@linkplain #ofUnscaledLongs from longs} is first read as bytes. */
    private Encoded encoded;
    /** The unscaled values of a wide decimal column made from longs, else null. */
    private final long[] unscaled;

    /** Offsets and bytes together, published at once through final fields (a lazily encoded column may race). */
    private record Encoded(int[] offsets, byte[] data) {}

    /**
     * @param offsets at least {@code size + 1} entries; value i is data[offsets[i], offsets[i+1])
     */
    public BinaryColumn(String name, DataType type, int[] offsets, byte[] data, int size, boolean[] nulls) {
        super(name, type, size, nulls);
        if (offsets.length < size + 1) throw new IllegalArgumentException("offsets shorter than size + 1");
        this.encoded = new Encoded(offsets, data);
        this.unscaled = null;
    }

    private BinaryColumn(String name, DataType type, long[] unscaled, int size, boolean[] nulls) {
        super(name, type, size, nulls);
        this.unscaled = unscaled;
    }

    /**
     * A column of these byte strings, in order; a null entry is a null value (without bytes).
     *
     * @throws ArithmeticException when the bytes together exceed 2 GiB
     */
    public static BinaryColumn ofBytes(String name, DataType type, java.util.List<byte[]> values) {
        int n = values.size();
        int[] offsets = new int[n + 1];
        boolean[] nulls = null;
        long total = 0;
        for (byte[] b : values) if (b != null) total += b.length;
        byte[] data = new byte[Math.toIntExact(total)];
        int at = 0;
        for (int i = 0; i < n; i++) {
            byte[] b = values.get(i);
            if (b == null) {
                if (nulls == null) nulls = new boolean[n];
                nulls[i] = true;
            } else {
                System.arraycopy(b, 0, data, at, b.length);
                at += b.length;
            }
            offsets[i + 1] = at;
        }
        return new BinaryColumn(name, type, offsets, data, n, nulls);
    }

    /**
     * A wide {@code DECIMAL} column (precision above 18, stored as big-endian two's complement bytes, a null
     * without bytes) whose unscaled values all fit a long. Arithmetic and sums read the longs back without
     * decoding ({@link #unscaledLongs()}): money times a rate, as TPC-H's {@code l_extendedprice * (1 -
     * l_discount)}, is typed DECIMAL(31,4) but its values are far below 2^63. The bytes are made only when
     * something reads them.
     *
     * @param unscaled at least {@code size} values; entries at null positions are ignored and not kept
     */
    public static BinaryColumn ofUnscaledLongs(String name, DataType.Decimal type, long[] unscaled, int size, boolean[] nulls) {
        if (type.precision() <= 18) throw new IllegalArgumentException(type + " is stored in longs, not as bytes");
        if (unscaled.length < size) throw new IllegalArgumentException("values shorter than size");
        if (nulls != null) {
            for (int i = 0; i < size; i++) if (nulls[i]) unscaled[i] = 0;
        }
        return new BinaryColumn(name, type, unscaled, size, nulls);
    }

    /**
     * The unscaled values when this column was made {@linkplain #ofUnscaledLongs from longs} (0 at nulls;
     * do not modify), else null: then read the bytes.
     */
    public long[] unscaledLongs() { return unscaled; }

    private Encoded encoded() {
        Encoded e = encoded;
        if (e == null) encoded = e = encode();
        return e;
    }

    /** The bytes of the unscaled longs, as {@link BigInteger#toByteArray()} gives them. */
    private Encoded encode() {
        int n = size();
        int[] offsets = new int[n + 1];
        byte[] data = new byte[n * 8];
        int at = 0;
        for (int i = 0; i < n; i++) {
            if (nulls == null || !nulls[i]) {
                long x = unscaled[i];
                // BigInteger.toByteArray's length: the bit length plus a sign bit, in whole bytes.
                int len = (64 - Long.numberOfLeadingZeros(x ^ (x >> 63))) / 8 + 1;
                for (int k = len - 1; k >= 0; k--) {
                    data[at + k] = (byte) x;
                    x >>= 8;
                }
                at += len;
            }
            offsets[i + 1] = at;
        }
        return new Encoded(offsets, Arrays.copyOf(data, at));
    }

    /** Length in bytes of value {@code i}. */
    public int length(int i) {
        int[] offsets = encoded().offsets;
        return offsets[i + 1] - offsets[i];
    }

    /** A copy of the bytes of value {@code i}. */
    public byte[] getBytes(int i) {
        Encoded e = encoded();
        return Arrays.copyOfRange(e.data, e.offsets[i], e.offsets[i + 1]);
    }

    /** Value {@code i} decoded as UTF-8 (malformed input replaced by U+FFFD). */
    public String getString(int i) {
        Encoded e = encoded();
        return new String(e.data, e.offsets[i], e.offsets[i + 1] - e.offsets[i], StandardCharsets.UTF_8);
    }

    /** The backing offsets; do not modify. */
    public int[] rawOffsets() { return encoded().offsets; }

    /** The backing bytes; do not modify. */
    public byte[] rawData() { return encoded().data; }

    @Override
    protected Object getNonNull(int i) {
        DataType t = type();
        return switch (t.kind()) {
            case STRING, ENUM, JSON -> getString(i);
            case DECIMAL -> {
                if (unscaled != null) yield BigDecimal.valueOf(unscaled[i], ((DataType.Decimal) t).scale());
                int len = length(i);
                Encoded e = encoded();
                BigInteger value = len == 0 ? BigInteger.ZERO : new BigInteger(e.data, e.offsets[i], len);
                yield new BigDecimal(value, ((DataType.Decimal) t).scale());
            }
            case UUID -> {
                ByteBuffer b = ByteBuffer.wrap(rawData(), rawOffsets()[i], 16);
                yield new java.util.UUID(b.getLong(), b.getLong());
            }
            case INTERVAL -> {
                ByteBuffer b = ByteBuffer.wrap(rawData(), rawOffsets()[i], 12).order(ByteOrder.LITTLE_ENDIAN);
                yield new Interval(Integer.toUnsignedLong(b.getInt()), Integer.toUnsignedLong(b.getInt()),
                        Integer.toUnsignedLong(b.getInt()));
            }
            default -> getBytes(i);
        };
    }

    @Override
    public Column slice(int offset, int length) {
        boolean[] n = sliceNulls(offset, length);
        if (unscaled != null) {
            return new BinaryColumn(name(), type(), Arrays.copyOfRange(unscaled, offset, offset + length), length, n);
        }
        int[] offsets = rawOffsets();
        byte[] data = rawData();
        int base = offsets[offset];
        int[] o = Offsets.rebase(offsets, offset, length);
        byte[] d = Arrays.copyOfRange(data, base, offsets[offset + length]);
        return new BinaryColumn(name(), type(), o, d, length, n);
    }

    @Override
    public Column rename(String newName) {
        if (unscaled != null) return new BinaryColumn(newName, type(), unscaled, size(), nulls);
        Encoded e = encoded();
        return new BinaryColumn(newName, type(), e.offsets, e.data, size(), nulls);
    }

    @Override
    public long estimatedBytes() {
        Encoded e = encoded;
        long bytes = unscaled != null ? (long) unscaled.length * 8 : 0;
        if (e != null) bytes += (long) e.offsets.length * 4 + e.data.length;
        return bytes + nullBytes();
    }
}
