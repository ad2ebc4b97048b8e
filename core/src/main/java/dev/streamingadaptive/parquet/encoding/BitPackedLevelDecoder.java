package dev.streamingadaptive.parquet.encoding;

import java.lang.foreign.MemorySegment;

import static dev.streamingadaptive.parquet.encoding.Bits.BYTE;
import static dev.streamingadaptive.parquet.encoding.Bits.LONG_BE;
import static dev.streamingadaptive.parquet.encoding.Bits.fail;

/** Decoder for the deprecated BIT_PACKED level encoding (values packed MSB-first, no header). */
public final class BitPackedLevelDecoder {
    private BitPackedLevelDecoder() {}

    /**
     * Decodes {@code count} values of {@code bitWidth} bits (0..32) occupying
     * {@code ceil(count * bitWidth / 8)} bytes at {@code offset}.
     *
     * @return the offset after the packed values
     */
    public static long decode(MemorySegment seg, long offset, long limit, int bitWidth, int[] dst, int count) {
        Bits.checkRange(seg, offset, limit);
        Bits.checkCount(count, offset);
        Bits.checkDst(dst.length, 0, count);
        if (bitWidth < 0 || bitWidth > 32) throw fail("BIT_PACKED bit width " + bitWidth + " outside 0..32", offset);
        long bytes = ((long) count * bitWidth + 7) >>> 3;
        Bits.require(offset, limit, bytes, "BIT_PACKED levels");
        if (bitWidth == 0) {
            java.util.Arrays.fill(dst, 0, count, 0);
            return offset;
        }
        long mask = (1L << bitWidth) - 1;
        long end = offset + bytes;
        long bitPos = 0;
        for (int i = 0; i < count; i++, bitPos += bitWidth) {
            long p = offset + (bitPos >>> 3);
            int sh = (int) (bitPos & 7);
            long word;
            if (p + 8 <= end) {
                word = seg.get(LONG_BE, p);
            } else {
                word = 0;
                for (int k = 0; k < 8; k++) {
                    word = (word << 8) | (p + k < end ? seg.get(BYTE, p + k) & 0xFFL : 0);
                }
            }
            // bits [sh, sh + bitWidth) counted from the most significant bit; sh + bitWidth <= 39 < 64
            dst[i] = (int) ((word >>> (64 - sh - bitWidth)) & mask);
        }
        return end;
    }
}
