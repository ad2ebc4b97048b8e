package dev.streamingadaptive.parquet.encoding;

import java.lang.foreign.MemorySegment;

import static dev.streamingadaptive.parquet.encoding.Bits.BYTE;
import static dev.streamingadaptive.parquet.encoding.Bits.DOUBLE_LE;
import static dev.streamingadaptive.parquet.encoding.Bits.FLOAT_LE;
import static dev.streamingadaptive.parquet.encoding.Bits.INT_LE;
import static dev.streamingadaptive.parquet.encoding.Bits.LONG_LE;
import static dev.streamingadaptive.parquet.encoding.Bits.fail;

/**
 * PLAIN decoding. Every method decodes {@code count} values starting at {@code offset} and returns
 * the offset after them, so that the caller can continue with the next batch.
 */
public final class PlainDecoder {
    private PlainDecoder() {}

    private static void prepare(MemorySegment seg, long offset, long limit, int arrayLength, int dstOff, int count,
                                long bytesEach, String what) {
        Bits.checkRange(seg, offset, limit);
        Bits.checkCount(count, offset);
        Bits.checkDst(arrayLength, dstOff, count);
        Bits.require(offset, limit, count * bytesEach, "PLAIN " + what + " (" + count + " values)");
    }

    public static long readInts(MemorySegment seg, long offset, long limit, int[] dst, int dstOff, int count) {
        prepare(seg, offset, limit, dst.length, dstOff, count, 4, "INT32");
        MemorySegment.copy(seg, INT_LE, offset, dst, dstOff, count);
        return offset + 4L * count;
    }

    public static long readLongs(MemorySegment seg, long offset, long limit, long[] dst, int dstOff, int count) {
        prepare(seg, offset, limit, dst.length, dstOff, count, 8, "INT64");
        MemorySegment.copy(seg, LONG_LE, offset, dst, dstOff, count);
        return offset + 8L * count;
    }

    public static long readFloats(MemorySegment seg, long offset, long limit, float[] dst, int dstOff, int count) {
        prepare(seg, offset, limit, dst.length, dstOff, count, 4, "FLOAT");
        MemorySegment.copy(seg, FLOAT_LE, offset, dst, dstOff, count);
        return offset + 4L * count;
    }

    public static long readDoubles(MemorySegment seg, long offset, long limit, double[] dst, int dstOff, int count) {
        prepare(seg, offset, limit, dst.length, dstOff, count, 8, "DOUBLE");
        MemorySegment.copy(seg, DOUBLE_LE, offset, dst, dstOff, count);
        return offset + 8L * count;
    }

    /**
     * Reads bit-packed booleans (LSB first) starting at bit 0 of {@code offset}.
     *
     * @return the offset after the last byte touched ({@code offset + ceil(count / 8)})
     */
    public static long readBooleans(MemorySegment seg, long offset, long limit, boolean[] dst, int dstOff, int count) {
        Bits.checkRange(seg, offset, limit);
        long bit = readBooleansAtBit(seg, offset * 8, limit, dst, dstOff, count);
        return (bit + 7) >>> 3;
    }

    /**
     * Reads bit-packed booleans starting at absolute bit position {@code bitPosition}
     * ({@code byteOffset * 8 + bitInByte}), for callers that stop in the middle of a byte.
     *
     * @return the bit position after the last value read
     */
    public static long readBooleansAtBit(MemorySegment seg, long bitPosition, long limit, boolean[] dst, int dstOff,
                                         int count) {
        if (bitPosition < 0) throw fail("negative bit position " + bitPosition, 0);
        long offset = bitPosition >>> 3;
        Bits.checkRange(seg, offset, limit);
        Bits.checkCount(count, offset);
        Bits.checkDst(dst.length, dstOff, count);
        long endBit = bitPosition + count;
        if (endBit > limit * 8) {
            throw fail("PLAIN BOOLEAN: " + count + " values need " + (((endBit + 7) >>> 3) - offset) + " bytes but only "
                    + (limit - offset) + " remain", offset);
        }
        int d = dstOff;
        int n = count;
        long bit = bitPosition;
        // leading bits up to a byte boundary
        while (n > 0 && (bit & 7) != 0) {
            dst[d++] = ((seg.get(BYTE, bit >>> 3) >>> (bit & 7)) & 1) != 0;
            bit++;
            n--;
        }
        long p = bit >>> 3;
        while (n >= 64) {
            long v = seg.get(LONG_LE, p);
            for (int i = 0; i < 64; i++) dst[d + i] = ((v >>> i) & 1) != 0;
            d += 64;
            n -= 64;
            p += 8;
        }
        while (n >= 8) {
            int v = seg.get(BYTE, p);
            for (int i = 0; i < 8; i++) dst[d + i] = ((v >>> i) & 1) != 0;
            d += 8;
            n -= 8;
            p++;
        }
        if (n > 0) {
            int v = seg.get(BYTE, p);
            for (int i = 0; i < n; i++) dst[d + i] = ((v >>> i) & 1) != 0;
        }
        return endBit;
    }

    /**
     * Reads INT96 values (deprecated timestamps): the first 8 bytes (nanoseconds of the day) into
     * {@code nanosOfDay}, the last 4 (Julian day) into {@code julianDay}, both at {@code dstOff}.
     */
    public static long readInt96(MemorySegment seg, long offset, long limit, long[] nanosOfDay, int[] julianDay,
                                 int dstOff, int count) {
        prepare(seg, offset, limit, nanosOfDay.length, dstOff, count, 12, "INT96");
        Bits.checkDst(julianDay.length, dstOff, count);
        long p = offset;
        for (int i = 0; i < count; i++, p += 12) {
            nanosOfDay[dstOff + i] = seg.get(LONG_LE, p);
            julianDay[dstOff + i] = seg.get(INT_LE, p + 8);
        }
        return p;
    }

    /** Reads {@code count} BYTE_ARRAY values (4-byte little-endian length, then the bytes) into {@code out}. */
    public static long readByteArrays(MemorySegment seg, long offset, long limit, BinaryBuilder out, int count) {
        Bits.checkRange(seg, offset, limit);
        Bits.checkCount(count, offset);
        Bits.require(offset, limit, 4L * count, "PLAIN BYTE_ARRAY (" + count + " values)");
        long p = offset;
        for (int i = 0; i < count; i++) {
            int len = byteArrayLength(seg, p, limit, i, count);
            out.append(seg, p + 4, len);
            p += 4 + len;
        }
        return p;
    }

    /** Passes over {@code count} BYTE_ARRAY values, checking their lengths; returns the offset after them. */
    public static long skipByteArrays(MemorySegment seg, long offset, long limit, int count) {
        Bits.checkRange(seg, offset, limit);
        Bits.checkCount(count, offset);
        long p = offset;
        for (int i = 0; i < count; i++) p += 4 + byteArrayLength(seg, p, limit, i, count);
        return p;
    }

    /** The length prefix of the BYTE_ARRAY value at {@code p}, checked against the bytes that remain. */
    private static int byteArrayLength(MemorySegment seg, long p, long limit, int i, int count) {
        if (limit - p < 4) throw fail("truncated PLAIN BYTE_ARRAY length (value " + i + " of " + count + ")", p);
        int len = seg.get(INT_LE, p);
        if (len < 0 || len > limit - p - 4) {
            throw fail("PLAIN BYTE_ARRAY length " + Integer.toUnsignedString(len) + " exceeds the "
                    + (limit - p - 4) + " remaining bytes (value " + i + " of " + count + ")", p);
        }
        return len;
    }

    /** Reads {@code count} FIXED_LEN_BYTE_ARRAY values of {@code typeLength} bytes each into {@code out}. */
    public static long readFixedLenByteArrays(MemorySegment seg, long offset, long limit, int typeLength,
                                              BinaryBuilder out, int count) {
        Bits.checkRange(seg, offset, limit);
        Bits.checkCount(count, offset);
        if (typeLength < 0) throw fail("negative FIXED_LEN_BYTE_ARRAY length " + typeLength, offset);
        long total = (long) typeLength * count;
        Bits.require(offset, limit, total, "PLAIN FIXED_LEN_BYTE_ARRAY (" + count + " values of " + typeLength + " bytes)");
        out.appendFixed(seg, offset, typeLength, count);
        return offset + total;
    }
}
