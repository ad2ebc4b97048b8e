package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;

import java.util.Arrays;
import java.util.List;

/**
 * FIRST/LAST: the value, null included, of the row that is first (last) in (batch sequence, row)
 * order. Each group keeps the position it took its value from; FIRST scans a batch forwards and
 * LAST backwards, so within one batch a group's value is written once, not once per row.
 */
final class FirstLastAccumulator extends Accumulator {
    private final boolean last;
    private final TypeSupport.Family family;
    private LongVector longs;
    private DoubleVector doubles;
    private BytesVector bytes;

    private long[] sequences = new long[0];
    private int[] rows = new int[0];
    private boolean[] has = new boolean[0];
    private boolean[] isNull = new boolean[0];
    private long[] longValues = new long[0];
    private double[] doubleValues = new double[0];
    private byte[][] byteValues = new byte[0][];

    FirstLastAccumulator(AggSpec spec, MemoryAccount account) {
        super(spec, account);
        this.last = spec.function() == AggFunction.LAST;
        this.family = TypeSupport.family(spec.inputType());
        switch (family) {
            case LONG -> longs = new LongVector();
            case DOUBLE -> doubles = new DoubleVector();
            case BYTES -> bytes = new BytesVector();
        }
    }

    @Override
    boolean idempotent() { return true; }

    @Override
    void ensureGroups(int groups) {
        if (groups <= has.length) return;
        int cap = MemoryAccount.nextCapacity(has.length, groups);
        sequences = account.grow(sequences, cap);
        rows = account.grow(rows, cap);
        has = account.grow(has, cap);
        isNull = account.grow(isNull, cap);
        switch (family) {
            case LONG -> longValues = account.grow(longValues, cap);
            case DOUBLE -> doubleValues = account.grow(doubleValues, cap);
            case BYTES -> byteValues = account.grow(byteValues, cap);
        }
    }

    /** Whether position (seq, row) replaces group g's current one. */
    private boolean takes(int g, long seq, int row) {
        if (!has[g]) return true;
        long s = sequences[g];
        if (last) return seq > s || (seq == s && row >= rows[g]);
        return seq < s || (seq == s && row < rows[g]);
    }

    @Override
    void update(Column input, int n, int[] gids, long seq) {
        boolean[] nulls = switch (family) {
            case LONG -> { longs.load(input, n); yield longs.nulls; }
            case DOUBLE -> { doubles.load(input, n); yield doubles.nulls; }
            case BYTES -> { bytes.load(input, n); yield bytes.nulls; }
        };
        if (last) {
            for (int i = n - 1; i >= 0; i--) {
                int g = gids == null ? 0 : gids[i];
                if (takes(g, seq, i)) set(g, seq, i, nulls != null && nulls[i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                int g = gids == null ? 0 : gids[i];
                if (takes(g, seq, i)) set(g, seq, i, nulls != null && nulls[i]);
            }
        }
    }

    private void set(int g, long seq, int row, boolean nullValue) {
        has[g] = true;
        sequences[g] = seq;
        rows[g] = row;
        isNull[g] = nullValue;
        switch (family) {
            case LONG -> longValues[g] = longs.values[row];
            case DOUBLE -> doubleValues[g] = doubles.values[row];
            case BYTES -> {
                if (nullValue) setBytes(g, null, 0, 0);
                else {
                    int j = bytes.indices == null ? row : bytes.indices[row];
                    setBytes(g, bytes.data, bytes.offsets[j], bytes.offsets[j + 1]);
                }
            }
        }
    }

    private void setBytes(int g, byte[] data, int s, int e) {
        byte[] old = byteValues[g];
        if (data != null) {
            account.allocate(MemoryAccount.bytes(e - s, 1));
            byteValues[g] = Arrays.copyOfRange(data, s, e);
        } else {
            byteValues[g] = null;
        }
        if (old != null) account.free(MemoryAccount.bytes(old.length, 1));
    }

    @Override
    void merge(Accumulator other, int[] map, int otherGroups) {
        FirstLastAccumulator o = (FirstLastAccumulator) other;
        for (int g = 0; g < otherGroups; g++) {
            if (!o.has[g]) continue;
            int t = map[g];
            if (!takes(t, o.sequences[g], o.rows[g])) continue;
            has[t] = true;
            sequences[t] = o.sequences[g];
            rows[t] = o.rows[g];
            isNull[t] = o.isNull[g];
            switch (family) {
                case LONG -> longValues[t] = o.longValues[g];
                case DOUBLE -> doubleValues[t] = o.doubleValues[g];
                case BYTES -> {
                    byte[] x = o.byteValues[g];
                    setBytes(t, x, 0, x == null ? 0 : x.length);
                }
            }
        }
    }

    /** State: the position (sequence, row; sequence null when the group has none) and the value in its family's type. */
    @Override
    List<DataType> stateTypes() {
        DataType value = switch (family) {
            case LONG -> DataType.INT64;
            case DOUBLE -> DataType.FLOAT64;
            case BYTES -> DataType.BINARY;
        };
        return List.of(DataType.INT64, DataType.INT64, value);
    }

    @Override
    void exportState(int[] gids, int n, String prefix, List<Column> out) {
        out.add(SpillState.longs(prefix + 0, sequences, has, gids, n));
        long[] r = new long[n];
        boolean[] valueNull = new boolean[n];
        for (int i = 0; i < n; i++) {
            r[i] = rows[gids[i]];
            valueNull[i] = !has[gids[i]] || isNull[gids[i]];
        }
        out.add(new dev.streamingadaptive.frame.LongColumn(prefix + 1, DataType.INT64, r, n, null));
        out.add(switch (family) {
            case LONG -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) v[i] = longValues[gids[i]];
                yield new dev.streamingadaptive.frame.LongColumn(prefix + 2, DataType.INT64, v, n, Columns.orNull(valueNull, n));
            }
            case DOUBLE -> {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) v[i] = doubleValues[gids[i]];
                yield new dev.streamingadaptive.frame.DoubleColumn(prefix + 2, DataType.FLOAT64, v, n, Columns.orNull(valueNull, n));
            }
            case BYTES -> SpillState.bytes(prefix + 2, byteValues, gids, n);
        });
    }

    @Override
    void mergeState(List<Column> state, int at, int n, int[] gids) {
        LongVector seqs = stateSequences, positions = stateRows;
        seqs.load(state.get(at), n);
        positions.load(state.get(at + 1), n);
        Column value = state.get(at + 2);
        boolean[] valueNulls = switch (family) {
            case LONG -> { longs.load(value, n); yield longs.nulls; }
            case DOUBLE -> { doubles.load(value, n); yield doubles.nulls; }
            case BYTES -> { bytes.load(value, n); yield bytes.nulls; }
        };
        boolean[] none = seqs.nulls;
        for (int i = 0; i < n; i++) {
            if (none != null && none[i]) continue;
            int t = gids[i];
            long seq = seqs.values[i];
            int row = (int) positions.values[i];
            if (!takes(t, seq, row)) continue;
            boolean nullValue = valueNulls != null && valueNulls[i];
            has[t] = true;
            sequences[t] = seq;
            rows[t] = row;
            isNull[t] = nullValue;
            switch (family) {
                case LONG -> longValues[t] = longs.values[i];
                case DOUBLE -> doubleValues[t] = doubles.values[i];
                case BYTES -> {
                    if (nullValue) setBytes(t, null, 0, 0);
                    else {
                        int j = bytes.indices == null ? i : bytes.indices[i];
                        setBytes(t, bytes.data, bytes.offsets[j], bytes.offsets[j + 1]);
                    }
                }
            }
        }
    }

    private final LongVector stateSequences = new LongVector();
    private final LongVector stateRows = new LongVector();

    @Override
    Column finish(int groups) {
        boolean[] nulls = new boolean[groups];
        for (int g = 0; g < groups; g++) nulls[g] = !has[g] || isNull[g];
        return switch (family) {
            case LONG -> Columns.fromLongs(name(), spec.inputType(), Arrays.copyOf(longValues, groups), nulls, groups);
            case DOUBLE -> Columns.fromDoubles(name(), spec.inputType(), Arrays.copyOf(doubleValues, groups), nulls, groups);
            case BYTES -> BytesMinMaxAccumulator.finishBytes(name(), spec.inputType(), byteValues, groups);
        };
    }
}
