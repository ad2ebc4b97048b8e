package dev.streamingadaptive.parquet.encoding;

import java.lang.foreign.MemorySegment;

import static dev.streamingadaptive.parquet.encoding.Bits.BYTE;
import static dev.streamingadaptive.parquet.encoding.Bits.LONG_LE;
import static dev.streamingadaptive.parquet.encoding.Bits.fail;

/**
 * BYTE_STREAM_SPLIT: byte {@code k} of value {@code i} is at {@code offset + k * count + i}.
 * {@code count} must be the number of values in the page, i.e. {@code (limit - offset) / width};
 * the data size must be exactly {@code count * width}. The range variants decode values
 * {@code [from, from + n)} of such a page, so a page can be read a batch at a time.
 */
public final class ByteStreamSplitDecoder {
    private ByteStreamSplitDecoder() {}

    private static void check(MemorySegment seg, long offset, long limit, int count, int width) {
        check(seg, offset, limit, count, width, 0, count);
    }

    private static void check(MemorySegment seg, long offset, long limit, int count, int width, int from, int n) {
        Bits.checkRange(seg, offset, limit);
        Bits.checkCount(count, offset);
        if (from < 0 || n < 0 || (long) from + n > count) {
            throw fail("BYTE_STREAM_SPLIT values " + from + ".." + ((long) from + n) + " outside the page's " + count, offset);
        }
        if (width <= 0) throw fail("invalid BYTE_STREAM_SPLIT width " + width, offset);
        if ((long) count * width != limit - offset) {
            throw fail("BYTE_STREAM_SPLIT data of " + (limit - offset) + " bytes does not hold exactly " + count
                    + " values of " + width + " bytes", offset);
        }
    }

    public static void decodeInts(MemorySegment seg, long offset, long limit, int count, int[] dst, int dstOff) {
        decodeInts(seg, offset, limit, count, 0, count, dst, dstOff);
    }

    /** Values {@code [from, from + n)} of a page of {@code count} INT32 values. */
    public static void decodeInts(MemorySegment seg, long offset, long limit, int count, int from, int n, int[] dst, int dstOff) {
        check(seg, offset, limit, count, 4, from, n);
        Bits.checkDst(dst.length, dstOff, n);
        long s0 = offset + from, s1 = s0 + count, s2 = s0 + 2L * count, s3 = s0 + 3L * count;
        count = n;
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
        decodeFloats(seg, offset, limit, count, 0, count, dst, dstOff);
    }

    /** Values {@code [from, from + n)} of a page of {@code count} FLOAT values. */
    public static void decodeFloats(MemorySegment seg, long offset, long limit, int count, int from, int n, float[] dst, int dstOff) {
        check(seg, offset, limit, count, 4, from, n);
        Bits.checkDst(dst.length, dstOff, n);
        long s0 = offset + from, s1 = s0 + count, s2 = s0 + 2L * count, s3 = s0 + 3L * count;
        count = n;
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
        decodeLongs(seg, offset, limit, count, 0, count, dst, dstOff);
    }

    /** Values {@code [from, from + n)} of a page of {@code count} INT64 values. */
    public static void decodeLongs(MemorySegment seg, long offset, long limit, int count, int from, int n, long[] dst, int dstOff) {
        check(seg, offset, limit, count, 8, from, n);
        Bits.checkDst(dst.length, dstOff, n);
        for (int i = 0; i < n; i++) dst[dstOff + i] = 0;
        for (int k = 0; k < 8; k++) {
            long s = offset + (long) k * count + from;
            int sh = 8 * k;
            int i = 0;
            for (; i + 8 <= n; i += 8) {
                long b = seg.get(LONG_LE, s + i);
                for (int j = 0; j < 8; j++) dst[dstOff + i + j] |= ((b >>> (8 * j)) & 0xFFL) << sh;
            }
            for (; i < n; i++) dst[dstOff + i] |= (seg.get(BYTE, s + i) & 0xFFL) << sh;
        }
    }

    public static void decodeDoubles(MemorySegment seg, long offset, long limit, int count, double[] dst, int dstOff) {
        decodeDoubles(seg, offset, limit, count, 0, count, dst, dstOff);
    }

    /** Values {@code [from, from + total)} of a page of {@code count} DOUBLE values. */
    public static void decodeDoubles(MemorySegment seg, long offset, long limit, int count, int from, int total, double[] dst,
                                     int dstOff) {
        check(seg, offset, limit, count, 8, from, total);
        Bits.checkDst(dst.length, dstOff, total);
        long[] tmp = new long[Math.max(1, Math.min(total, 512))];
        int done = 0;
        while (done < total) {
            int n = Math.min(tmp.length, total - done);
            java.util.Arrays.fill(tmp, 0, n, 0L);
            for (int k = 0; k < 8; k++) {
                long s = offset + (long) k * count + from + done;
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
        decodeFixed(seg, offset, limit, count, 0, count, width, out);
    }

    /** Values {@code [from, from + n)} of a page of {@code count} values of {@code width} bytes. */
    public static void decodeFixed(MemorySegment seg, long offset, long limit, int count, int from, int n, int width,
                                   BinaryBuilder out) {
        if (width <= 0) throw fail("invalid BYTE_STREAM_SPLIT width " + width, offset);
        check(seg, offset, limit, count, width, from, n);
        out.ensureCapacity(n, (long) n * width);
        for (int i = from; i < from + n; i++) {
            int at = out.appendUninitialized(width);
            byte[] data = out.data();
            long p = offset + i;
            for (int k = 0; k < width; k++, p += count) data[at + k] = seg.get(BYTE, p);
        }
    }
}
