package dev.streamingadaptive.bench;

import java.util.Arrays;

/**
 * Open-addressing map from byte-string keys (given as slices of a larger array) to dense slot
 * numbers, for group-by on string columns without creating a String per row. Aggregates live in
 * arrays indexed by the slot number, owned by the caller.
 */
final class BytesKeyMap {
    private byte[][] keys = new byte[64][];
    private int[] slots = new int[64];
    private int size;

    int size() { return size; }

    /** The slot of the key {@code data[off, off+len)}, adding it if new. */
    int slot(byte[] data, int off, int len) {
        int h = hash(data, off, len);
        int mask = keys.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            byte[] k = keys[i];
            if (k == null) {
                keys[i] = Arrays.copyOfRange(data, off, off + len);
                slots[i] = size++;
                if (size * 2 > keys.length) grow();
                return find(data, off, len, h);
            }
            if (k.length == len && Arrays.equals(k, 0, len, data, off, off + len)) return slots[i];
        }
    }

    private int find(byte[] data, int off, int len, int h) {
        int mask = keys.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            byte[] k = keys[i];
            if (k.length == len && Arrays.equals(k, 0, len, data, off, off + len)) return slots[i];
        }
    }

    private void grow() {
        byte[][] oldKeys = keys;
        int[] oldSlots = slots;
        keys = new byte[oldKeys.length * 2][];
        slots = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            byte[] k = oldKeys[j];
            if (k == null) continue;
            int i = hash(k, 0, k.length) & mask;
            while (keys[i] != null) i = (i + 1) & mask;
            keys[i] = k;
            slots[i] = oldSlots[j];
        }
    }

    private static int hash(byte[] data, int off, int len) {
        int h = 0x9747b28c;
        for (int i = off; i < off + len; i++) h = h * 31 + data[i];
        return h ^ (h >>> 16);
    }

    /** Per-group aggregates for the group_by workload, indexed by slot. */
    static final class Aggs {
        final BytesKeyMap keys = new BytesKeyMap();
        double[] sumPrice = new double[64];
        long[] sumSize = new long[64];
        long[] count = new long[64];

        void add(byte[] data, int off, int len, double price, long size) {
            merge(data, off, len, price, size, 1);
        }

        /** Adds partial aggregates of one group. */
        void merge(byte[] data, int off, int len, double price, long size, long rows) {
            int s = keys.slot(data, off, len);
            if (s >= count.length) {
                int n = count.length * 2;
                sumPrice = Arrays.copyOf(sumPrice, n);
                sumSize = Arrays.copyOf(sumSize, n);
                count = Arrays.copyOf(count, n);
            }
            sumPrice[s] += price;
            sumSize[s] += size;
            count[s] += rows;
        }

        int groups() { return keys.size(); }
    }
}
