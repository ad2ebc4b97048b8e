package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;

import java.util.List;

/**
 * SUM of integers up to 64 bits (and booleans) into INT64, with every addition checked: an
 * overflow is an {@link AggregationOverflowException}, never a silent wrap.
 */
final class IntegerSumAccumulator extends Accumulator {
    private final LongVector vector = new LongVector();
    private final NullFlags nullFlags = new NullFlags();
    private long[] sums = new long[0];
    private boolean[] seen = new boolean[0];

    IntegerSumAccumulator(AggSpec spec, MemoryAccount account) {
        super(spec, account);
    }

    @Override
    void ensureGroups(int groups) {
        if (groups <= sums.length) return;
        int cap = MemoryAccount.nextCapacity(sums.length, groups);
        sums = account.grow(sums, cap);
        seen = account.grow(seen, cap);
    }

    private AggregationOverflowException overflow(String column) {
        return new AggregationOverflowException("sum(" + column + ") overflows 64-bit integers (output '" + name()
                + "'); cast " + column + " to a decimal first");
    }

    @Override
    void update(Column input, int n, int[] gids, long batchSequence) {
        if (input instanceof IntColumn ints && signed32(input.type())) {
            if (gids == null) sumInts(ints, n);
            else sumIntsByGroup(ints, n, gids);
            return;
        }
        vector.load(input, n);
        long[] v = vector.values;
        boolean[] nulls = vector.nulls;
        long[] s = sums;
        boolean[] seenGroups = seen;
        if (gids == null) {
            long acc = s[0];
            boolean any = false;
            for (int i = 0; i < n; i++) {
                if (nulls != null && nulls[i]) continue;
                long x = v[i];
                long r = acc + x;
                if (((acc ^ r) & (x ^ r)) < 0) throw overflow(input.name());
                acc = r;
                any = true;
            }
            s[0] = acc;
            if (any) seenGroups[0] = true;
            return;
        }
        for (int i = 0; i < n; i++) {
            if (nulls == null || !nulls[i]) add(s, seenGroups, gids[i], v[i], input);
        }
    }

    /** {@code s[g] += x}, checked; the group has a value from now on. */
    private void add(long[] s, boolean[] seenGroups, int g, long x, Column input) {
        long a = s[g];
        long r = a + x;
        if (((a ^ r) & (x ^ r)) < 0) throw overflow(input.name());
        s[g] = r;
        seenGroups[g] = true;
    }

    private static boolean signed32(DataType t) {
        return switch (t.kind()) {
            case INT8, INT16, INT32 -> true;
            default -> false;
        };
    }

    /**
     * The whole batch into group 0 straight from the int[] (no widened copy): fewer than 2^31 values
     * of at most 2^31 each cannot overflow a long, so one checked addition per batch is enough.
     */
    private void sumInts(IntColumn ints, int n) {
        int[] v = ints.rawValues();
        boolean[] nulls = nullFlags.of(ints, n);
        long batch = 0;
        boolean any;
        if (nulls == null) {
            for (int i = 0; i < n; i++) batch += v[i];
            any = n > 0;
        } else {
            int present = 0;
            for (int i = 0; i < n; i++) {
                boolean keep = !nulls[i];
                batch += keep ? v[i] : 0;
                present += keep ? 1 : 0;
            }
            any = present > 0;
        }
        try {
            sums[0] = Math.addExact(sums[0], batch);
        } catch (ArithmeticException e) {
            throw overflow(ints.name());
        }
        if (any) seen[0] = true;
    }

    /** Each row into its group straight from the int[] (no widened copy of the batch), every addition checked. */
    private void sumIntsByGroup(IntColumn ints, int n, int[] gids) {
        int[] v = ints.rawValues();
        boolean[] nulls = nullFlags.of(ints, n);
        long[] s = sums;
        boolean[] seenGroups = seen;
        for (int i = 0; i < n; i++) {
            if (nulls == null || !nulls[i]) add(s, seenGroups, gids[i], v[i], ints);
        }
    }

    @Override
    void merge(Accumulator other, int[] map, int otherGroups) {
        IntegerSumAccumulator o = (IntegerSumAccumulator) other;
        for (int g = 0; g < otherGroups; g++) {
            if (!o.seen[g]) continue;
            int t = map[g];
            try {
                sums[t] = Math.addExact(sums[t], o.sums[g]);
            } catch (ArithmeticException e) {
                throw overflow(spec.outputName());
            }
            seen[t] = true;
        }
    }

    @Override
    List<DataType> stateTypes() { return List.of(DataType.INT64); }

    @Override
    void exportState(int[] gids, int n, String prefix, List<Column> out) {
        out.add(SpillState.longs(prefix + 0, sums, seen, gids, n));
    }

    @Override
    void mergeState(List<Column> state, int at, int rows, int[] gids) {
        vector.load(state.get(at), rows);
        long[] v = vector.values;
        boolean[] nulls = vector.nulls;
        for (int i = 0; i < rows; i++) {
            if (nulls != null && nulls[i]) continue;
            int t = gids[i];
            try {
                sums[t] = Math.addExact(sums[t], v[i]);
            } catch (ArithmeticException e) {
                throw overflow(spec.outputName());
            }
            seen[t] = true;
        }
    }

    @Override
    Column finish(int groups) {
        boolean[] nulls = new boolean[groups];
        for (int g = 0; g < groups; g++) nulls[g] = !seen[g];
        return new LongColumn(name(), DataType.INT64, java.util.Arrays.copyOf(sums, groups), groups, Columns.orNull(nulls, groups));
    }
}
