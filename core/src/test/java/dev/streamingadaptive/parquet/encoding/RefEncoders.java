package dev.streamingadaptive.parquet.encoding;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Random;

/** Simple, obviously-correct reference encoders used by the tests. */
final class RefEncoders {
    private RefEncoders() {}

    static MemorySegment seg(byte[] b) { return MemorySegment.ofArray(b); }

    /** LSB-first bit writer. */
    static final class BitWriter {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        long acc;
        int bits;

        void write(long value, int width) {
            for (int i = 0; i < width; i++) {
                acc |= ((value >>> i) & 1L) << bits;
                bits++;
                if (bits == 8) flushByte();
            }
        }

        private void flushByte() {
            out.write((int) acc);
            acc = 0;
            bits = 0;
        }

        byte[] finish() {
            if (bits > 0) flushByte();
            return out.toByteArray();
        }
    }

    static void uleb(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    static long zigzag(long v) { return (v << 1) ^ (v >> 63); }

    static void intLE(ByteArrayOutputStream out, int v) {
        for (int i = 0; i < 4; i++) out.write(v >>> (8 * i));
    }

    // ---------------------------------------------------------------- RLE hybrid

    /** A run description: rle (value repeated len times) or packed (values, length multiple of 8 unless last). */
    record Run(boolean rle, int value, int len, int[] packed) {}

    static byte[] rle(List<Run> runs, int bitWidth) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Run r : runs) {
            if (r.rle) {
                uleb(out, (long) r.len << 1);
                int bytes = (bitWidth + 7) / 8;
                for (int i = 0; i < bytes; i++) out.write(r.value >>> (8 * i));
            } else {
                int groups = (r.packed.length + 7) / 8;
                uleb(out, ((long) groups << 1) | 1);
                BitWriter bw = new BitWriter();
                for (int i = 0; i < groups * 8; i++) bw.write(i < r.packed.length ? r.packed[i] : 0, bitWidth);
                out.writeBytes(bw.finish());
            }
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- DELTA_BINARY_PACKED

    static byte[] delta(long[] values, int blockSize, int miniblocks, boolean int32, Random rnd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        delta(out, values, blockSize, miniblocks, int32, rnd);
        return out.toByteArray();
    }

    /** rnd != null: garbage in padding bits and unused bit widths. */
    static void delta(ByteArrayOutputStream out, long[] values, int blockSize, int miniblocks, boolean int32, Random rnd) {
        uleb(out, blockSize);
        uleb(out, miniblocks);
        uleb(out, values.length);
        uleb(out, zigzag(values.length == 0 ? 0 : values[0]));
        int perMini = blockSize / miniblocks;
        int n = values.length;
        for (int start = 1; start < n; start += blockSize) {
            int end = Math.min(n, start + blockSize);
            long[] deltas = new long[end - start];
            for (int i = start; i < end; i++) {
                deltas[i - start] = int32 ? (long) ((int) values[i] - (int) values[i - 1]) : values[i] - values[i - 1];
            }
            long min = Long.MAX_VALUE;
            for (long d : deltas) min = Math.min(min, d);
            uleb(out, zigzag(min));
            int used = (deltas.length + perMini - 1) / perMini;
            int[] widths = new int[miniblocks];
            for (int m = 0; m < miniblocks; m++) {
                if (m >= used) {
                    widths[m] = rnd == null ? 0 : rnd.nextInt(256);
                    continue;
                }
                long or = 0;
                for (int i = m * perMini; i < Math.min(deltas.length, (m + 1) * perMini); i++) {
                    or |= rel(deltas[i], min, int32);
                }
                widths[m] = 64 - Long.numberOfLeadingZeros(or);
            }
            for (int w : widths) out.write(w);
            for (int m = 0; m < used; m++) {
                BitWriter bw = new BitWriter();
                for (int i = m * perMini; i < (m + 1) * perMini; i++) {
                    long v = i < deltas.length ? rel(deltas[i], min, int32)
                            : rnd == null ? 0 : rnd.nextLong();
                    bw.write(v, widths[m]);
                }
                out.writeBytes(bw.finish());
            }
        }
    }

    private static long rel(long delta, long min, boolean int32) {
        return int32 ? ((int) delta - (int) min) & 0xFFFFFFFFL : delta - min;
    }

    // ---------------------------------------------------------------- byte arrays

    static byte[] deltaLength(byte[][] values, Random rnd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] lens = new long[values.length];
        for (int i = 0; i < values.length; i++) lens[i] = values[i].length;
        delta(out, lens, 128, 4, true, rnd);
        for (byte[] v : values) out.writeBytes(v);
        return out.toByteArray();
    }

    static byte[] deltaByteArray(byte[][] values, Random rnd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] prefixes = new long[values.length];
        byte[][] suffixes = new byte[values.length][];
        byte[] prev = new byte[0];
        for (int i = 0; i < values.length; i++) {
            int p = 0;
            while (p < prev.length && p < values[i].length && prev[p] == values[i][p]) p++;
            prefixes[i] = p;
            suffixes[i] = java.util.Arrays.copyOfRange(values[i], p, values[i].length);
            prev = values[i];
        }
        delta(out, prefixes, 128, 4, true, rnd);
        out.writeBytes(deltaLength(suffixes, rnd));
        return out.toByteArray();
    }

    static byte[] plainByteArrays(byte[][] values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] v : values) {
            intLE(out, v.length);
            out.writeBytes(v);
        }
        return out.toByteArray();
    }

    static byte[] byteStreamSplit(byte[] plain, int width) {
        int count = plain.length / width;
        byte[] out = new byte[plain.length];
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < width; k++) out[k * count + i] = plain[i * width + k];
        }
        return out;
    }
}
