package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DoubleColumn;

import java.util.Arrays;
import java.util.List;

/**
 * MEDIAN/QUANTILE ({@code quantile_cont}): exact, so every non-null value is kept — appended with
 * its group to two flat arrays (no per-group lists), then bucketed by group with a counting sort
 * at the end, each bucket sorted (NaN last, as DuckDB orders it) and interpolated linearly.
 */
final class QuantileAccumulator extends Accumulator {
    private final double quantile;
    private final DoubleVector vector = new DoubleVector();
    private double[] values = new double[0];
    private int[] groupOf = new int[0];
    private int size;
    private int groups;

    QuantileAccumulator(AggSpec spec, MemoryAccount account) {
        super(spec, account);
        this.quantile = spec.quantile();
    }

    @Override
    void ensureGroups(int groups) {
        this.groups = Math.max(this.groups, groups);
    }

    private void ensureValues(long needed) {
        if (needed <= values.length) return;
        if (needed > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException(spec.function().sqlName() + "(" + name() + ") holds more than 2^31 values");
        }
        int cap = MemoryAccount.nextCapacity(values.length, needed);
        values = account.grow(values, cap);
        groupOf = account.grow(groupOf, cap);
    }

    @Override
    void update(Column input, int n, int[] gids, long batchSequence) {
        vector.load(input, n);
        double[] v = vector.values;
        boolean[] nulls = vector.nulls;
        ensureValues((long) size + n);
        double[] vals = values;
        int[] gs = groupOf;
        int k = size;
        for (int i = 0; i < n; i++) {
            if (nulls != null && nulls[i]) continue;
            vals[k] = v[i];
            gs[k] = gids == null ? 0 : gids[i];
            k++;
        }
        size = k;
    }

    @Override
    void merge(Accumulator other, int[] map, int otherGroups) {
        QuantileAccumulator o = (QuantileAccumulator) other;
        ensureValues((long) size + o.size);
        for (int i = 0; i < o.size; i++) {
            values[size] = o.values[i];
            groupOf[size] = map[o.groupOf[i]];
            size++;
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
    Column finish(int groupCount) {
        int n = groupCount;
        int[] start = new int[n + 1];
        for (int i = 0; i < size; i++) start[groupOf[i] + 1]++;
        for (int g = 0; g < n; g++) start[g + 1] += start[g];
        account.allocate(MemoryAccount.bytes(size, 8));
        try {
            double[] sorted = new double[size];
            int[] pos = Arrays.copyOf(start, n);
            for (int i = 0; i < size; i++) sorted[pos[groupOf[i]]++] = values[i];
            double[] out = new double[n];
            boolean[] nulls = new boolean[n];
            for (int g = 0; g < n; g++) {
                int from = start[g], to = start[g + 1];
                if (from == to) {
                    nulls[g] = true;
                    continue;
                }
                Arrays.sort(sorted, from, to); // Double order: NaN after +Infinity
                out[g] = interpolate(sorted, from, to - from, quantile);
            }
            return new DoubleColumn(name(), DataType.FLOAT64, out, n, Columns.orNull(nulls, n));
        } finally {
            account.free(MemoryAccount.bytes(size, 8));
        }
    }

    /** quantile_cont over sorted[from, from + count): linear between the two nearest ranks. */
    static double interpolate(double[] sorted, int from, int count, double q) {
        double rank = q * (count - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        double a = sorted[from + lo];
        if (lo == hi) return a;
        double b = sorted[from + hi];
        if (a == b) return a;
        double d = rank - lo;
        // DuckDB's form for doubles: with an infinite end it stays infinite where a + d * (b - a) gives NaN.
        return a * (1.0 - d) + b * d;
    }
}
