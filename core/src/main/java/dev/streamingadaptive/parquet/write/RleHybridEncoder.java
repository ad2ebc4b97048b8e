package dev.streamingadaptive.parquet.write;

/** Encoder for Parquet's RLE / bit-packed hybrid format (definition levels, dictionary indices). */
final class RleHybridEncoder {
    private RleHybridEncoder() {}

    /** Smallest bit width that holds {@code maxValue} (0 for 0). */
    static int bitWidth(int maxValue) {
        return 32 - Integer.numberOfLeadingZeros(maxValue);
    }

    /**
     * Appends values[from, to) in the hybrid format (without a length prefix). Runs of at least 8
     * equal values become RLE runs, everything else bit-packed groups of 8 (the last group padded with
     * zeros, which readers ignore because they know the value count).
     */
    static void encode(int[] values, int from, int to, int bitWidth, ByteSink out) {
        int byteWidth = (bitWidth + 7) >>> 3;
        int i = from;
        while (i < to) {
            int run = runLength(values, i, to);
            if (run >= 8) {
                out.putUnsignedVarInt((long) run << 1);
                int v = values[i];
                for (int b = 0; b < byteWidth; b++) out.put(v >>> (8 * b));
                i += run;
                continue;
            }
            int start = i;
            int groups = 0;
            while (i < to && groups < 63) {
                if (i != start && runLength(values, i, to) >= 8) break;
                i += 8;
                groups++;
            }
            if (i > to) i = to;
            out.putUnsignedVarInt(((long) groups << 1) | 1);
            bitPack(values, start, i, groups * 8, bitWidth, out);
        }
    }

    private static int runLength(int[] v, int i, int to) {
        int x = v[i];
        int j = i + 1;
        while (j < to && v[j] == x) j++;
        return j - i;
    }

    /** Bit-packs values[from, to) LSB first, padding with zeros up to {@code count} values (a multiple of 8). */
    private static void bitPack(int[] values, int from, int to, int count, int bitWidth, ByteSink out) {
        int bytes = (count * bitWidth + 7) >>> 3;
        byte[] buf;
        int pos = out.claim(bytes);
        buf = out.array();
        long mask = bitWidth == 32 ? 0xFFFF_FFFFL : (1L << bitWidth) - 1;
        int full = Math.min(count, to - from) & ~7;
        // whole groups of 8 values: 8 * bitWidth bits = bitWidth bytes, accumulated in a long
        int k = 0;
        for (; k < full; k += 8) {
            long acc = 0;
            int bits = 0;
            for (int j = 0; j < 8; j++) {
                acc |= (values[from + k + j] & mask) << bits;
                bits += bitWidth;
                if (bits >= 32) {
                    buf[pos] = (byte) acc;
                    buf[pos + 1] = (byte) (acc >>> 8);
                    buf[pos + 2] = (byte) (acc >>> 16);
                    buf[pos + 3] = (byte) (acc >>> 24);
                    pos += 4;
                    acc >>>= 32;
                    bits -= 32;
                }
            }
            while (bits > 0) {
                buf[pos++] = (byte) acc;
                acc >>>= 8;
                bits -= 8;
            }
        }
        // the last, padded group
        long acc = 0;
        int bits = 0;
        for (; k < count; k++) {
            int idx = from + k;
            long v = idx < to ? values[idx] & mask : 0;
            acc |= v << bits;
            bits += bitWidth;
            while (bits >= 8) {
                buf[pos++] = (byte) acc;
                acc >>>= 8;
                bits -= 8;
            }
        }
        if (bits > 0) buf[pos] = (byte) acc;
    }

    /**
     * Encodes definition levels (0 = null, 1 = present) given as bytes, for a max level of 1.
     * {@code nulls}, the number of zeros in the range, lets a page without nulls (or only nulls)
     * become one run without looking at its levels.
     */
    static void encodeLevels(byte[] levels, int from, int to, int nulls, ByteSink out) {
        if (nulls == 0 || nulls == to - from) {
            if (to > from) {
                out.putUnsignedVarInt((long) (to - from) << 1);
                out.put(nulls == 0 ? 1 : 0);
            }
            return;
        }
        int i = from;
        while (i < to) {
            byte x = levels[i];
            int j = i + 1;
            while (j < to && levels[j] == x) j++;
            int run = j - i;
            if (run >= 8) {
                out.putUnsignedVarInt((long) run << 1);
                out.put(x);
                i = j;
                continue;
            }
            // bit-packed groups until a long run starts at a group boundary
            int start = i;
            int groups = 0;
            while (i < to && groups < 63) {
                if (i != start) {
                    int k = i + 1;
                    while (k < to && k - i < 8 && levels[k] == levels[i]) k++;
                    if (k - i >= 8) break;
                }
                i += 8;
                groups++;
            }
            if (i > to) i = to;
            out.putUnsignedVarInt(((long) groups << 1) | 1);
            for (int g = 0; g < groups; g++) {
                int b = 0;
                for (int k = 0; k < 8; k++) {
                    int idx = start + g * 8 + k;
                    if (idx < i && levels[idx] != 0) b |= 1 << k;
                }
                out.put(b);
            }
        }
    }
}
