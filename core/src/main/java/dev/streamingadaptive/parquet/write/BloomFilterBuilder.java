package dev.streamingadaptive.parquet.write;

import dev.streamingadaptive.parquet.bloom.SplitBlockBloomFilter;
import dev.streamingadaptive.parquet.bloom.XxHash64;

import java.util.Arrays;

/**
 * Builds one column chunk's split-block Bloom filter: the xxHash64 of every distinct value's PLAIN
 * bytes (as the specification hashes them) is collected while pages are written, then the filter
 * is sized for that many distinct values at the requested false-positive rate.
 */
final class BloomFilterBuilder {
    private static final int MAX_BYTES = 128 << 20;

    private final LeafSpec spec;
    private final double fpp;
    private long[] hashes = new long[1024];
    private boolean zero;   // 0 marks an empty slot, so the hash 0 is remembered apart
    private int size;

    BloomFilterBuilder(LeafSpec spec, double fpp) {
        this.spec = spec;
        this.fpp = fpp;
    }

    void reset() {
        if (hashes.length > 1 << 16) hashes = new long[1024];
        else Arrays.fill(hashes, 0);
        size = 0;
        zero = false;
    }

    long retainedBytes() { return 8L * hashes.length; }

    /** Adds the PLAIN-encoded values in buf[off, off + len) (BYTE_ARRAY values carry their 4-byte lengths). */
    void addPlain(byte[] buf, int off, int len) {
        int end = off + len;
        switch (spec.physical()) {
            case INT32, FLOAT -> { for (int p = off; p + 4 <= end; p += 4) add(XxHash64.hash(buf, p, 4)); }
            case INT64, DOUBLE -> { for (int p = off; p + 8 <= end; p += 8) add(XxHash64.hash(buf, p, 8)); }
            case FIXED_LEN_BYTE_ARRAY -> {
                int w = spec.typeLength();
                for (int p = off; p + w <= end; p += w) add(XxHash64.hash(buf, p, w));
            }
            case BYTE_ARRAY -> {
                int p = off;
                while (p + 4 <= end) {
                    int n = (buf[p] & 0xFF) | (buf[p + 1] & 0xFF) << 8 | (buf[p + 2] & 0xFF) << 16 | (buf[p + 3] & 0xFF) << 24;
                    add(XxHash64.hash(buf, p + 4, n));
                    p += 4 + n;
                }
            }
            default -> { }   // BOOLEAN: the specification defines no filter
        }
    }

    private void add(long h) {
        if (h == 0) {
            zero = true;
            return;
        }
        int mask = hashes.length - 1;
        int slot = (int) (h ^ (h >>> 32)) & mask;
        while (hashes[slot] != 0) {
            if (hashes[slot] == h) return;
            slot = (slot + 1) & mask;
        }
        hashes[slot] = h;
        if (++size * 2 > hashes.length) grow();
    }

    private void grow() {
        long[] old = hashes;
        hashes = new long[old.length * 2];
        int mask = hashes.length - 1;
        for (long h : old) {
            if (h == 0) continue;
            int slot = (int) (h ^ (h >>> 32)) & mask;
            while (hashes[slot] != 0) slot = (slot + 1) & mask;
            hashes[slot] = h;
        }
    }

    /** The filter's bitset for the values added since {@link #reset()}; null when there were none. */
    byte[] build() {
        long ndv = size + (zero ? 1 : 0);
        if (ndv == 0) return null;
        byte[] bits = new byte[numBytes(ndv, fpp)];
        SplitBlockBloomFilter f = SplitBlockBloomFilter.of(bits);
        for (long h : hashes) if (h != 0) f.insert(h);
        if (zero) f.insert(0);
        return bits;
    }

    /** Bytes for {@code ndv} distinct values at false-positive rate {@code fpp}: a power of two from 32 B to 128 MiB (as parquet-java). */
    static int numBytes(long ndv, double fpp) {
        double bits = -8.0 * ndv / Math.log(1 - Math.pow(fpp, 1.0 / 8));
        long bytes = (long) Math.ceil(bits / 8);
        long p = Long.highestOneBit(Math.max(SplitBlockBloomFilter.BYTES_PER_BLOCK, bytes));
        if (p < bytes) p <<= 1;
        return (int) Math.min(MAX_BYTES, p);
    }
}
