package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.LongColumn;

/**
 * Builds the columns an accumulator's state is spilled as: per-group values gathered through a
 * list of group ids, in three plain types (INT64, FLOAT64, BINARY) whatever the input type, so
 * that reading them back needs no knowledge of the input type. A null marks "no state here".
 */
final class SpillState {
    private SpillState() {}

    /** {@code values[gids[i]]} for i in [0, n); null where {@code present} is false (present null: none null). */
    static Column longs(String name, long[] values, boolean[] present, int[] gids, int n) {
        long[] out = new long[n];
        boolean[] nulls = present == null ? null : new boolean[n];
        for (int i = 0; i < n; i++) {
            int g = gids[i];
            out[i] = values[g];
            if (nulls != null) nulls[i] = !present[g];
        }
        return new LongColumn(name, DataType.INT64, out, n, nulls == null ? null : Columns.orNull(nulls, n));
    }

    static Column doubles(String name, double[] values, boolean[] present, int[] gids, int n) {
        double[] out = new double[n];
        boolean[] nulls = present == null ? null : new boolean[n];
        for (int i = 0; i < n; i++) {
            int g = gids[i];
            out[i] = values[g];
            if (nulls != null) nulls[i] = !present[g];
        }
        return new DoubleColumn(name, DataType.FLOAT64, out, n, nulls == null ? null : Columns.orNull(nulls, n));
    }

    /** Per-group byte arrays (null entries are nulls) as BINARY, bytes as held (wide decimals stay in their ordered form). */
    static Column bytes(String name, byte[][] values, int[] gids, int n) {
        long total = 0;
        for (int i = 0; i < n; i++) if (values[gids[i]] != null) total += values[gids[i]].length;
        if (total > Integer.MAX_VALUE - 16) throw new IllegalStateException("more than 2 GB of state in one spill batch");
        byte[] data = new byte[(int) total];
        int[] offsets = new int[n + 1];
        boolean[] nulls = new boolean[n];
        int pos = 0;
        for (int i = 0; i < n; i++) {
            byte[] x = values[gids[i]];
            if (x == null) nulls[i] = true;
            else {
                System.arraycopy(x, 0, data, pos, x.length);
                pos += x.length;
            }
            offsets[i + 1] = pos;
        }
        return new BinaryColumn(name, DataType.BINARY, offsets, data, n, Columns.orNull(nulls, n));
    }
}
