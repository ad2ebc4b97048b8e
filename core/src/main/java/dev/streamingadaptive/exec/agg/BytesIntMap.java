package dev.streamingadaptive.exec.agg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An open-addressing map from byte strings to dense ids in insertion order. The distinct values
 * are appended to one byte pool (offsets by id), each id keeps its hash so probing compares hashes
 * before bytes and rehashing never rereads the bytes. All growth goes through the
 * {@link MemoryAccount}.
 */
final class BytesIntMap {
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final MemoryAccount account;
    private byte[] pool = new byte[0];
    private int poolSize;
    /** offsets[id] .. offsets[id + 1] in the pool. */
    private int[] offsets = new int[1];
    private int[] hashes = new int[0];
    /** id + 1 per slot; 0 marks an empty slot. */
    private int[] slots;
    private int mask;
    private int size;

    BytesIntMap(MemoryAccount account) {
        this.account = account;
        account.allocate(MemoryAccount.bytes(16, 4));
        slots = new int[16];
        mask = 15;
    }

    int size() { return size; }

    /** Pool bytes of value {@code id}. */
    byte[] pool() { return pool; }

    int start(int id) { return offsets[id]; }

    int end(int id) { return offsets[id + 1]; }

    /** A hash of {@code len} bytes at {@code off}, 8 bytes at a time. */
    static int hash(byte[] b, int off, int len) {
        long h = 0x243F_6A88_85A3_08D3L ^ len;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            h = (h ^ (long) LE_LONG.get(b, off + i)) * 0x9E37_79B9_7F4A_7C15L;
            h ^= h >>> 29;
        }
        long tail = 0;
        for (int j = len - 1; j >= i; j--) tail = (tail << 8) | (b[off + j] & 0xFF);
        h = (h ^ tail) * 0xBF58_476D_1CE4_E5B9L;
        h ^= h >>> 31;
        h *= 0x94D0_49BB_1331_11EBL;
        return (int) (h ^ (h >>> 32));
    }

    /** The id of the value, inserting it with id {@link #size()} when absent. */
    int idOf(byte[] b, int off, int len) {
        int h = hash(b, off, len);
        int r = probe(h, b, off, len);
        return r >= 0 ? r : insert(-r - 1, h, b, off, len);
    }

    /** The id of the value, or -1 when absent (reads only). */
    int find(byte[] b, int off, int len) {
        int r = probe(hash(b, off, len), b, off, len);
        return r >= 0 ? r : -1;
    }

    /** The value's id, or -(the empty slot where it would go) - 1. */
    private int probe(int h, byte[] b, int off, int len) {
        int i = h & mask;
        while (true) {
            int v = slots[i];
            if (v == 0) return -i - 1;
            int id = v - 1;
            if (hashes[id] == h) {
                int s = offsets[id];
                int e = offsets[id + 1];
                if (e - s == len && Arrays.equals(pool, s, e, b, off, off + len)) return id;
            }
            i = (i + 1) & mask;
        }
    }

    /** Takes the next id for an empty value that is not findable (NULL's own id). */
    int reserveId() {
        int id = size;
        if (id + 1 >= offsets.length) {
            int cap = MemoryAccount.nextCapacity(offsets.length, id + 2);
            offsets = account.grow(offsets, cap);
            hashes = account.grow(hashes, cap);
        }
        offsets[id + 1] = poolSize;
        size = id + 1;
        return id;
    }

    private int insert(int slot, int h, byte[] b, int off, int len) {
        int id = size;
        if (id + 1 >= offsets.length) {
            int cap = MemoryAccount.nextCapacity(offsets.length, id + 2);
            offsets = account.grow(offsets, cap);
            hashes = account.grow(hashes, cap);
        }
        if ((long) poolSize + len > pool.length) {
            long need = (long) poolSize + len;
            if (need > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("more than 2 GB of distinct key bytes in one aggregation");
            }
            pool = account.grow(pool, MemoryAccount.nextCapacity(pool.length, need));
        }
        System.arraycopy(b, off, pool, poolSize, len);
        poolSize += len;
        offsets[id + 1] = poolSize;
        hashes[id] = h;
        slots[slot] = id + 1;
        size = id + 1;
        if (size > (mask + 1) >>> 1) rehash();
        return id;
    }

    private void rehash() {
        int cap = (mask + 1) * 2;
        if (cap > 1 << 30) throw new IllegalStateException("more than 2^29 distinct keys in one hash table");
        account.allocate(MemoryAccount.bytes(cap, 4));
        int[] s = new int[cap];
        int m = cap - 1;
        for (int id = 0; id < size; id++) {
            int i = hashes[id] & m;
            while (s[i] != 0) i = (i + 1) & m;
            s[i] = id + 1;
        }
        account.free(MemoryAccount.bytes(slots.length, 4));
        slots = s;
        mask = m;
    }
}
