package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.LongColumn;

/**
 * SUM of integers up to 64 bits (and booleans) into INT64, with every addition checked: an
 * overflow is an {@link AggregationOverflowException}, never a silent wrap.
 */
final class IntegerSumAccumulator extends Accumulator {
    private final LongVector vector = new LongVector();
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
            if (nulls != null && nulls[i]) continue;
            int g = gids[i];
            long a = s[g];
            long x = v[i];
            long r = a + x;
            if (((a ^ r) & (x ^ r)) < 0) throw overflow(input.name());
            s[g] = r;
            seenGroups[g] = true;
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
    Column finish(int groups) {
        boolean[] nulls = new boolean[groups];
        for (int g = 0; g < groups; g++) nulls[g] = !seen[g];
        return new LongColumn(name(), DataType.INT64, java.util.Arrays.copyOf(sums, groups), groups, Columns.orNull(nulls, groups));
    }
}
