package dev.streamingadaptive.parquet.write;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Distinct byte strings of one column chunk, kept PLAIN-encoded (4-byte length + bytes) so the
 * buffer is the dictionary page body. Open addressing over (hash, id).
 */
final class BinaryDictionary {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int maxEntries;
    private final int maxBytes;
    private final ByteSink plain = new ByteSink(4096);
    private int[] starts = new int[256];   // start of each entry's bytes in plain
    private int[] lengths = new int[256];
    private int size;
    private int[] table = new int[1024];   // id + 1, 0 = empty
    private int[] hashes = new int[1024];

    BinaryDictionary(int maxEntries, int maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    void reset() {
        plain.resetAndTrim(4096);
        size = 0;
        if (table.length > 1 << 16) {
            table = new int[1024];
            hashes = new int[1024];
        } else {
            Arrays.fill(table, 0);
        }
    }

    int size() { return size; }

    long retainedBytes() {
        return (long) plain.array().length + 4L * (starts.length + lengths.length + table.length + hashes.length);
    }

    ByteSink plain() { return plain; }

    byte[] bytes() { return plain.array(); }

    int start(int id) { return starts[id]; }

    int length(int id) { return lengths[id]; }

    static int hash(byte[] b, int off, int len) {
        long h = 0x9E3779B97F4A7C15L ^ len;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            h = Long.rotateLeft(h ^ (long) LONG_LE.get(b, off + i) * 0xC2B2AE3D27D4EB4FL, 31) * 0x9E3779B97F4A7C15L;
        }
        for (; i < len; i++) h = (h ^ (b[off + i] & 0xFF)) * 0x100000001B3L;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }

    /** The id of b[off, off+len), adding it when new; -1 when adding would exceed the limits. */
    int add(byte[] b, int off, int len) {
        int h = hash(b, off, len);
        int mask = table.length - 1;
        int slot = h & mask;
        byte[] p = plain.array();
        while (true) {
            int e = table[slot];
            if (e == 0) break;
            int id = e - 1;
            if (hashes[slot] == h && lengths[id] == len
                    && Arrays.equals(p, starts[id], starts[id] + len, b, off, off + len)) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
        if (size >= maxEntries || (long) plain.size() + 4 + len > maxBytes) return -1;
        int id = size++;
        if (id == starts.length) {
            starts = Arrays.copyOf(starts, id * 2);
            lengths = Arrays.copyOf(lengths, id * 2);
        }
        plain.putIntLE(len);
        starts[id] = plain.size();
        lengths[id] = len;
        plain.put(b, off, len);
        table[slot] = id + 1;
        hashes[slot] = h;
        if (size * 2 > table.length) rehash();
        return id;
    }

    private void rehash() {
        int[] nt = new int[table.length * 2];
        int[] nh = new int[nt.length];
        int mask = nt.length - 1;
        for (int s = 0; s < table.length; s++) {
            int e = table[s];
            if (e == 0) continue;
            int slot = hashes[s] & mask;
            while (nt[slot] != 0) slot = (slot + 1) & mask;
            nt[slot] = e;
            nh[slot] = hashes[s];
        }
        table = nt;
        hashes = nh;
    }
}
