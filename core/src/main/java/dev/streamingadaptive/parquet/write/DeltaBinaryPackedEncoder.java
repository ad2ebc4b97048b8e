package dev.streamingadaptive.parquet.write;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * DELTA_BINARY_PACKED for INT32 and INT64 pages: blocks of 128 values in 4 miniblocks of 32, each
 * miniblock's deltas (less the block's minimum delta) bit-packed at their own width. Re-encodes a
 * PLAIN page (little-endian values), so conversions and statistics stay the PLAIN writer's. Deltas
 * wrap in the column's own width (32 bits for INT32), as readers add them back.
 */
final class DeltaBinaryPackedEncoder {
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final int BLOCK = 128, MINIBLOCKS = 4, MINI = BLOCK / MINIBLOCKS;

    private final long[] deltas = new long[BLOCK];

    /** Encodes the {@code plain.size() / width} values of {@code plain} ({@code width} 4 or 8 bytes) into {@code out}. */
    void encode(ByteSink plain, int width, ByteSink out) {
        byte[] src = plain.array();
        int n = plain.size() / width;
        out.putUnsignedVarInt(BLOCK);
        out.putUnsignedVarInt(MINIBLOCKS);
        out.putUnsignedVarInt(n);
        if (n == 0) {
            out.putUnsignedVarInt(0);
            return;
        }
        long prev = value(src, 0, width);
        out.putUnsignedVarInt(zigzag(prev));
        int i = 1;
        while (i < n) {
            int count = Math.min(BLOCK, n - i);
            long min = Long.MAX_VALUE;
            for (int k = 0; k < count; k++) {
                long v = value(src, i + k, width);
                long d = width == 4 ? (long) ((int) v - (int) prev) : v - prev;
                deltas[k] = d;
                if (d < min) min = d;
                prev = v;
            }
            out.putUnsignedVarInt(zigzag(min));
            int widthsAt = out.claim(MINIBLOCKS);
            int minis = (count + MINI - 1) / MINI;
            for (int m = 0; m < MINIBLOCKS; m++) {
                if (m >= minis) {
                    out.array()[widthsAt + m] = 0;   // unused miniblocks: width 0, no bytes
                    continue;
                }
                long or = 0;
                int from = m * MINI, to = Math.min(count, from + MINI);
                for (int k = from; k < to; k++) {
                    deltas[k] -= min;   // unsigned distance from the minimum, wrapping in the column's width
                    if (width == 4) deltas[k] &= 0xFFFF_FFFFL;
                    or |= deltas[k];
                }
                int bits = 64 - Long.numberOfLeadingZeros(or);
                out.array()[widthsAt + m] = (byte) bits;
                pack(deltas, from, to, bits, out);
            }
            i += count;
        }
    }

    /** Bit-packs values[from, to) at {@code bits} each, LSB first, padded to a whole miniblock of 32. */
    private static void pack(long[] values, int from, int to, int bits, ByteSink out) {
        if (bits == 0) return;
        int bytes = MINI * bits / 8;
        int pos = out.claim(bytes);
        byte[] buf = out.array();
        long acc = 0;
        int have = 0;
        for (int k = 0; k < MINI; k++) {
            long v = from + k < to ? values[from + k] : 0;
            if (bits == 64) {
                for (int b = 0; b < 8; b++) buf[pos++] = (byte) (v >>> (8 * b));
                continue;
            }
            acc |= v << have;
            int room = 64 - have;
            if (bits >= room) {
                // acc is full: write it out, keep the bits of v that did not fit
                for (int b = 0; b < 8; b++) buf[pos++] = (byte) (acc >>> (8 * b));
                acc = room == 64 ? 0 : v >>> room;
                have = bits - room;
            } else {
                have += bits;
            }
        }
        while (have > 0) {
            buf[pos++] = (byte) acc;
            acc >>>= 8;
            have -= 8;
        }
    }

    private static long value(byte[] src, int i, int width) {
        return width == 4 ? (int) INT_LE.get(src, i * 4) : (long) LONG_LE.get(src, i * 8);
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }
}
