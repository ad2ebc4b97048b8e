package dev.streamingadaptive.bench.jmh;

import java.util.Arrays;

/**
 * Small, unoptimised Parquet encoders that build the benchmark inputs (the core only decodes these
 * encodings). They follow what parquet-mr writes: bit-packed runs of at most 63 groups, RLE runs for
 * 8 or more repeated values, DELTA_BINARY_PACKED blocks of 128 values in 4 miniblocks.
 */
final class Encoders {
    private Encoders() {}

    /** A growable little-endian byte buffer. */
    static final class Buf {
        private byte[] a = new byte[1024];
        private int n;

        void put(int b) {
            if (n == a.length) a = Arrays.copyOf(a, a.length * 2);
            a[n++] = (byte) b;
        }

        void put(byte[] src) { for (byte b : src) put(b); }

        void uleb(long v) {
            while ((v & ~0x7FL) != 0) {
                put((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            put((int) v);
        }

        void zigzag(long v) { uleb((v << 1) ^ (v >> 63)); }

        /** Packs {@code count} values of {@code w} bits, LSB first (the RLE-hybrid / DELTA order). */
        void bitPack(long[] v, int from, int count, int w) {
            long acc = 0;
            int bits = 0;
            for (int i = 0; i < count; i++) {
                long x = v[from + i];
                for (int b = 0; b < w; b++) { // bit by bit: slow but any width 0..64
                    acc |= ((x >>> b) & 1L) << bits;
                    if (++bits == 8) {
                        put((int) acc);
                        acc = 0;
                        bits = 0;
                    }
                }
            }
            if (bits > 0) put((int) acc);
        }

        int size() { return n; }

        byte[] toArray() { return Arrays.copyOf(a, n); }
    }

    static int bitWidth(long maxUnsigned) { return 64 - Long.numberOfLeadingZeros(maxUnsigned); }

    /**
     * RLE / bit-packing hybrid (no length prefix). With {@code allowRle}, runs of 8 or more equal
     * values become RLE runs (after aligning the pending literals to a multiple of 8), like
     * parquet-mr; without it, everything is bit-packed in runs of at most 63 groups.
     */
    static byte[] rleHybrid(int[] v, int n, int w, boolean allowRle) {
        Buf out = new Buf();
        long[] lit = new long[n + 8];
        int litN = 0;
        int i = 0;
        while (i < n) {
            int r = 1;
            while (i + r < n && v[i + r] == v[i]) r++;
            if (allowRle && r >= 8) {
                int k = (8 - litN % 8) % 8;
                for (int j = 0; j < k; j++) lit[litN++] = v[i + j] & 0xFFFFFFFFL;
                i += k;
                r -= k;
                if (r >= 8) {
                    flushLiterals(out, lit, litN, w);
                    litN = 0;
                    out.uleb((long) r << 1);
                    int valueBytes = (w + 7) >>> 3;
                    for (int b = 0; b < valueBytes; b++) out.put(v[i] >>> (8 * b));
                    i += r;
                    continue;
                }
            }
            for (int j = 0; j < r; j++) lit[litN++] = v[i + j] & 0xFFFFFFFFL;
            i += r;
        }
        flushLiterals(out, lit, litN, w);
        return out.toArray();
    }

    private static void flushLiterals(Buf out, long[] lit, int litN, int w) {
        int padded = (litN + 7) & ~7;
        Arrays.fill(lit, litN, padded, 0);
        for (int p = 0; p < padded; ) {
            int groups = Math.min(63, (padded - p) >>> 3);
            out.uleb(((long) groups << 1) | 1);
            out.bitPack(lit, p, groups * 8, w);
            p += groups * 8;
        }
    }

    /** DELTA_BINARY_PACKED with block size 128 and 4 miniblocks of 32 values. */
    static void deltaBinaryPacked(long[] v, int n, Buf out) {
        final int block = 128, minis = 4, perMini = block / minis;
        out.uleb(block);
        out.uleb(minis);
        out.uleb(n);
        out.zigzag(n == 0 ? 0 : v[0]);
        long[] d = new long[Math.max(0, n - 1)];
        for (int i = 0; i + 1 < n; i++) d[i] = v[i + 1] - v[i];
        long[] mini = new long[perMini];
        for (int b = 0; b < d.length; b += block) {
            int m = Math.min(block, d.length - b);
            long minDelta = Long.MAX_VALUE;
            for (int i = 0; i < m; i++) minDelta = Math.min(minDelta, d[b + i]);
            out.zigzag(minDelta);
            int[] widths = new int[minis];
            for (int j = 0; j < minis; j++) {
                long max = 0;
                for (int i = j * perMini; i < Math.min(m, (j + 1) * perMini); i++) max |= d[b + i] - minDelta;
                widths[j] = bitWidth(max);
            }
            for (int w : widths) out.put(w);
            for (int j = 0; j < minis && j * perMini < m; j++) {
                for (int i = 0; i < perMini; i++) {
                    int at = j * perMini + i;
                    mini[i] = at < m ? d[b + at] - minDelta : 0;
                }
                out.bitPack(mini, 0, perMini, widths[j]);
            }
        }
    }

    static byte[] deltaBinaryPacked(long[] v, int n) {
        Buf out = new Buf();
        deltaBinaryPacked(v, n, out);
        return out.toArray();
    }

    /** DELTA_BYTE_ARRAY: prefix lengths, suffix lengths (both DELTA_BINARY_PACKED), suffix bytes. */
    static byte[] deltaByteArray(byte[][] values) {
        int n = values.length;
        long[] prefix = new long[n];
        long[] suffix = new long[n];
        for (int i = 0; i < n; i++) {
            int p = 0;
            if (i > 0) {
                byte[] a = values[i - 1], b = values[i];
                int max = Math.min(a.length, b.length);
                while (p < max && a[p] == b[p]) p++;
            }
            prefix[i] = p;
            suffix[i] = values[i].length - p;
        }
        Buf out = new Buf();
        deltaBinaryPacked(prefix, n, out);
        deltaBinaryPacked(suffix, n, out);
        for (int i = 0; i < n; i++) {
            for (int j = (int) prefix[i]; j < values[i].length; j++) out.put(values[i][j]);
        }
        return out.toArray();
    }
}
