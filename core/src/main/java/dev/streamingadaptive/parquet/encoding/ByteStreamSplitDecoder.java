package dev.streamingadaptive.parquet.encoding;

import java.lang.foreign.MemorySegment;

import static dev.streamingadaptive.parquet.encoding.Bits.BYTE;
import static dev.streamingadaptive.parquet.encoding.Bits.LONG_LE;
import static dev.streamingadaptive.parquet.encoding.Bits.fail;

/**
 * BYTE_STREAM_SPLIT: byte {@code k} of value {@code i} is at {@code offset + k * count + i}.
 * {@code count} must be the number of values in the page, i.e. {@code (limit - offset) / width};
 * the data size must be exactly {@code count * width}.
 */
public final class ByteStreamSplitDecoder {
    private ByteStreamSplitDecoder() {}

    private static void check(MemorySegment seg, long offset, long limit, int count, int width) {
        Bits.checkRange(seg, offset, limit);
        Bits.checkCount(count, offset);
        if (width <= 0) throw fail("invalid BYTE_STREAM_SPLIT width " + width, offset);
        if ((long) count * width != limit - offset) {
            throw fail("BYTE_STREAM_SPLIT data of " + (limit - offset) + " bytes does not hold exactly " + count
                    + " values of " + width + " bytes", offset);
        }
    }

    public static void decodeInts(MemorySegment seg, long offset, long limit, int count, int[] dst, int dstOff) {
        check(seg, offset, limit, count, 4);
        Bits.checkDst(dst.length, dstOff, count);
        long s0 = offset, s1 = offset + count, s2 = offset + 2L * count, s3 = offset + 3L * count;
        int i = 0;
        for (; i + 8 <= count; i += 8) {
            long b0 = seg.get(LONG_LE, s0 + i), b1 = seg.get(LONG_LE, s1 + i);
            long b2 = seg.get(LONG_LE, s2 + i), b3 = seg.get(LONG_LE, s3 + i);
            for (int j = 0; j < 8; j++) {
                int sh = 8 * j;
                dst[dstOff + i + j] = (int) ((b0 >>> sh) & 0xFF) | (int) ((b1 >>> sh) & 0xFF) << 8
                        | (int) ((b2 >>> sh) & 0xFF) << 16 | (int) ((b3 >>> sh) & 0xFF) << 24;
            }
        }
        for (; i < count; i++) {
            dst[dstOff + i] = (seg.get(BYTE, s0 + i) & 0xFF) | (seg.get(BYTE, s1 + i) & 0xFF) << 8
                    | (seg.get(BYTE, s2 + i) & 0xFF) << 16 | (seg.get(BYTE, s3 + i) & 0xFF) << 24;
        }
    }

    public static void decodeFloats(MemorySegment seg, long offset, long limit, int count, float[] dst, int dstOff) {
        check(seg, offset, limit, count, 4);
        Bits.checkDst(dst.length, dstOff, count);
        long s0 = offset, s1 = offset + count, s2 = offset + 2L * count, s3 = offset + 3L * count;
        int i = 0;
        for (; i + 8 <= count; i += 8) {
            long b0 = seg.get(LONG_LE, s0 + i), b1 = seg.get(LONG_LE, s1 + i);
            long b2 = seg.get(LONG_LE, s2 + i), b3 = seg.get(LONG_LE, s3 + i);
            for (int j = 0; j < 8; j++) {
                int sh = 8 * j;
                dst[dstOff + i + j] = Float.intBitsToFloat((int) ((b0 >>> sh) & 0xFF) | (int) ((b1 >>> sh) & 0xFF) << 8
                        | (int) ((b2 >>> sh) & 0xFF) << 16 | (int) ((b3 >>> sh) & 0xFF) << 24);
            }
        }
        for (; i < count; i++) {
            dst[dstOff + i] = Float.intBitsToFloat((seg.get(BYTE, s0 + i) & 0xFF) | (seg.get(BYTE, s1 + i) & 0xFF) << 8
                    | (seg.get(BYTE, s2 + i) & 0xFF) << 16 | (seg.get(BYTE, s3 + i) & 0xFF) << 24);
        }
    }

    public static void decodeLongs(MemorySegment seg, long offset, long limit, int count, long[] dst, int dstOff) {
        check(seg, offset, limit, count, 8);
        Bits.checkDst(dst.length, dstOff, count);
        for (int i = 0; i < count; i++) dst[dstOff + i] = 0;
        for (int k = 0; k < 8; k++) {
            long s = offset + (long) k * count;
            int sh = 8 * k;
            int i = 0;
            for (; i + 8 <= count; i += 8) {
                long b = seg.get(LONG_LE, s + i);
                for (int j = 0; j < 8; j++) dst[dstOff + i + j] |= ((b >>> (8 * j)) & 0xFFL) << sh;
            }
            for (; i < count; i++) dst[dstOff + i] |= (seg.get(BYTE, s + i) & 0xFFL) << sh;
        }
    }

    public static void decodeDoubles(MemorySegment seg, long offset, long limit, int count, double[] dst, int dstOff) {
        check(seg, offset, limit, count, 8);
        Bits.checkDst(dst.length, dstOff, count);
        long[] tmp = new long[Math.min(count, 512)];
        int done = 0;
        while (done < count) {
            int n = Math.min(tmp.length, count - done);
            java.util.Arrays.fill(tmp, 0, n, 0L);
            for (int k = 0; k < 8; k++) {
                long s = offset + (long) k * count + done;
                int sh = 8 * k;
                int i = 0;
                for (; i + 8 <= n; i += 8) {
                    long b = seg.get(LONG_LE, s + i);
                    for (int j = 0; j < 8; j++) tmp[i + j] |= ((b >>> (8 * j)) & 0xFFL) << sh;
                }
                for (; i < n; i++) tmp[i] |= (seg.get(BYTE, s + i) & 0xFFL) << sh;
            }
            for (int i = 0; i < n; i++) dst[dstOff + done + i] = Double.longBitsToDouble(tmp[i]);
            done += n;
        }
    }

    /** FIXED_LEN_BYTE_ARRAY values of {@code width} bytes (FLOAT16, decimals, ...). */
    public static void decodeFixed(MemorySegment seg, long offset, long limit, int count, int width, BinaryBuilder out) {
        check(seg, offset, limit, count, width);
        out.ensureCapacity(count, (long) count * width);
        for (int i = 0; i < count; i++) {
            int at = out.appendUninitialized(width);
            byte[] data = out.data();
            long p = offset + i;
            for (int k = 0; k < width; k++, p += count) data[at + k] = seg.get(BYTE, p);
        }
    }
}
