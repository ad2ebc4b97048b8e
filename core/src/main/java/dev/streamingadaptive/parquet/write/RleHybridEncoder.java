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

    /** Bit-packs values[from, to) LSB first, padding with zeros up to {@code count} values. */
    private static void bitPack(int[] values, int from, int to, int count, int bitWidth, ByteSink out) {
        int bytes = (count * bitWidth + 7) >>> 3;
        out.ensure(bytes);
        long acc = 0;
        int bits = 0;
        long mask = bitWidth == 32 ? 0xFFFF_FFFFL : (1L << bitWidth) - 1;
        for (int k = 0; k < count; k++) {
            int idx = from + k;
            long v = idx < to ? values[idx] & mask : 0;
            acc |= v << bits;
            bits += bitWidth;
            while (bits >= 8) {
                out.put((int) acc);
                acc >>>= 8;
                bits -= 8;
            }
        }
        if (bits > 0) out.put((int) acc);
    }

    /** Encodes definition levels (0 = null, 1 = present) given as bytes, for a max level of 1. */
    static void encodeLevels(byte[] levels, int from, int to, ByteSink out) {
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
