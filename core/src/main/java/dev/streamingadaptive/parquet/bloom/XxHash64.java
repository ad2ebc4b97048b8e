package dev.streamingadaptive.parquet.bloom;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * XXH64 with seed 0, the hash Parquet bloom filters apply to the PLAIN encoding of a value.
 *
 * <p>Inputs are read as little-endian words whatever the platform, which is what the bloom filter
 * specification means by "the x86-64 version". The fixed-width helpers ({@link #hashInt},
 * {@link #hashLong}, {@link #hashFloat}, {@link #hashDouble}) hash the 4- or 8-byte PLAIN encoding of
 * a value without allocating.
 */
public final class XxHash64 {
    private XxHash64() {}

    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;

    private static final VarHandle ARRAY_LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle ARRAY_INT_LE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong SEG_LONG_LE =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt SEG_INT_LE =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** XXH64 (seed 0) of all of {@code data}. */
    public static long hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    /**
     * XXH64 (seed 0) of {@code data[offset, offset + length)}.
     *
     * @throws IndexOutOfBoundsException if the range is not inside the array
     */
    public static long hash(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        int p = offset;
        int end = offset + length;
        long h;
        if (length >= 32) {
            long v1 = P1 + P2;
            long v2 = P2;
            long v3 = 0;
            long v4 = -P1;
            int stripesEnd = end - 32;
            do {
                v1 = round(v1, (long) ARRAY_LONG_LE.get(data, p));
                v2 = round(v2, (long) ARRAY_LONG_LE.get(data, p + 8));
                v3 = round(v3, (long) ARRAY_LONG_LE.get(data, p + 16));
                v4 = round(v4, (long) ARRAY_LONG_LE.get(data, p + 24));
                p += 32;
            } while (p <= stripesEnd);
            h = converge(v1, v2, v3, v4);
        } else {
            h = P5;
        }
        h += length;
        for (; p + 8 <= end; p += 8) h = mix8(h, (long) ARRAY_LONG_LE.get(data, p));
        if (p + 4 <= end) {
            h = mix4(h, (int) ARRAY_INT_LE.get(data, p));
            p += 4;
        }
        for (; p < end; p++) h = mix1(h, data[p]);
        return avalanche(h);
    }

    /**
     * XXH64 (seed 0) of the {@code length} bytes of {@code seg} starting at {@code offset}.
     *
     * @throws IndexOutOfBoundsException if the range is not inside the segment
     */
    public static long hash(MemorySegment seg, long offset, long length) {
        Objects.checkFromIndexSize(offset, length, seg.byteSize());
        long p = offset;
        long end = offset + length;
        long h;
        if (length >= 32) {
            long v1 = P1 + P2;
            long v2 = P2;
            long v3 = 0;
            long v4 = -P1;
            long stripesEnd = end - 32;
            do {
                v1 = round(v1, seg.get(SEG_LONG_LE, p));
                v2 = round(v2, seg.get(SEG_LONG_LE, p + 8));
                v3 = round(v3, seg.get(SEG_LONG_LE, p + 16));
                v4 = round(v4, seg.get(SEG_LONG_LE, p + 24));
                p += 32;
            } while (p <= stripesEnd);
            h = converge(v1, v2, v3, v4);
        } else {
            h = P5;
        }
        h += length;
        for (; p + 8 <= end; p += 8) h = mix8(h, seg.get(SEG_LONG_LE, p));
        if (p + 4 <= end) {
            h = mix4(h, seg.get(SEG_INT_LE, p));
            p += 4;
        }
        for (; p < end; p++) h = mix1(h, seg.get(ValueLayout.JAVA_BYTE, p));
        return avalanche(h);
    }

    /** XXH64 (seed 0) of the 4-byte little-endian PLAIN encoding of an INT32. */
    public static long hashInt(int value) {
        return avalanche(mix4(P5 + 4, value));
    }

    /** XXH64 (seed 0) of the 8-byte little-endian PLAIN encoding of an INT64. */
    public static long hashLong(long value) {
        return avalanche(mix8(P5 + 8, value));
    }

    /** XXH64 (seed 0) of the PLAIN encoding of a FLOAT: its raw IEEE 754 bits, little-endian. */
    public static long hashFloat(float value) {
        return hashInt(Float.floatToRawIntBits(value));
    }

    /** XXH64 (seed 0) of the PLAIN encoding of a DOUBLE: its raw IEEE 754 bits, little-endian. */
    public static long hashDouble(double value) {
        return hashLong(Double.doubleToRawLongBits(value));
    }

    // ------------------------------------------------------------------ the XXH64 steps

    private static long round(long acc, long input) {
        return Long.rotateLeft(acc + input * P2, 31) * P1;
    }

    private static long mergeRound(long acc, long v) {
        return (acc ^ round(0, v)) * P1 + P4;
    }

    private static long converge(long v1, long v2, long v3, long v4) {
        long h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
        h = mergeRound(h, v1);
        h = mergeRound(h, v2);
        h = mergeRound(h, v3);
        return mergeRound(h, v4);
    }

    private static long mix8(long h, long k) {
        return Long.rotateLeft(h ^ round(0, k), 27) * P1 + P4;
    }

    private static long mix4(long h, int k) {
        return Long.rotateLeft(h ^ (Integer.toUnsignedLong(k) * P1), 23) * P2 + P3;
    }

    private static long mix1(long h, byte b) {
        return Long.rotateLeft(h ^ ((b & 0xFFL) * P5), 11) * P1;
    }

    private static long avalanche(long h) {
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        return h ^ (h >>> 32);
    }
}
