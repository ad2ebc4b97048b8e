package dev.streamingadaptive.parquet.encoding;

import dev.streamingadaptive.parquet.ParquetFormatException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Shared little-endian layouts, varint reading and bit unpacking for the decoders. */
final class Bits {
    private Bits() {}

    static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG_BE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfDouble DOUBLE_LE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    static ParquetFormatException fail(String what, long offset) {
        return new ParquetFormatException(what + " at offset " + offset);
    }

    /** Validates the offset/limit pair against the segment. */
    static void checkRange(MemorySegment seg, long offset, long limit) {
        if (offset < 0 || limit < offset || limit > seg.byteSize()) {
            throw new ParquetFormatException("invalid data range [" + offset + ", " + limit + ") in a segment of "
                    + seg.byteSize() + " bytes at offset " + offset);
        }
    }

    static void checkCount(int count, long offset) {
        if (count < 0) throw fail("negative value count " + count, offset);
    }

    static void checkDst(int arrayLength, int dstOffset, int count) {
        if (dstOffset < 0 || count < 0 || dstOffset > arrayLength - count) {
            throw new IndexOutOfBoundsException("destination range " + dstOffset + "+" + count + " of " + arrayLength);
        }
    }

    /** Throws unless {@code need} bytes are available at {@code pos}. */
    static void require(long pos, long limit, long need, String what) {
        if (need < 0 || need > limit - pos) {
            throw fail(what + ": need " + need + " bytes but only " + Math.max(0, limit - pos) + " remain", pos);
        }
    }

    /**
     * Reads an unsigned LEB128 varint of at most 64 bits starting at {@code pos}. Returns the value;
     * the number of bytes consumed is written to {@code lenOut[0]}.
     */
    static long readUleb(MemorySegment seg, long pos, long limit, int[] lenOut, String what) {
        long result = 0;
        int shift = 0;
        long p = pos;
        while (true) {
            if (p >= limit) throw fail("truncated varint (" + what + ")", pos);
            int b = seg.get(BYTE, p++);
            if (shift == 63 && (b & 0x7E) != 0) throw fail("varint overflows 64 bits (" + what + ")", pos);
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) break;
            shift += 7;
            if (shift > 63) throw fail("varint longer than 10 bytes (" + what + ")", pos);
        }
        lenOut[0] = (int) (p - pos);
        return result;
    }

    /** Reads up to 8 bytes at {@code p} (little-endian), zero-filling bytes at or beyond {@code limit}. */
    static long loadLongPartial(MemorySegment seg, long p, long limit) {
        if (p + 8 <= limit) return seg.get(LONG_LE, p);
        long v = 0;
        for (int k = 0; k < 8 && p + k < limit; k++) {
            v |= (seg.get(BYTE, p + k) & 0xFFL) << (8 * k);
        }
        return v;
    }

    /**
     * Unpacks 8 values of {@code w} bits (1..32, LSB-first order) from the {@code w} bytes at {@code pos}.
     * The caller guarantees {@code pos + w <= limit}.
     */
    static void unpack8Ints(MemorySegment seg, long pos, long limit, int w, int[] dst, int d) {
        long mask = (1L << w) - 1;
        if (pos + w + 8 <= limit) {
            switch (w) {
                case 1 -> {
                    int b = seg.get(BYTE, pos);
                    dst[d] = b & 1; dst[d + 1] = (b >>> 1) & 1; dst[d + 2] = (b >>> 2) & 1; dst[d + 3] = (b >>> 3) & 1;
                    dst[d + 4] = (b >>> 4) & 1; dst[d + 5] = (b >>> 5) & 1; dst[d + 6] = (b >>> 6) & 1; dst[d + 7] = (b >>> 7) & 1;
                }
                case 8 -> {
                    long v = seg.get(LONG_LE, pos);
                    for (int i = 0; i < 8; i++) dst[d + i] = (int) ((v >>> (8 * i)) & 0xFF);
                }
                case 16 -> {
                    long v0 = seg.get(LONG_LE, pos), v1 = seg.get(LONG_LE, pos + 8);
                    for (int i = 0; i < 4; i++) {
                        dst[d + i] = (int) ((v0 >>> (16 * i)) & 0xFFFF);
                        dst[d + 4 + i] = (int) ((v1 >>> (16 * i)) & 0xFFFF);
                    }
                }
                case 32 -> {
                    for (int i = 0; i < 8; i++) dst[d + i] = seg.get(INT_LE, pos + 4L * i);
                }
                default -> {
                    // w <= 32 and a shift <= 7: every value lies within one 8-byte little-endian read
                    for (int i = 0, bit = 0; i < 8; i++, bit += w) {
                        dst[d + i] = (int) ((seg.get(LONG_LE, pos + (bit >>> 3)) >>> (bit & 7)) & mask);
                    }
                }
            }
        } else {
            for (int i = 0, bit = 0; i < 8; i++, bit += w) {
                dst[d + i] = (int) ((loadLongPartial(seg, pos + (bit >>> 3), limit) >>> (bit & 7)) & mask);
            }
        }
    }

    /**
     * Unpacks 8 values of {@code w} bits (1..64, LSB-first order) from the {@code w} bytes at {@code pos}.
     * The caller guarantees {@code pos + w <= limit}.
     */
    static void unpack8Longs(MemorySegment seg, long pos, long limit, int w, long[] dst, int d) {
        long mask = w == 64 ? -1L : (1L << w) - 1;
        if (w == 64) {
            MemorySegment.copy(seg, LONG_LE, pos, dst, d, 8);
            return;
        }
        boolean fast = pos + w + 8 <= limit;
        if (w <= 56) {
            if (fast) {
                for (int i = 0, bit = 0; i < 8; i++, bit += w) {
                    dst[d + i] = (seg.get(LONG_LE, pos + (bit >>> 3)) >>> (bit & 7)) & mask;
                }
            } else {
                for (int i = 0, bit = 0; i < 8; i++, bit += w) {
                    dst[d + i] = (loadLongPartial(seg, pos + (bit >>> 3), limit) >>> (bit & 7)) & mask;
                }
            }
        } else {
            for (int i = 0, bit = 0; i < 8; i++, bit += w) {
                long p = pos + (bit >>> 3);
                int sh = bit & 7;
                long v = (fast ? seg.get(LONG_LE, p) : loadLongPartial(seg, p, limit)) >>> sh;
                if (sh + w > 64) v |= (seg.get(BYTE, p + 8) & 0xFFL) << (64 - sh);
                dst[d + i] = v & mask;
            }
        }
    }
}
