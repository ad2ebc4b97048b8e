package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;

import java.util.List;

/**
 * The spill partition of a group from its key values: a 64-bit hash of the keys, of which each
 * level of partitioning takes its own {@value #BITS} bits from the top down. The hash tables hash
 * keys their own way (and index by the low bits), so a partition's groups still spread over a
 * table, and a partition that is too big splits again by the next bits (skew). Equal keys hash
 * equally whatever column class holds them (a dictionary or plain string, an int or a long date):
 * the pieces of one group from every worker and spill land in the same partition.
 */
final class KeyPartitioner {
    /** Bits per level: 32 partitions. */
    static final int BITS = 5;
    static final int PARTITIONS = 1 << BITS;
    /** The deepest level with fresh bits (levels 0..MAX_LEVEL use 60 of the 64). */
    static final int MAX_LEVEL = 64 / BITS - 1;
    private static final long NULL_HASH = 0x5bd1e995_2c1b3c6dL;

    private final LongVector longs = new LongVector();
    private final DoubleVector doubles = new DoubleVector();
    private final BytesVector bytes = new BytesVector();
    private long[] hashes = new long[0];

    /** The partition at {@code level} of rows [0, n) of {@code keys}, into {@code out[at + i]}. */
    void partitions(List<Column> keys, int n, int level, byte[] out, int at) {
        if (hashes.length < n) hashes = new long[n];
        long[] h = hashes;
        java.util.Arrays.fill(h, 0, n, 0x243F_6A88_85A3_08D3L);
        for (Column c : keys) {
            switch (TypeSupport.family(c.type())) {
                case LONG -> {
                    longs.load(c, n);
                    long[] v = longs.values;
                    boolean[] nulls = longs.nulls;
                    for (int i = 0; i < n; i++) h[i] = combine(h[i], nulls != null && nulls[i] ? NULL_HASH : v[i]);
                }
                case DOUBLE -> {
                    doubles.load(c, n);
                    double[] v = doubles.values;
                    boolean[] nulls = doubles.nulls;
                    for (int i = 0; i < n; i++) {
                        h[i] = combine(h[i], nulls != null && nulls[i] ? NULL_HASH : LongKeyIds.canonicalBits(v[i]));
                    }
                }
                case BYTES -> {
                    bytes.load(c, n);
                    byte[] data = bytes.data;
                    int[] off = bytes.offsets;
                    int[] idx = bytes.indices;
                    boolean[] nulls = bytes.nulls;
                    for (int i = 0; i < n; i++) {
                        if (nulls != null && nulls[i]) {
                            h[i] = combine(h[i], NULL_HASH);
                        } else {
                            int j = idx == null ? i : idx[i];
                            h[i] = combine(h[i], hashBytes(data, off[j], off[j + 1]));
                        }
                    }
                }
            }
        }
        int shift = 64 - BITS * (level + 1);
        for (int i = 0; i < n; i++) out[at + i] = (byte) ((h[i] >>> shift) & (PARTITIONS - 1));
    }

    private static long combine(long h, long v) {
        return mix(h ^ mix(v + 0x9E37_79B9_7F4A_7C15L));
    }

    /** MurmurHash3's 64-bit finalizer: every input bit moves every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    private static long hashBytes(byte[] b, int s, int e) {
        long h = e - s;
        int i = s;
        for (; i + 8 <= e; i += 8) h = mix(h ^ (long) Int128.BE_LONG.get(b, i));
        long tail = 0;
        for (; i < e; i++) tail = (tail << 8) | (b[i] & 0xFF);
        return mix(h ^ tail ^ 0x632B_E59B_D9B4_E019L);
    }
}
