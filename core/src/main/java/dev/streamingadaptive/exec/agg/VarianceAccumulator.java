package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DoubleColumn;

import java.util.List;

/**
 * STD/VAR (sample, n - 1): Welford's running mean and sum of squared deviations per group, merged
 * with Chan's formula — stable where the textbook sum-of-squares loses every digit.
 */
final class VarianceAccumulator extends Accumulator {
    private final boolean std;
    private final DoubleVector vector = new DoubleVector();
    private long[] counts = new long[0];
    private double[] means = new double[0];
    private double[] m2 = new double[0];

    VarianceAccumulator(AggSpec spec, MemoryAccount account) {
        super(spec, account);
        this.std = spec.function() == AggFunction.STD;
    }

    @Override
    void ensureGroups(int groups) {
        if (groups <= counts.length) return;
        int cap = MemoryAccount.nextCapacity(counts.length, groups);
        counts = account.grow(counts, cap);
        means = account.grow(means, cap);
        m2 = account.grow(m2, cap);
    }

    @Override
    void update(Column input, int n, int[] gids, long batchSequence) {
        vector.load(input, n);
        double[] v = vector.values;
        boolean[] nulls = vector.nulls;
        long[] c = counts;
        double[] mu = means;
        double[] q = m2;
        for (int i = 0; i < n; i++) {
            if (nulls != null && nulls[i]) continue;
            int g = gids == null ? 0 : gids[i];
            double x = v[i];
            long k = ++c[g];
            double d = x - mu[g];
            double m = mu[g] + d / k;
            mu[g] = m;
            q[g] += d * (x - m);
        }
    }

    @Override
    void merge(Accumulator other, int[] map, int otherGroups) {
        VarianceAccumulator o = (VarianceAccumulator) other;
        for (int g = 0; g < otherGroups; g++) combine(map[g], o.counts[g], o.means[g], o.m2[g]);
    }

    /** Chan's formula: folds (nb, meanB, m2B) into group t. */
    private void combine(int t, long nb, double meanB, double m2B) {
        if (nb == 0) return;
        long na = counts[t];
        if (na == 0) {
            counts[t] = nb;
            means[t] = meanB;
            m2[t] = m2B;
            return;
        }
        long n = na + nb;
        double d = meanB - means[t];
        means[t] += d * nb / n;
        m2[t] += m2B + d * d * ((double) na * nb / n);
        counts[t] = n;
    }

    @Override
    List<DataType> stateTypes() { return List.of(DataType.INT64, DataType.FLOAT64, DataType.FLOAT64); }

    @Override
    void exportState(int[] gids, int n, String prefix, List<Column> out) {
        out.add(SpillState.longs(prefix + 0, counts, null, gids, n));
        out.add(SpillState.doubles(prefix + 1, means, null, gids, n));
        out.add(SpillState.doubles(prefix + 2, m2, null, gids, n));
    }

    @Override
    void mergeState(List<Column> state, int at, int rows, int[] gids) {
        countVector.load(state.get(at), rows);
        long[] c = countVector.values;
        vector.load(state.get(at + 1), rows);
        double[] mu = vector.values;
        m2Vector.load(state.get(at + 2), rows);
        double[] q = m2Vector.values;
        for (int i = 0; i < rows; i++) combine(gids[i], c[i], mu[i], q[i]);
    }

    private final LongVector countVector = new LongVector();
    private final DoubleVector m2Vector = new DoubleVector();

    @Override
    Column finish(int groups) {
        double[] out = new double[groups];
        boolean[] nulls = new boolean[groups];
        for (int g = 0; g < groups; g++) {
            if (counts[g] < 2) {
                nulls[g] = true;
                continue;
            }
            double var = m2[g] / (counts[g] - 1);
            out[g] = std ? Math.sqrt(var) : var;
        }
        return new DoubleColumn(name(), DataType.FLOAT64, out, groups, Columns.orNull(nulls, groups));
    }
}
