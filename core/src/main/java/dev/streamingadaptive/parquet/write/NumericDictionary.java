package dev.streamingadaptive.parquet.write;

import java.util.Arrays;

/**
 * Distinct fixed-width values of one column chunk (INT32, INT64, FLOAT, DOUBLE as their raw bits in
 * a long), for dictionary encoding; open addressing over the bits. Floating values are keyed by
 * their raw bits, so -0.0 and 0.0, and NaNs with different payloads, stay distinct and are
 * written back exactly.
 */
final class NumericDictionary {
    private final int maxEntries;
    private long[] values = new long[256];
    private int size;
    private int[] table = new int[1024];   // id + 1, 0 = empty

    NumericDictionary(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    void reset() {
        size = 0;
        if (table.length > 1 << 14) {
            table = new int[1024];
            values = new long[256];
        } else {
            Arrays.fill(table, 0);
        }
    }

    int size() { return size; }

    long value(int id) { return values[id]; }

    long retainedBytes() { return 8L * values.length + 4L * table.length; }

    private static int hash(long v) {
        long h = v * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }

    /** The id of {@code v}, adding it when new; -1 when the dictionary is full. */
    int add(long v) {
        int mask = table.length - 1;
        int slot = hash(v) & mask;
        while (true) {
            int e = table[slot];
            if (e == 0) break;
            if (values[e - 1] == v) return e - 1;
            slot = (slot + 1) & mask;
        }
        if (size >= maxEntries) return -1;
        int id = size++;
        if (id == values.length) values = Arrays.copyOf(values, id * 2);
        values[id] = v;
        table[slot] = id + 1;
        if (size * 2 > table.length) rehash();
        return id;
    }

    private void rehash() {
        int[] nt = new int[table.length * 2];
        int mask = nt.length - 1;
        for (int e : table) {
            if (e == 0) continue;
            int slot = hash(values[e - 1]) & mask;
            while (nt[slot] != 0) slot = (slot + 1) & mask;
            nt[slot] = e;
        }
        table = nt;
    }
}
