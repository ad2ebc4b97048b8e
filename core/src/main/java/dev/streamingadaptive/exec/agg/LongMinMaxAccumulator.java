package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;

import java.util.Arrays;
import java.util.List;

/**
 * MIN/MAX of LONG-family values (integers, booleans, dates, times, timestamps, decimals up to 18
 * digits). UINT64 is compared unsigned by flipping the sign bit in and out; slots start at the
 * identity (MAX_VALUE for min, MIN_VALUE for max) so the update is a plain min/max.
 */
final class LongMinMaxAccumulator extends Accumulator {
    private final boolean max;
    private final long flip;
    private final LongVector vector = new LongVector();
    private long[] values = new long[0];
    private boolean[] seen = new boolean[0];

    LongMinMaxAccumulator(AggSpec spec, MemoryAccount account) {
        super(spec, account);
        this.max = spec.function() == AggFunction.MAX;
        this.flip = TypeSupport.isUnsigned64(spec.inputType()) ? Long.MIN_VALUE : 0;
    }

    @Override
    boolean idempotent() { return true; }

    @Override
    void ensureGroups(int groups) {
        if (groups <= values.length) return;
        int old = values.length;
        int cap = MemoryAccount.nextCapacity(old, groups);
        values = account.grow(values, cap);
        seen = account.grow(seen, cap);
        Arrays.fill(values, old, cap, max ? Long.MIN_VALUE : Long.MAX_VALUE);
    }

    @Override
    void update(Column input, int n, int[] gids, long batchSequence) {
        vector.load(input, n);
        long[] v = vector.values;
        boolean[] nulls = vector.nulls;
        long f = flip;
        long[] vals = values;
        boolean[] s = seen;
        if (gids == null) {
            long acc = vals[0];
            boolean any = false;
            for (int i = 0; i < n; i++) {
                if (nulls != null && nulls[i]) continue;
                long x = v[i] ^ f;
                acc = max ? Math.max(acc, x) : Math.min(acc, x);
                any = true;
            }
            vals[0] = acc;
            if (any) s[0] = true;
            return;
        }
        if (max) {
            for (int i = 0; i < n; i++) {
                if (nulls != null && nulls[i]) continue;
                int g = gids[i];
                vals[g] = Math.max(vals[g], v[i] ^ f);
                s[g] = true;
            }
        } else {
            for (int i = 0; i < n; i++) {
                if (nulls != null && nulls[i]) continue;
                int g = gids[i];
                vals[g] = Math.min(vals[g], v[i] ^ f);
                s[g] = true;
            }
        }
    }

    @Override
    void merge(Accumulator other, int[] map, int otherGroups) {
        LongMinMaxAccumulator o = (LongMinMaxAccumulator) other;
        for (int g = 0; g < otherGroups; g++) {
            if (!o.seen[g]) continue;
            int t = map[g];
            values[t] = max ? Math.max(values[t], o.values[g]) : Math.min(values[t], o.values[g]);
            seen[t] = true;
        }
    }

    /** The state is the value with the unsigned flip applied (what {@link #values} holds), null when none was seen. */
    @Override
    List<DataType> stateTypes() { return List.of(DataType.INT64); }

    @Override
    void exportState(int[] gids, int n, String prefix, List<Column> out) {
        out.add(SpillState.longs(prefix + 0, values, seen, gids, n));
    }

    @Override
    void mergeState(List<Column> state, int at, int rows, int[] gids) {
        vector.load(state.get(at), rows);
        long[] v = vector.values;
        boolean[] nulls = vector.nulls;
        for (int i = 0; i < rows; i++) {
            if (nulls != null && nulls[i]) continue;
            int t = gids[i];
            values[t] = max ? Math.max(values[t], v[i]) : Math.min(values[t], v[i]);
            seen[t] = true;
        }
    }

    @Override
    Column finish(int groups) {
        long[] out = new long[groups];
        boolean[] nulls = new boolean[groups];
        for (int g = 0; g < groups; g++) {
            out[g] = values[g] ^ flip;
            nulls[g] = !seen[g];
        }
        return Columns.fromLongs(name(), spec.inputType(), out, nulls, groups);
    }
}
