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

    /** Taking a value twice leaves the set as it is. */
    @Override
    boolean idempotent() { return true; }

    /** No fixed state: the count is the number of the group's values, which spill as rows of their own ({@link #pairsById}). */
    @Override
    List<DataType> stateTypes() { return List.of(); }

    @Override
    void exportState(int[] gids, int n, String prefix, List<Column> out) {}

    @Override
    void mergeState(List<Column> state, int at, int rows, int[] gids) {}

    /** Every (group, value id) pair as {@code group << 32 | value id}, for spilling the sets as rows. */
    long[] pairsById() {
        return pairs.keysById();
    }

    /** The values of {@code valueIds[0..n)} as a column of the input type. */
    Column values(String name, int[] valueIds, int n) {
        return values.column(name, valueIds, n);
    }

    /** See {@link KeyIds#exporting}. */
    long exportingValues(boolean on) {
        return values.exporting(on);
    }

    @Override
    Column finish(int groups) {
        return new LongColumn(name(), DataType.INT64, java.util.Arrays.copyOf(counts, groups), groups, null);
    }
}
