package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DoubleColumn;

import java.util.List;

/** SUM and MEAN of floating-point inputs, in double (FLOAT32 widened exactly first). */
final class DoubleSumAccumulator extends Accumulator {
    private final boolean mean;
    private final DoubleVector vector = new DoubleVector();
    private double[] sums = new double[0];
    private long[] counts = new long[0];

    DoubleSumAccumulator(AggSpec spec, MemoryAccount account, boolean mean) {
        super(spec, account);
        this.mean = mean;
    }

    @Override
    void ensureGroups(int groups) {
        if (groups <= sums.length) return;
        int cap = MemoryAccount.nextCapacity(sums.length, groups);
        sums = account.grow(sums, cap);
        counts = account.grow(counts, cap);
    }

    @Override
    void update(Column input, int n, int[] gids, long batchSequence) {
        vector.load(input, n);
        double[] v = vector.values;
        boolean[] nulls = vector.nulls;
        if (gids == null) {
            double s = sums[0];
            long c = counts[0];
            if (nulls == null) {
                for (int i = 0; i < n; i++) s += v[i];
                c += n;
            } else {
                for (int i = 0; i < n; i++) {
                    if (nulls[i]) continue;
                    s += v[i];
                    c++;
                }
            }
            sums[0] = s;
            counts[0] = c;
            return;
        }
        double[] s = sums;
        long[] c = counts;
        if (nulls == null) {
            for (int i = 0; i < n; i++) {
                int g = gids[i];
                s[g] += v[i];
                c[g]++;
            }
        } else {
            for (int i = 0; i < n; i++) {
                if (nulls[i]) continue;
                int g = gids[i];
                s[g] += v[i];
                c[g]++;
            }
        }
    }

    @Override
    void merge(Accumulator other, int[] map, int otherGroups) {
        DoubleSumAccumulator o = (DoubleSumAccumulator) other;
        for (int g = 0; g < otherGroups; g++) {
            if (o.counts[g] == 0) continue;
            sums[map[g]] += o.sums[g];
            counts[map[g]] += o.counts[g];
        }
    }

    @Override
    List<DataType> stateTypes() { return List.of(DataType.FLOAT64, DataType.INT64); }

    @Override
    void exportState(int[] gids, int n, String prefix, List<Column> out) {
        out.add(SpillState.doubles(prefix + 0, sums, null, gids, n));
        out.add(SpillState.longs(prefix + 1, counts, null, gids, n));
    }

    @Override
    void mergeState(List<Column> state, int at, int rows, int[] gids) {
        vector.load(state.get(at), rows);
        double[] s = vector.values;
        countVector.load(state.get(at + 1), rows);
        long[] c = countVector.values;
        for (int i = 0; i < rows; i++) {
            if (c[i] == 0) continue;
            sums[gids[i]] += s[i];
            counts[gids[i]] += c[i];
        }
    }

    private final LongVector countVector = new LongVector();

    @Override
    Column finish(int groups) {
        double[] out = new double[groups];
        boolean[] nulls = new boolean[groups];
        for (int g = 0; g < groups; g++) {
            if (counts[g] == 0) nulls[g] = true;
            else out[g] = mean ? sums[g] / counts[g] : sums[g];
        }
        return new DoubleColumn(name(), DataType.FLOAT64, out, groups, Columns.orNull(nulls, groups));
    }
}
