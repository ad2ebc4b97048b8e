package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;

import java.util.Arrays;

/**
 * Key ids for LONG-family values and floats (as canonical bits: one NaN, -0.0 folded into 0.0, as
 * DuckDB groups them). When a batch's values span a small range (flags, small ints, dates of a few
 * days, codes) the batch is indexed through a direct array of that range, so each distinct value
 * touches the hash map once per batch rather than once per row.
 */
final class LongKeyIds extends KeyIds {
    /** Widest value range indexed directly per batch. */
    private static final int MAX_DIRECT_RANGE = 1 << 16;

    /**
     * Widest presence bitmap, in bits per key: at most 16 bytes a key beside the hash map's 24 to 48. TPC-H's
     * customer keys of Q22's candidates (1 in 3.6) or Q21's order keys (1 in 80) qualify.
     */
    private static final long MAX_PRESENCE_BITS_PER_KEY = 128;

    /** Widest key range, per key, indexed directly once sealed ({@link #directById}): 16 bytes a key at most. */
    private static final long MAX_DIRECT_SLOTS_PER_KEY = 4;

    private final boolean floating;
    private final MemoryAccount account;
    private final LongIntMap map;
    /**
     * Once sealed, bit (key - presentMin) set for each key, or null: a probe of a key that is not there (most
     * probes of a selective join) reads a bitmap that stays in cache instead of the hash table, which does not.
     */
    private long[] present;
    private long presentMin;
    private long presentBits;
    /**
     * Once sealed, id + 1 at (key - presentMin) for each key (0: absent), or null: where the keys are dense enough
     * (TPC-H's order keys, one in four of their range; customer, part and supplier keys, all of it) a probe reads
     * one int instead of the hash table's slot and key, two cache misses in a table far larger than the cache.
     */
    private int[] directById;
    private final LongVector longs = new LongVector();
    private final DoubleVector doubles;
    private long[] bits = new long[0];
    private int[] direct = new int[0];

    LongKeyIds(DataType type, boolean floating, MemoryAccount account) {
        super(type);
        this.floating = floating;
        this.doubles = floating ? new DoubleVector() : null;
        this.account = account;
        this.map = new LongIntMap(account, 16);
    }

    @Override int count() { return map.size(); }

    @Override long bytes() { return map.bytes(); }

    static long canonicalBits(double d) {
        return Double.doubleToLongBits(d == 0.0 ? 0.0 : d); // doubleToLongBits folds every NaN into one
    }

    @Override
    void ids(Column c, int rows, int[] out) {
        long[] v;
        boolean[] nulls;
        if (floating) {
            doubles.load(c, rows);
            nulls = doubles.nulls;
            if (bits.length < rows) bits = new long[Math.max(rows, bits.length * 2)];
            double[] d = doubles.values;
            for (int i = 0; i < rows; i++) bits[i] = canonicalBits(d[i]);
            v = bits;
        } else {
            longs.load(c, rows);
            nulls = longs.nulls;
            v = longs.values;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        if (nulls == null) {
            for (int i = 0; i < rows; i++) {
                long x = v[i];
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        } else {
            for (int i = 0; i < rows; i++) {
                if (nulls[i]) continue;
                long x = v[i];
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        }
        long range = max - min; // negative when overflowing or when every row is null
        if (range >= 0 && range < MAX_DIRECT_RANGE && range < Math.max(1024, 2L * rows)) {
            directIds(v, nulls, rows, min, (int) range + 1, out);
        } else {
            hashedIds(v, nulls, rows, out);
        }
    }

    @Override
    void find(Column c, int rows, int[] out) {
        if (floating) {
            DoubleVector d = new DoubleVector();
            d.load(c, rows);
            for (int i = 0; i < rows; i++) out[i] = d.nulls != null && d.nulls[i] ? -1 : map.find(canonicalBits(d.values[i]));
        } else {
            LongVector v = new LongVector();
            v.load(c, rows);
            long[] a = v.values;
            boolean[] nulls = v.nulls;
            LongIntMap m = map;
            // A repeated key (runs are common: a fact table stored in its key's order, TPC-H lineitem by order) takes
            // the previous row's answer instead of another probe of a table far larger than the cache.
            long[] bits = present;
            long base = presentMin, span = presentBits;
            long previous = 0;
            int previousId = -2;
            int[] direct = directById;
            if (direct != null) {
                for (int i = 0; i < rows; i++) {
                    long o = a[i] - base;
                    out[i] = (nulls != null && nulls[i]) || Long.compareUnsigned(o, span) >= 0 ? -1 : direct[(int) o] - 1;
                }
                return;
            }
            for (int i = 0; i < rows; i++) {
                if (nulls != null && nulls[i]) {
                    out[i] = -1;
                    continue;
                }
                long x = a[i];
                if (x != previous || previousId == -2) {
                    previous = x;
                    long o = x - base;
                    previousId = bits != null && (Long.compareUnsigned(o, span) >= 0 || (bits[(int) (o >>> 6)] & (1L << o)) == 0)
                            ? -1 : m.find(x);
                }
                out[i] = previousId;
            }
        }
    }

    @Override
    void seal() {
        if (floating || present != null || map.size() == 0) return;
        long min = map.minKey(), max = map.maxKey();
        long span = max - min + 1; // not positive when the keys span more than 2^63
        if (span <= 0 || span > MAX_PRESENCE_BITS_PER_KEY * map.size()) return;
        if (span <= MAX_DIRECT_SLOTS_PER_KEY * map.size() && MemoryAccount.bytes(span, 4) <= MemoryAccount.maxArrayBytes()
                && account.tryAllocate(MemoryAccount.bytes(span, 4))) {
            int[] direct = new int[(int) span];
            map.markIds(min, direct);
            directById = direct;
            presentMin = min;
            presentBits = span;
            return;
        }
        long words = (span + 63) >>> 6;
        if (!account.tryAllocate(MemoryAccount.bytes(words, 8))) return; // only an aid: not worth a refusal
        long[] bits = new long[(int) words];
        map.markKeys(min, bits);
        present = bits;
        presentMin = min;
        presentBits = span;
    }

    /** Ids through the hash map, a repeated key reusing the previous row's id (see {@link #find}). */
    private void hashedIds(long[] v, boolean[] nulls, int rows, int[] out) {
        LongIntMap m = map;
        long previous = 0;
        int previousId = -1;
        for (int i = 0; i < rows; i++) {
            if (nulls != null && nulls[i]) {
                out[i] = nullId();
                continue;
            }
            long x = v[i];
            if (x != previous || previousId < 0) {
                previous = x;
                previousId = m.idOf(x);
            }
            out[i] = previousId;
        }
    }

    private void directIds(long[] v, boolean[] nulls, int rows, long min, int width, int[] out) {
        if (direct.length < width) direct = new int[Math.max(width, Math.min(MAX_DIRECT_RANGE, direct.length * 2))];
        int[] d = direct;
        Arrays.fill(d, 0, width, -1);
        LongIntMap m = map;
        for (int i = 0; i < rows; i++) {
            if (nulls != null && nulls[i]) {
                out[i] = nullId();
                continue;
            }
            long x = v[i];
            int o = (int) (x - min);
            int id = d[o];
            if (id < 0) id = d[o] = m.idOf(x);
            out[i] = id;
        }
    }

    private int nullId() {
        if (nullId < 0) nullId = map.reserveId();
        return nullId;
    }

    @Override
    int[] absorb(KeyIds o) {
        LongKeyIds other = (LongKeyIds) o;
        long[] keys = other.map.keysById();
        int[] m = new int[keys.length];
        for (int id = 0; id < keys.length; id++) {
            m[id] = id == other.nullId ? nullId() : map.idOf(keys[id]);
        }
        return m;
    }

    /** The keys by id while a spill exports the groups in chunks ({@link LongIntMap#keysById()} scans the whole map). */
    private long[] exportKeys;

    @Override
    long exporting(boolean on) {
        exportKeys = on ? map.keysById() : null;
        return on ? MemoryAccount.bytes(exportKeys.length, 8) : 0;
    }

    @Override
    Column column(String name, int[] ids, int n) {
        long[] keys = exportKeys != null ? exportKeys : map.keysById();
        boolean[] nulls = new boolean[n];
        if (floating) {
            double[] out = new double[n];
            for (int g = 0; g < n; g++) {
                int id = ids == null ? g : ids[g];
                if (id == nullId) nulls[g] = true;
                else out[g] = Double.longBitsToDouble(keys[id]);
            }
            return Columns.fromDoubles(name, type, out, nulls, n);
        }
        long[] out = new long[n];
        for (int g = 0; g < n; g++) {
            int id = ids == null ? g : ids[g];
            if (id == nullId) nulls[g] = true;
            else out[g] = keys[id];
        }
        return Columns.fromLongs(name, type, out, nulls, n);
    }
}
