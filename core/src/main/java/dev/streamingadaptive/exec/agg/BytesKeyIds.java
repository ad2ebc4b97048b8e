package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;

import java.util.Arrays;

/**
 * Key ids for byte-string values (strings, binary, UUIDs, wide decimals). A dictionary-encoded
 * batch — how Parquet stores repetitive strings — maps each dictionary entry it uses to an id once
 * and then indexes per row; the entry-to-id array is kept while consecutive batches share the
 * dictionary (the batches of one row group).
 */
final class BytesKeyIds extends KeyIds {
    private final BytesIntMap map;
    private final BytesVector vector = new BytesVector();
    // The dictionary whose entry ids are cached, by its byte arrays: a reader wraps the same
    // dictionary in a new column object for every batch of a row group.
    private byte[] cachedData;
    private int[] cachedOffsets;
    private int[] dictionaryIds = new int[0];

    BytesKeyIds(DataType type, MemoryAccount account) {
        super(type);
        this.map = new BytesIntMap(account);
    }

    @Override int count() { return map.size(); }

    @Override long bytes() { return 0; } // counted by the map as it grows

    @Override
    void ids(Column c, int rows, int[] out) {
        BytesVector v = vector;
        v.load(c, rows);
        byte[] data = v.data;
        int[] off = v.offsets;
        boolean[] nulls = v.nulls;
        BytesIntMap m = map;
        int[] idx = v.indices;
        if (idx != null) {
            if (data != cachedData || off != cachedOffsets) {
                int size = v.dictionary.size();
                if (dictionaryIds.length < size) dictionaryIds = new int[Math.max(size, dictionaryIds.length * 2)];
                Arrays.fill(dictionaryIds, 0, size, -1);
                cachedData = data;
                cachedOffsets = off;
            }
            int[] d = dictionaryIds;
            for (int i = 0; i < rows; i++) {
                if (nulls != null && nulls[i]) {
                    out[i] = nullId();
                    continue;
                }
                int j = idx[i];
                int id = d[j];
                if (id < 0) id = d[j] = m.idOf(data, off[j], off[j + 1] - off[j]);
                out[i] = id;
            }
        } else {
            for (int i = 0; i < rows; i++) {
                out[i] = nulls != null && nulls[i] ? nullId() : m.idOf(data, off[i], off[i + 1] - off[i]);
            }
        }
    }

    @Override
    void find(Column c, int rows, int[] out) {
        BytesVector v = new BytesVector();
        v.load(c, rows);
        byte[] data = v.data;
        int[] off = v.offsets;
        boolean[] nulls = v.nulls;
        int[] idx = v.indices;
        if (idx != null) {
            int[] d = new int[v.dictionary.size()];
            Arrays.fill(d, -2);
            for (int i = 0; i < rows; i++) {
                if (nulls != null && nulls[i]) {
                    out[i] = -1;
                    continue;
                }
                int j = idx[i];
                int id = d[j];
                if (id == -2) id = d[j] = map.find(data, off[j], off[j + 1] - off[j]);
                out[i] = id;
            }
        } else {
            for (int i = 0; i < rows; i++) {
                out[i] = nulls != null && nulls[i] ? -1 : map.find(data, off[i], off[i + 1] - off[i]);
            }
        }
    }

    private int nullId() {
        if (nullId < 0) nullId = map.reserveId();
        return nullId;
    }

    @Override
    int[] absorb(KeyIds o) {
        BytesKeyIds other = (BytesKeyIds) o;
        BytesIntMap om = other.map;
        int[] m = new int[om.size()];
        byte[] pool = om.pool();
        for (int id = 0; id < m.length; id++) {
            m[id] = id == other.nullId ? nullId() : map.idOf(pool, om.start(id), om.end(id) - om.start(id));
        }
        return m;
    }

    @Override
    Column column(String name, int[] ids, int n) {
        return Columns.gatherBytes(name, type, map, nullId, ids, n);
    }
}
