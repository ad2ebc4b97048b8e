package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DoubleColumn;

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
        for (int g = 0; g < otherGroups; g++) {
            long nb = o.counts[g];
            if (nb == 0) continue;
            int t = map[g];
            long na = counts[t];
            if (na == 0) {
                counts[t] = nb;
                means[t] = o.means[g];
                m2[t] = o.m2[g];
                continue;
            }
            long n = na + nb;
            double d = o.means[g] - means[t];
            means[t] += d * nb / n;
            m2[t] += o.m2[g] + d * d * ((double) na * nb / n);
            counts[t] = n;
        }
    }

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
