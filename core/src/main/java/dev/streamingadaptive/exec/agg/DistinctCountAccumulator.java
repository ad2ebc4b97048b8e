package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.LongColumn;

import java.util.List;

/**
 * N_UNIQUE ({@code count(DISTINCT x)}): values get dense ids from a {@link KeyIds} shared by all
 * groups (so floats follow the key rules: one NaN, -0.0 = 0.0), and the distinct (group, value id)
 * pairs live in one {@link LongIntMap}; a group's count rises when one of its pairs is new.
 */
final class DistinctCountAccumulator extends Accumulator {
    private final KeyIds values;
    private final LongIntMap pairs;
    private int[] ids = new int[0];
    private long[] counts = new long[0];

    DistinctCountAccumulator(AggSpec spec, MemoryAccount account) {
        super(spec, account);
        this.values = KeyIds.create(spec.inputType(), account);
        this.pairs = new LongIntMap(account, 16);
    }

    @Override
    void ensureGroups(int groups) {
        if (groups > counts.length) counts = account.grow(counts, MemoryAccount.nextCapacity(counts.length, groups));
    }

    @Override
    void update(Column input, int n, int[] gids, long batchSequence) {
        if (ids.length < n) ids = new int[Math.max(n, ids.length * 2)];
        values.ids(input, n, ids);
        int nullId = values.nullId;
        int[] v = ids;
        for (int i = 0; i < n; i++) {
            int id = v[i];
            if (id == nullId) continue;
            int g = gids == null ? 0 : gids[i];
            add(g, id);
        }
    }

    private void add(int g, int valueId) {
        int before = pairs.size();
        pairs.idOf(((long) g << 32) | valueId);
        if (pairs.size() != before) counts[g]++;
    }

    @Override
    void merge(Accumulator other, int[] map, int otherGroups) {
        DistinctCountAccumulator o = (DistinctCountAccumulator) other;
        int[] valueMap = values.absorb(o.values);
        for (long pair : o.pairs.keysById()) {
            add(map[(int) (pair >>> 32)], valueMap[(int) pair]);
        }
    }

    /** The value set grows with the rows: not spilled (a spilling group-by refuses it when the groups outgrow memory). */
    @Override
    boolean spillable() { return false; }

    @Override
    List<DataType> stateTypes() { throw new UnsupportedOperationException(spec.function().sqlName() + " state is not spilled"); }

    @Override
    void exportState(int[] gids, int n, String prefix, List<Column> out) { throw new UnsupportedOperationException(); }

    @Override
    void mergeState(List<Column> state, int at, int rows, int[] gids) { throw new UnsupportedOperationException(); }

    @Override
    Column finish(int groups) {
        return new LongColumn(name(), DataType.INT64, java.util.Arrays.copyOf(counts, groups), groups, null);
    }
}
