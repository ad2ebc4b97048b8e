package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.LongColumn;

import java.util.List;

/**
 * Exact 128-bit sums: SUM of UINT64 (→ DECIMAL(38,0)) and of decimals (→ DECIMAL(38,s)), and MEAN
 * of integers and decimals (sum exact, then divided once).
 *
 * <p>A group's sum is {@code hi * 2^64 + lo} with {@code lo} <em>signed</em>: adding a long is then a plain add
 * to {@code lo}, and {@code hi} moves only when that add overflows (a branch almost never taken). With {@code lo}
 * unsigned, every add carried into {@code hi}: two dependent read-modify-writes a row where one does (TPC-H Q1,
 * seven sums over four groups: 1.6x faster). Whole 128-bit values ({@link #add}, state, results) use the usual
 * form, {@code lo} unsigned, converted at the boundary.
 */
final class WideSumAccumulator extends Accumulator {
    private final boolean mean;
    private final boolean unsigned;
    private final boolean wideInput;
    private final int scale;
    private final LongVector longs = new LongVector();
    private final BytesVector bytes = new BytesVector();
    private long[] hi = new long[0];
    private long[] lo = new long[0];
    private long[] counts = new long[0];

    WideSumAccumulator(AggSpec spec, MemoryAccount account, boolean mean) {
        super(spec, account);
        this.mean = mean;
        DataType in = spec.inputType();
        this.unsigned = TypeSupport.isUnsigned64(in);
        this.wideInput = TypeSupport.isWideDecimal(in);
        this.scale = TypeSupport.scale(in);
    }

    @Override
    void ensureGroups(int groups) {
        if (groups <= hi.length) return;
        int cap = MemoryAccount.nextCapacity(hi.length, groups);
        hi = account.grow(hi, cap);
        lo = account.grow(lo, cap);
        counts = account.grow(counts, cap);
    }

    @Override
    void update(Column input, int n, int[] gids, long batchSequence) {
        if (wideInput && !(input instanceof BinaryColumn b && b.unscaledLongs() != null)) {
            updateWide(input, n, gids);
            return;
        }
        longs.load(input, n);
        long[] v = longs.values;
        boolean[] nulls = longs.nulls;
        if (unsigned) {
            // UINT64: x stands for x + 2^64 when its top bit is set.
            for (int i = 0; i < n; i++) {
                if (nulls != null && nulls[i]) continue;
                int g = gids == null ? 0 : gids[i];
                addSigned(hi, lo, g, v[i]);
                hi[g] += v[i] >>> 63;
                counts[g]++;
            }
            return;
        }
        if (gids == null) {
            long h = hi[0], l = lo[0], c = counts[0];
            for (int i = 0; i < n; i++) {
                if (nulls != null && nulls[i]) continue;
                long x = v[i];
                long r = l + x;
                if (((l ^ r) & (x ^ r)) < 0) h += (x >> 63) | 1;
                l = r;
                c++;
            }
            hi[0] = h;
            lo[0] = l;
            counts[0] = c;
            return;
        }
        long[] hs = hi, ls = lo, cs = counts;
        for (int i = 0; i < n; i++) {
            if (nulls != null && nulls[i]) continue;   // loop-invariant test: the JIT unswitches it
            int g = gids[i];
            addSigned(hs, ls, g, v[i]);
            cs[g]++;
        }
    }

    /** Adds a signed long to group {@code g}: {@code lo} takes it, {@code hi} the overflow. */
    private static void addSigned(long[] hi, long[] lo, int g, long x) {
        long l = lo[g];
        long r = l + x;
        lo[g] = r;
        if (((l ^ r) & (x ^ r)) < 0) hi[g] += (x >> 63) | 1;
    }

    /** The high word of group {@code g}'s sum in the usual form (low word unsigned). */
    private long plainHi(int g) {
        return hi[g] + (lo[g] >> 63);
    }

    private void updateWide(Column input, int n, int[] gids) {
        bytes.load(input, n);
        byte[] data = bytes.data;
        int[] off = bytes.offsets;
        int[] idx = bytes.indices;
        boolean[] nulls = bytes.nulls;
        for (int i = 0; i < n; i++) {
            if (nulls != null && nulls[i]) continue;
            int o = off[idx == null ? i : idx[i]];
            add(gids == null ? 0 : gids[i], Int128.orderedHi(data, o), Int128.orderedLo(data, o));
            counts[gids == null ? 0 : gids[i]]++;
        }
    }

    /** Adds the 128-bit value {@code (xh, xl)} ({@code xl} unsigned) to group {@code g}. */
    private void add(int g, long xh, long xl) {
        long l = lo[g];
        long r = l + xl;
        long h = plainHi(g) + xh + (Long.compareUnsigned(r, l) < 0 ? 1 : 0);
        lo[g] = r;
        hi[g] = h - (r >> 63);
    }

    @Override
    void merge(Accumulator other, int[] map, int otherGroups) {
        WideSumAccumulator o = (WideSumAccumulator) other;
        for (int g = 0; g < otherGroups; g++) {
            if (o.counts[g] == 0) continue;
            int t = map[g];
            add(t, o.plainHi(g), o.lo[g]);
            counts[t] += o.counts[g];
        }
    }

    @Override
    List<DataType> stateTypes() { return List.of(DataType.INT64, DataType.INT64, DataType.INT64); }

    @Override
    void exportState(int[] gids, int n, String prefix, List<Column> out) {
        // Only the exported groups: a spill exports 64K groups at a time, and converting every group each time made
        // spilling quadratic (TPC-H Q18 at SF 10: 15% of its time).
        long[] plain = new long[n];
        for (int i = 0; i < n; i++) plain[i] = plainHi(gids[i]);
        out.add(new LongColumn(prefix + 0, DataType.INT64, plain, n, null));
        out.add(SpillState.longs(prefix + 1, lo, null, gids, n));
        out.add(SpillState.longs(prefix + 2, counts, null, gids, n));
    }

    @Override
    void mergeState(List<Column> state, int at, int rows, int[] gids) {
        long[] h = state(state.get(at), rows, 0);
        long[] l = state(state.get(at + 1), rows, 1);
        long[] c = state(state.get(at + 2), rows, 2);
        for (int i = 0; i < rows; i++) {
            if (c[i] == 0) continue;
            int t = gids[i];
            add(t, h[i], l[i]);
            counts[t] += c[i];
        }
    }

    private final LongVector[] stateVectors = {new LongVector(), new LongVector(), new LongVector()};

    private long[] state(Column c, int rows, int j) {
        stateVectors[j].load(c, rows);
        return stateVectors[j].values;
    }

    @Override
    Column finish(int groups) {
        boolean[] nulls = new boolean[groups];
        if (mean) {
            double[] out = new double[groups];
            double div = DoubleVector.pow10(scale);
            for (int g = 0; g < groups; g++) {
                if (counts[g] == 0) nulls[g] = true;
                else out[g] = Int128.toDouble(plainHi(g), lo[g]) / div / counts[g];
            }
            return new DoubleColumn(name(), DataType.FLOAT64, out, groups, Columns.orNull(nulls, groups));
        }
        Column inLongs = finishInLongs(groups, nulls);
        if (inLongs != null) return inLongs;
        byte[] data = new byte[groups * 16];
        int[] offsets = new int[groups + 1];
        for (int g = 0; g < groups; g++) {
            offsets[g + 1] = (g + 1) * 16;
            if (counts[g] == 0) {
                nulls[g] = true;
                continue;
            }
            long h = plainHi(g);
            if (Int128.exceedsDecimal38(h, lo[g])) {
                throw new AggregationOverflowException("sum for output '" + name() + "' exceeds DECIMAL(38) ("
                        + Int128.toBigInteger(h, lo[g]) + " unscaled); cast the input to DOUBLE first");
            }
            Columns.writePlain(data, g * 16, h, lo[g]);
        }
        return new BinaryColumn(name(), outputType(), offsets, data, groups, Columns.orNull(nulls, groups));
    }

    /**
     * The sums as a wide decimal column held in longs when every one fits a long, else null. What reads them next (a
     * comparison with a threshold, arithmetic, another sum) then works on longs instead of decoding bytes.
     */
    private Column finishInLongs(int groups, boolean[] nulls) {
        if (!(outputType() instanceof DataType.Decimal d) || d.precision() <= 18) return null;
        long[] out = new long[groups];
        for (int g = 0; g < groups; g++) {
            if (counts[g] == 0) {
                nulls[g] = true;
                continue;
            }
            long l = lo[g];
            if (plainHi(g) != (l >> 63)) return null;
            out[g] = l;
        }
        return BinaryColumn.ofUnscaledLongs(name(), d, out, groups, Columns.orNull(nulls, groups));
    }
}
