package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.LongColumn;

import java.util.List;

/** COUNT (non-null values) and LEN (rows). */
final class CountAccumulator extends Accumulator {
    private final boolean rows;
    private final NullFlags nullFlags = new NullFlags();
    private long[] counts = new long[0];
    private final LongVector stateVector = new LongVector();

    CountAccumulator(AggSpec spec, MemoryAccount account) {
        super(spec, account);
        this.rows = spec.function() == AggFunction.LEN;
    }

    @Override
    void ensureGroups(int groups) {
        if (groups > counts.length) counts = account.grow(counts, MemoryAccount.nextCapacity(counts.length, groups));
    }

    @Override
    void update(Column input, int n, int[] gids, long batchSequence) {
        boolean[] nulls = rows ? null : nullFlags.of(input, n);
        long[] c = counts;
        if (gids == null) {
            long k = n;
            if (nulls != null) for (int i = 0; i < n; i++) if (nulls[i]) k--;
            c[0] += k;
        } else if (nulls == null) {
            for (int i = 0; i < n; i++) c[gids[i]]++;
        } else {
            for (int i = 0; i < n; i++) if (!nulls[i]) c[gids[i]]++;
        }
    }

    @Override
    void merge(Accumulator other, int[] map, int otherGroups) {
        long[] o = ((CountAccumulator) other).counts;
        for (int g = 0; g < otherGroups; g++) counts[map[g]] += o[g];
    }

    @Override
    List<DataType> stateTypes() { return List.of(DataType.INT64); }

    @Override
    void exportState(int[] gids, int n, String prefix, List<Column> out) {
        out.add(SpillState.longs(prefix + 0, counts, null, gids, n));
    }

    @Override
    void mergeState(List<Column> state, int at, int rows, int[] gids) {
        stateVector.load(state.get(at), rows);
        long[] v = stateVector.values;
        for (int i = 0; i < rows; i++) counts[gids[i]] += v[i];
    }

    @Override
    Column finish(int groups) {
        return new LongColumn(name(), DataType.INT64, java.util.Arrays.copyOf(counts, groups), groups, null);
    }
}
