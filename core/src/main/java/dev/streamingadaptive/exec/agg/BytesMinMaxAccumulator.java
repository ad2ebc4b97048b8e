package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;

import java.util.Arrays;
import java.util.List;

/**
 * MIN/MAX of byte strings in unsigned byte order (code point order for UTF-8; numeric order for
 * wide decimals in their ordered form). Each group holds its current extreme as its own array,
 * replaced only when a better value arrives; dictionary batches compare each entry's bytes in place.
 */
final class BytesMinMaxAccumulator extends Accumulator {
    private final boolean max;
    private final BytesVector vector = new BytesVector();
    private byte[][] values = new byte[0][];

    BytesMinMaxAccumulator(AggSpec spec, MemoryAccount account) {
        super(spec, account);
        this.max = spec.function() == AggFunction.MAX;
    }

    @Override
    boolean idempotent() { return true; }

    @Override
    void ensureGroups(int groups) {
        if (groups > values.length) values = account.grow(values, MemoryAccount.nextCapacity(values.length, groups));
    }

    private boolean better(byte[] data, int s, int e, byte[] cur) {
        int c = Arrays.compareUnsigned(data, s, e, cur, 0, cur.length);
        return max ? c > 0 : c < 0;
    }

    private void set(int g, byte[] data, int s, int e) {
        byte[] old = values[g];
        account.allocate(MemoryAccount.bytes(e - s, 1));
        values[g] = Arrays.copyOfRange(data, s, e);
        if (old != null) account.free(MemoryAccount.bytes(old.length, 1));
    }

    @Override
    void update(Column input, int n, int[] gids, long batchSequence) {
        BytesVector v = vector;
        v.load(input, n);
        byte[] data = v.data;
        int[] off = v.offsets;
        int[] idx = v.indices;
        boolean[] nulls = v.nulls;
        byte[][] vals = values;
        for (int i = 0; i < n; i++) {
            if (nulls != null && nulls[i]) continue;
            int g = gids == null ? 0 : gids[i];
            int j = idx == null ? i : idx[i];
            int s = off[j], e = off[j + 1];
            byte[] cur = vals[g];
            if (cur == null || better(data, s, e, cur)) set(g, data, s, e);
        }
    }

    @Override
    void merge(Accumulator other, int[] map, int otherGroups) {
        BytesMinMaxAccumulator o = (BytesMinMaxAccumulator) other;
        for (int g = 0; g < otherGroups; g++) {
            byte[] x = o.values[g];
            if (x == null) continue;
            int t = map[g];
            if (values[t] == null || better(x, 0, x.length, values[t])) set(t, x, 0, x.length);
        }
    }

    @Override
    List<DataType> stateTypes() { return List.of(DataType.BINARY); }

    @Override
    void exportState(int[] gids, int n, String prefix, List<Column> out) {
        out.add(SpillState.bytes(prefix + 0, values, gids, n));
    }

    @Override
    void mergeState(List<Column> state, int at, int rows, int[] gids) {
        BytesVector v = vector;
        v.load(state.get(at), rows);
        byte[] data = v.data;
        int[] off = v.offsets;
        int[] idx = v.indices;
        boolean[] nulls = v.nulls;
        for (int i = 0; i < rows; i++) {
            if (nulls != null && nulls[i]) continue;
            int t = gids[i];
            int j = idx == null ? i : idx[i];
            int s = off[j], e = off[j + 1];
            if (values[t] == null || better(data, s, e, values[t])) set(t, data, s, e);
        }
    }

    @Override
    Column finish(int groups) {
        return finishBytes(name(), spec.inputType(), values, groups);
    }

    /** A column of per-group byte arrays (null entries are null values). */
    static Column finishBytes(String name, dev.streamingadaptive.frame.DataType type, byte[][] values, int groups) {
        long total = 0;
        for (int g = 0; g < groups; g++) if (values[g] != null) total += values[g].length;
        if (total > Integer.MAX_VALUE - 16) throw new IllegalStateException("more than 2 GB in one result column");
        byte[] data = new byte[(int) total];
        int[] offsets = new int[groups + 1];
        boolean[] nulls = new boolean[groups];
        int pos = 0;
        for (int g = 0; g < groups; g++) {
            byte[] x = values[g];
            if (x == null) nulls[g] = true;
            else {
                System.arraycopy(x, 0, data, pos, x.length);
                pos += x.length;
            }
            offsets[g + 1] = pos;
        }
        return Columns.fromBytes(name, type, data, offsets, nulls, groups);
    }
}
