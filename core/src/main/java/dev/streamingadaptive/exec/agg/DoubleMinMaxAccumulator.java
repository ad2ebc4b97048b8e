package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;

import java.util.List;

/** MIN/MAX of floating-point values; NaN is greater than every number (DuckDB's order), so max is NaN if any. */
final class DoubleMinMaxAccumulator extends Accumulator {
    private final boolean max;
    private final DoubleVector vector = new DoubleVector();
    private double[] values = new double[0];
    private boolean[] seen = new boolean[0];

    DoubleMinMaxAccumulator(AggSpec spec, MemoryAccount account) {
        super(spec, account);
        this.max = spec.function() == AggFunction.MAX;
    }

    @Override
    boolean idempotent() { return true; }

    @Override
    void ensureGroups(int groups) {
        if (groups <= values.length) return;
        int cap = MemoryAccount.nextCapacity(values.length, groups);
        values = account.grow(values, cap);
        seen = account.grow(seen, cap);
    }

    /** a before b in DuckDB's order (NaN last). */
    private static boolean less(double a, double b) {
        return a < b || (b != b && a == a);
    }

    private boolean better(double x, double cur) {
        return max ? less(cur, x) : less(x, cur);
    }

    @Override
    void update(Column input, int n, int[] gids, long batchSequence) {
        vector.load(input, n);
        double[] v = vector.values;
        boolean[] nulls = vector.nulls;
        double[] vals = values;
        boolean[] s = seen;
        for (int i = 0; i < n; i++) {
            if (nulls != null && nulls[i]) continue;
            int g = gids == null ? 0 : gids[i];
            double x = v[i];
            if (!s[g] || better(x, vals[g])) {
                vals[g] = x;
                s[g] = true;
            }
        }
    }

    @Override
    void merge(Accumulator other, int[] map, int otherGroups) {
        DoubleMinMaxAccumulator o = (DoubleMinMaxAccumulator) other;
        for (int g = 0; g < otherGroups; g++) {
            if (!o.seen[g]) continue;
            int t = map[g];
            if (!seen[t] || better(o.values[g], values[t])) {
                values[t] = o.values[g];
                seen[t] = true;
            }
        }
    }

    @Override
    List<DataType> stateTypes() { return List.of(DataType.FLOAT64); }

    @Override
    void exportState(int[] gids, int n, String prefix, List<Column> out) {
        out.add(SpillState.doubles(prefix + 0, values, seen, gids, n));
    }

    @Override
    void mergeState(List<Column> state, int at, int rows, int[] gids) {
        vector.load(state.get(at), rows);
        double[] v = vector.values;
        boolean[] nulls = vector.nulls;
        for (int i = 0; i < rows; i++) {
            if (nulls != null && nulls[i]) continue;
            int t = gids[i];
            if (!seen[t] || better(v[i], values[t])) {
                values[t] = v[i];
                seen[t] = true;
            }
        }
    }

    @Override
    Column finish(int groups) {
        boolean[] nulls = new boolean[groups];
        for (int g = 0; g < groups; g++) nulls[g] = !seen[g];
        return Columns.fromDoubles(name(), spec.inputType(), java.util.Arrays.copyOf(values, groups), nulls, groups);
    }
}
