package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;

import java.util.List;

/**
 * A 64-bit hash of each row's key columns, the same for equal keys whatever column class holds
 * them (dictionary or plain, int or long storage): values are read through the kernels' value
 * families, as {@link GroupTable} compares them. Both sides of a join hash keys cast to the same
 * types, so equal keys land in the same partition. A row with a null in any key column gets
 * {@link #NULL_KEY} (it never matches), which no other row gets. One instance per thread: it reuses its buffers.
 */
public final class KeyHash {
    /** The hash of a row with a null key. */
    public static final long NULL_KEY = 0x9E3779B97F4A7C15L;

    private final List<DataType> types;
    private final LongVector longs = new LongVector();
    private final DoubleVector doubles = new DoubleVector();
    private final BytesVector bytes = new BytesVector();

    public KeyHash(List<DataType> types) {
        this.types = List.copyOf(types);
    }

    /** Hashes of rows [0, rows) of {@code keys} (one column per key type) into {@code out}. */
    public void hash(List<Column> keys, int rows, long[] out) {
        java.util.Arrays.fill(out, 0, rows, 0L);
        boolean[] anyNull = null;
        for (int k = 0; k < keys.size(); k++) {
            Column c = keys.get(k);
            boolean[] nulls;
            switch (TypeSupport.family(types.get(k))) {
                case LONG -> {
                    longs.load(c, rows);
                    long[] v = longs.values;
                    for (int i = 0; i < rows; i++) out[i] = out[i] * 31 + mix(v[i]);
                    nulls = longs.nulls;
                }
                case DOUBLE -> {
                    doubles.load(c, rows);
                    double[] v = doubles.values;
                    for (int i = 0; i < rows; i++) out[i] = out[i] * 31 + mix(LongKeyIds.canonicalBits(v[i]));
                    nulls = doubles.nulls;
                }
                default -> {
                    bytes.load(c, rows);
                    byte[] d = bytes.data;
                    int[] o = bytes.offsets, idx = bytes.indices;
                    for (int i = 0; i < rows; i++) {
                        int j = idx == null ? i : idx[i];
                        out[i] = out[i] * 31 + mix(bytesHash(d, o[j], o[j + 1]));
                    }
                    nulls = bytes.nulls;
                }
            }
            if (nulls != null) {
                if (anyNull == null) anyNull = new boolean[rows];
                for (int i = 0; i < rows; i++) anyNull[i] |= nulls[i];
            }
        }
        for (int i = 0; i < rows; i++) {
            long h = mix(out[i]);
            out[i] = h == NULL_KEY ? h ^ 1 : h; // NULL_KEY marks null keys only
        }
        if (anyNull != null) for (int i = 0; i < rows; i++) if (anyNull[i]) out[i] = NULL_KEY;
    }

    private static long bytesHash(byte[] d, int from, int to) {
        long h = 1125899906842597L;
        for (int i = from; i < to; i++) h = 31 * h + d[i];
        return h;
    }

    /** MurmurHash3's 64-bit finalizer: every input bit affects every output bit. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
