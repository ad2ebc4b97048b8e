package dev.streamingadaptive.parquet.encoding;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Unpacks whole groups of eight bit-packed values (LSB first, as the RLE / bit-packing hybrid stores them) straight
 * from a heap byte array. Each width calls the same straight-line group with its width as a constant, so once the
 * JIT inlines it every shift and byte offset is a constant: measured with {@code bench-jmh/run RleHybrid}.
 */
final class BitUnpacker {
    private BitUnpacker() {}

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * Unpacks {@code groups} groups of eight {@code w}-bit values from {@code a[p..]} into {@code dst[d..]}.
     * The caller guarantees {@code 1 <= w <= 32} and {@code p + groups * w + 8 <= a.length} (every eight-byte
     * read in bounds) and room for {@code groups * 8} values in {@code dst}.
     */
    static void unpack(byte[] a, int p, int[] dst, int d, int groups, int w) {
        switch (w) {
            case 1 -> groups(a, p, dst, d, groups, 1);
            case 2 -> groups(a, p, dst, d, groups, 2);
            case 3 -> groups(a, p, dst, d, groups, 3);
            case 4 -> groups(a, p, dst, d, groups, 4);
            case 5 -> groups(a, p, dst, d, groups, 5);
            case 6 -> groups(a, p, dst, d, groups, 6);
            case 7 -> groups(a, p, dst, d, groups, 7);
            case 8 -> groups(a, p, dst, d, groups, 8);
            case 9 -> groups(a, p, dst, d, groups, 9);
            case 10 -> groups(a, p, dst, d, groups, 10);
            case 11 -> groups(a, p, dst, d, groups, 11);
            case 12 -> groups(a, p, dst, d, groups, 12);
            case 13 -> groups(a, p, dst, d, groups, 13);
            case 14 -> groups(a, p, dst, d, groups, 14);
            case 15 -> groups(a, p, dst, d, groups, 15);
            case 16 -> groups(a, p, dst, d, groups, 16);
            case 17 -> groups(a, p, dst, d, groups, 17);
            case 18 -> groups(a, p, dst, d, groups, 18);
            case 19 -> groups(a, p, dst, d, groups, 19);
            case 20 -> groups(a, p, dst, d, groups, 20);
            case 21 -> groups(a, p, dst, d, groups, 21);
            case 22 -> groups(a, p, dst, d, groups, 22);
            case 23 -> groups(a, p, dst, d, groups, 23);
            case 24 -> groups(a, p, dst, d, groups, 24);
            case 25 -> groups(a, p, dst, d, groups, 25);
            case 26 -> groups(a, p, dst, d, groups, 26);
            case 27 -> groups(a, p, dst, d, groups, 27);
            case 28 -> groups(a, p, dst, d, groups, 28);
            case 29 -> groups(a, p, dst, d, groups, 29);
            case 30 -> groups(a, p, dst, d, groups, 30);
            case 31 -> groups(a, p, dst, d, groups, 31);
            case 32 -> groups(a, p, dst, d, groups, 32);
            default -> throw new IllegalArgumentException("bit width " + w + " outside 1..32");
        }
    }

    /** One group is eight reads of eight bytes, each at the byte where its value starts (a value spans at most five). */
    private static void groups(byte[] a, int p, int[] dst, int d, int groups, int w) {
        long mask = (1L << w) - 1;
        for (int g = 0; g < groups; g++, p += w, d += 8) {
            dst[d] = (int) ((long) LONG_LE.get(a, p) & mask);
            dst[d + 1] = (int) (((long) LONG_LE.get(a, p + (w >>> 3)) >>> (w & 7)) & mask);
            dst[d + 2] = (int) (((long) LONG_LE.get(a, p + ((2 * w) >>> 3)) >>> ((2 * w) & 7)) & mask);
            dst[d + 3] = (int) (((long) LONG_LE.get(a, p + ((3 * w) >>> 3)) >>> ((3 * w) & 7)) & mask);
            dst[d + 4] = (int) (((long) LONG_LE.get(a, p + ((4 * w) >>> 3)) >>> ((4 * w) & 7)) & mask);
            dst[d + 5] = (int) (((long) LONG_LE.get(a, p + ((5 * w) >>> 3)) >>> ((5 * w) & 7)) & mask);
            dst[d + 6] = (int) (((long) LONG_LE.get(a, p + ((6 * w) >>> 3)) >>> ((6 * w) & 7)) & mask);
            dst[d + 7] = (int) (((long) LONG_LE.get(a, p + ((7 * w) >>> 3)) >>> ((7 * w) & 7)) & mask);
        }
    }
}
