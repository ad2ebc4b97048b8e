package dev.streamingadaptive.exec.agg;

/**
 * An open-addressing map from long keys to dense ids 0, 1, 2… in insertion order (linear probing,
 * Fibonacci hashing, at most half full). Keys sit next to their ids in the table, so a lookup is
 * one or two cache lines; the key of an id is recovered by scanning the table when needed
 * ({@link #keysById()}), which saves a per-id array while building. Memory goes through the
 * {@link MemoryAccount}.
 */
final class LongIntMap {
    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;

    private final MemoryAccount account;
    private long[] keys;
    /** id + 1 per slot; 0 marks an empty slot. */
    private int[] slots;
    private int shift;
    private int mask;
    private int size;

    LongIntMap(MemoryAccount account, int initialCapacity) {
        this.account = account;
        int cap = Integer.highestOneBit(Math.max(16, initialCapacity * 2 - 1)) << 1;
        allocate(cap);
    }

    private void allocate(int cap) {
        account.allocate(MemoryAccount.bytes(cap, 8));
        account.allocate(MemoryAccount.bytes(cap, 4));
        keys = new long[cap];
        slots = new int[cap];
        mask = cap - 1;
        shift = 64 - Integer.numberOfTrailingZeros(cap);
    }

    /** Number of keys. */
    int size() { return size; }

    /** Heap bytes of the table. */
    long bytes() { return MemoryAccount.bytes(keys.length, 8) + MemoryAccount.bytes(slots.length, 4); }

    private int home(long key) {
        return (int) ((key * GOLDEN) >>> shift);
    }

    /** The id of {@code key}, inserting it with id {@link #size()} when absent. */
    int idOf(long key) {
        long[] k = keys;
        int[] s = slots;
        int m = mask;
        int i = home(key);
        while (true) {
            int v = s[i];
            if (v == 0) break;
            if (k[i] == key) return v - 1;
            i = (i + 1) & m;
        }
        int id = size;
        k[i] = key;
        s[i] = id + 1;
        if (++size > (m + 1) >>> 1) rehash();
        return id;
    }

    /**
     * Takes the next id without a key (how key tables give NULL an id of its own in the same dense
     * range); {@link #keysById()} leaves 0 at that id.
     */
    int reserveId() {
        int id = size++;
        if (size > (mask + 1) >>> 1) rehash();
        return id;
    }

    /** The id of {@code key}, or -1. */
    int find(long key) {
        int i = home(key);
        while (true) {
            int v = slots[i];
            if (v == 0) return -1;
            if (keys[i] == key) return v - 1;
            i = (i + 1) & mask;
        }
    }

    private void rehash() {
        long[] oldKeys = keys;
        int[] oldSlots = slots;
        long oldBytes = bytes();
        if (oldKeys.length >= 1 << 30) throw new IllegalStateException("more than 2^29 distinct keys in one hash table");
        allocate(oldKeys.length * 2);
        long[] k = keys;
        int[] s = slots;
        int m = mask;
        for (int j = 0; j < oldKeys.length; j++) {
            int v = oldSlots[j];
            if (v == 0) continue;
            long key = oldKeys[j];
            int i = home(key);
            while (s[i] != 0) i = (i + 1) & m;
            k[i] = key;
            s[i] = v;
        }
        account.free(oldBytes);
    }

    /** The smallest key, or Long.MAX_VALUE when there is none. */
    long minKey() {
        long min = Long.MAX_VALUE;
        for (int j = 0; j < slots.length; j++) if (slots[j] != 0) min = Math.min(min, keys[j]);
        return min;
    }

    /** The largest key, or Long.MIN_VALUE when there is none. */
    long maxKey() {
        long max = Long.MIN_VALUE;
        for (int j = 0; j < slots.length; j++) if (slots[j] != 0) max = Math.max(max, keys[j]);
        return max;
    }

    /** Sets bit {@code key - min} of {@code bits} for every key (all within the bitmap). */
    void markKeys(long min, long[] bits) {
        for (int j = 0; j < slots.length; j++) {
            if (slots[j] == 0) continue;
            long o = keys[j] - min;
            bits[(int) (o >>> 6)] |= 1L << o;
        }
    }

    /** Sets {@code ids[key - min]} to the key's id + 1 for every key (all within the array). */
    void markIds(long min, int[] ids) {
        for (int j = 0; j < slots.length; j++) {
            if (slots[j] != 0) ids[(int) (keys[j] - min)] = slots[j];
        }
    }

    /** The key of every id, indexed by id (a new array, not accounted: used while merging or finishing). */
    long[] keysById() {
        long[] out = new long[size];
        for (int j = 0; j < slots.length; j++) {
            int v = slots[j];
            if (v != 0) out[v - 1] = keys[j];
        }
        return out;
    }
}
