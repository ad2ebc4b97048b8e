package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.Field;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows to dense group ids. Each key column has its own {@link KeyIds}; with one key its ids are
 * the group ids. With several, the per-column ids are combined pairwise into 64-bit composites
 * (ids are below 2^31, so (left id, right id) fits one long) looked up in a {@link LongIntMap} per
 * level, the last level's ids being the groups; each group remembers its per-column ids for the
 * output. No keys means one group (global aggregation).
 */
final class GroupTable {
    private final List<Field> keyFields;
    private final MemoryAccount account;
    private final KeyIds[] columns;
    private final LongIntMap[] levels;
    /** Per level, a direct (left, right) → id array in front of the level's map while both id ranges are small. */
    private final PairCache[] caches;
    /** Per key column, the column id of each group (only with two or more keys). */
    private int[][] groupKeyIds;
    private int groups;
    private int[][] columnIds = new int[0][];
    private int[] out = new int[0];

    GroupTable(List<Field> keyFields, MemoryAccount account) {
        this.keyFields = List.copyOf(keyFields);
        this.account = account;
        int k = keyFields.size();
        columns = new KeyIds[k];
        for (int j = 0; j < k; j++) columns[j] = KeyIds.create(keyFields.get(j).type(), account);
        levels = new LongIntMap[Math.max(0, k - 1)];
        for (int j = 0; j < levels.length; j++) levels[j] = new LongIntMap(account, 16);
        caches = new PairCache[levels.length];
        for (int j = 0; j < caches.length; j++) caches[j] = new PairCache(account);
        groupKeyIds = new int[k > 1 ? k : 0][0];
        groups = k == 0 ? 1 : 0;
    }

    /** Groups so far; with one key also while a batch is being assigned (error messages read it mid-batch). */
    int groupCount() { return columns.length == 1 ? columns[0].count() : groups; }

    /**
     * The group id of each of rows [0, rows), creating groups as needed; null when there are no keys
     * (every row is group 0). The array is reused by the next call.
     */
    int[] assign(List<Column> keys, int rows) {
        int k = columns.length;
        if (k == 0) return null;
        if (out.length < rows) {
            out = new int[Math.max(rows, out.length + (out.length >> 1))];
            columnIds = new int[k > 1 ? k : 0][];
            for (int j = 0; j < columnIds.length; j++) columnIds[j] = new int[out.length];
        }
        if (k == 1) {
            columns[0].ids(keys.get(0), rows, out);
            groups = columns[0].count();
            return out;
        }
        for (int j = 0; j < k; j++) columns[j].ids(keys.get(j), rows, columnIds[j]);
        int[] left = columnIds[0];
        int leftCount = columns[0].count();
        for (int j = 1; j < k; j++) {
            LongIntMap level = levels[j - 1];
            int[] right = columnIds[j];
            int[] o = out;
            PairCache cache = caches[j - 1];
            if (cache.covers(leftCount, columns[j].count())) {
                int[] t = cache.table;
                int shift = cache.rightBits;
                for (int i = 0; i < rows; i++) {
                    int slot = (left[i] << shift) | right[i];
                    int id = t[slot];
                    if (id < 0) id = t[slot] = level.idOf(((long) left[i] << 32) | right[i]);
                    o[i] = id;
                }
            } else {
                for (int i = 0; i < rows; i++) o[i] = level.idOf(((long) left[i] << 32) | right[i]);
            }
            left = out;
            leftCount = level.size();
        }
        int before = groups;
        int now = levels[k - 2].size();
        if (now > before) {
            ensureGroupKeyIds(now);
            // New groups got ascending ids in row order: the first row of each is where it is recorded.
            int next = before;
            int[] o = out;
            for (int i = 0; i < rows && next < now; i++) {
                if (o[i] == next) {
                    for (int j = 0; j < k; j++) groupKeyIds[j][next] = columnIds[j][i];
                    next++;
                }
            }
            groups = now;
        }
        return out;
    }

    /** No group is added from now on: the key columns prepare for {@link #find}. */
    void seal() {
        for (KeyIds c : columns) c.seal();
    }

    /**
     * The group id of each of rows [0, rows) without creating groups: -1 where the key is not in
     * the table or any key column is null. Reads only (safe from several threads once built).
     */
    void find(List<Column> keys, int rows, int[] out) {
        int k = columns.length;
        if (k == 1) {
            columns[0].find(keys.get(0), rows, out);
            return;
        }
        int[] left = new int[rows];
        int[] right = new int[rows];
        columns[0].find(keys.get(0), rows, left);
        for (int j = 1; j < k; j++) {
            columns[j].find(keys.get(j), rows, right);
            LongIntMap level = levels[j - 1];
            for (int i = 0; i < rows; i++) {
                out[i] = left[i] < 0 || right[i] < 0 ? -1 : level.find(((long) left[i] << 32) | right[i]);
            }
            left = out;
        }
    }

    private void ensureGroupKeyIds(int n) {
        if (groupKeyIds[0].length >= n) return;
        int cap = MemoryAccount.nextCapacity(groupKeyIds[0].length, n);
        for (int j = 0; j < groupKeyIds.length; j++) groupKeyIds[j] = account.grow(groupKeyIds[j], cap);
    }

    /** Takes every group of {@code other} (same keys); returns this table's group id for each of other's groups. */
    int[] absorb(GroupTable other) {
        int k = columns.length;
        if (k == 0) return new int[] {0};
        int[][] maps = new int[k][];
        for (int j = 0; j < k; j++) maps[j] = columns[j].absorb(other.columns[j]);
        if (k == 1) {
            groups = columns[0].count();
            return maps[0];
        }
        int n = other.groups;
        int[] result = new int[n];
        for (int g = 0; g < n; g++) {
            int id = maps[0][other.groupKeyIds[0][g]];
            for (int j = 1; j < k; j++) {
                id = levels[j - 1].idOf(((long) id << 32) | maps[j][other.groupKeyIds[j][g]]);
            }
            if (id == groups) {
                ensureGroupKeyIds(groups + 1);
                for (int j = 0; j < k; j++) groupKeyIds[j][id] = maps[j][other.groupKeyIds[j][g]];
                groups++;
            }
            result[g] = id;
        }
        return result;
    }

    /** The key columns of groups [0, groupCount()), named and typed as the key fields. */
    List<Column> columns() {
        List<Column> cols = new ArrayList<>(columns.length);
        for (int j = 0; j < columns.length; j++) {
            int[] ids = columns.length == 1 ? null : groupKeyIds[j];
            cols.add(columns[j].column(keyFields.get(j).name(), ids, groups));
        }
        return cols;
    }

    /** See {@link KeyIds#exporting}; returns the bytes kept. */
    long exporting(boolean on) {
        long bytes = 0;
        for (KeyIds c : columns) bytes += c.exporting(on);
        return bytes;
    }

    /** The key values of groups {@code gids[0..n)}, as plain columns named as the key fields. */
    List<Column> columns(int[] gids, int n) {
        List<Column> cols = new ArrayList<>(columns.length);
        for (int j = 0; j < columns.length; j++) {
            int[] ids = gids;
            if (columns.length > 1) {
                ids = new int[n];
                int[] own = groupKeyIds[j];
                for (int i = 0; i < n; i++) ids[i] = own[gids[i]];
            }
            cols.add(columns[j].column(keyFields.get(j).name(), ids, n));
        }
        return cols;
    }

    /**
     * A perfect-hash cache of one level: while (left ids) × (right ids) fit 2^20 slots — a
     * symbol × venue key — a pair's id is one array read instead of a hash probe. The level's map
     * stays the truth (misses are filled from it), so the cache can be resized or dropped any time.
     */
    private static final class PairCache {
        private static final int MAX_BITS = 20;
        private final MemoryAccount account;
        int[] table;
        int leftBits = -1;
        int rightBits;
        private boolean disabled;

        PairCache(MemoryAccount account) {
            this.account = account;
        }

        /** Whether ids below these counts can be looked up in {@link #table}, (re)building it if needed. */
        boolean covers(int leftCount, int rightCount) {
            if (disabled) return false;
            int lb = bits(leftCount);
            int rb = bits(rightCount);
            if (table != null && lb <= leftBits && rb <= rightBits) return true;
            lb = Math.max(lb, leftBits);
            rb = Math.max(rb, rightBits);
            if (lb + rb > MAX_BITS) {
                disabled = true; // the key space outgrew a direct table: probe the map from now on
                release();
                return false;
            }
            release();
            account.allocate(MemoryAccount.bytes(1L << (lb + rb), 4));
            table = new int[1 << (lb + rb)];
            java.util.Arrays.fill(table, -1);
            leftBits = lb;
            rightBits = rb;
            return true;
        }

        private void release() {
            if (table != null) account.free(MemoryAccount.bytes(table.length, 4));
            table = null;
        }

        /** Bits for ids below {@code count}, with headroom so slowly growing counts rebuild rarely. */
        private static int bits(int count) {
            return Math.max(4, 33 - Integer.numberOfLeadingZeros(Math.max(1, count)));
        }
    }
}
