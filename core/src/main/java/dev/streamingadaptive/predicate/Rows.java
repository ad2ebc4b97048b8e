package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.BooleanColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.ColumnConcat;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the rows of a frame selected by a mask. Flat columns are gathered by row index in one
 * pass (filters often keep scattered rows); nested columns are sliced in runs and joined.
 */
public final class Rows {
    private Rows() {}

    /** The rows of {@code df} whose mask entry is true, in order. */
    public static DataFrame keep(DataFrame df, boolean[] mask) {
        int n = df.height();
        int kept = 0;
        for (int i = 0; i < n; i++) if (mask[i]) kept++;
        if (kept == n) return df;
        List<Column> columns = new ArrayList<>(df.width());
        int[] runs = kept >= n - n / 8 ? runs(mask, n, kept / MIN_RUN) : null;
        if (runs != null) {
            for (Column c : df.columns()) columns.add(takeRuns(c, runs, kept));
        } else {
            int[] rows = selected(mask, n, kept);
            for (Column c : df.columns()) columns.add(take(c, rows));
        }
        return new DataFrame(columns, kept);
    }

    /**
     * The shortest average run for which {@link #takeRuns} copies runs: below it gathering row by row is as fast.
     * A filter keeping nearly every row (TPC-H Q1 keeps 98%) leaves runs of dozens of rows.
     */
    private static final int MIN_RUN = 16;

    /**
     * The stretches of true entries of {@code mask[0, n)} as start, end pairs, or null when there are more than
     * {@code maxRuns} of them (found without looking further).
     */
    public static int[] runs(boolean[] mask, int n, int maxRuns) {
        int[] runs = new int[Math.max(2, 2 * Math.min(maxRuns, 64))];
        int count = 0;
        for (int i = 0; i < n; ) {
            while (i < n && !mask[i]) i++;
            if (i == n) break;
            int start = i;
            while (i < n && mask[i]) i++;
            if (count == 2 * maxRuns) return null;
            if (count == runs.length) runs = java.util.Arrays.copyOf(runs, Math.min(2 * maxRuns, runs.length * 2));
            runs[count++] = start;
            runs[count++] = i;
        }
        return java.util.Arrays.copyOf(runs, count);
    }

    /** The rows of {@code c} in {@code runs} (start, end pairs, {@code kept} rows in all), copied a run at a time. */
    static Column takeRuns(Column c, int[] runs, int kept) {
        boolean[] nulls = null;
        if (c.nullCount() > 0) {
            nulls = new boolean[kept];
            for (int r = 0, at = 0; r < runs.length; r += 2) {
                for (int i = runs[r]; i < runs[r + 1]; i++) nulls[at++] = c.isNull(i);
            }
        }
        Object values = switch (c) {
            case LongColumn lc -> lc.rawValues();
            case IntColumn ic -> ic.rawValues();
            case DoubleColumn dc -> dc.rawValues();
            case FloatColumn fc -> fc.rawValues();
            case BooleanColumn bc -> bc.rawValues();
            case DictionaryColumn dc -> dc.rawIndices();
            default -> null;
        };
        if (values == null) {
            int[] rows = new int[kept];
            for (int r = 0, at = 0; r < runs.length; r += 2) {
                for (int i = runs[r]; i < runs[r + 1]; i++) rows[at++] = i;
            }
            return take(c, rows);
        }
        Object out = java.lang.reflect.Array.newInstance(values.getClass().getComponentType(), kept);
        for (int r = 0, at = 0; r < runs.length; r += 2) {
            int len = runs[r + 1] - runs[r];
            System.arraycopy(values, runs[r], out, at, len);
            at += len;
        }
        return switch (c) {
            case LongColumn lc -> new LongColumn(c.name(), c.type(), (long[]) out, kept, nulls);
            case IntColumn ic -> new IntColumn(c.name(), c.type(), (int[]) out, kept, nulls);
            case DoubleColumn dc -> new DoubleColumn(c.name(), c.type(), (double[]) out, kept, nulls);
            case FloatColumn fc -> new FloatColumn(c.name(), c.type(), (float[]) out, kept, nulls);
            case BooleanColumn bc -> new BooleanColumn(c.name(), (boolean[]) out, kept, nulls);
            case DictionaryColumn dc -> new DictionaryColumn(c.name(), dc.dictionary(), (int[]) out, kept, nulls);
            default -> throw new IllegalStateException(c.getClass().getName());
        };
    }

    /**
     * The indices of the {@code kept} true entries of {@code mask[0, n)}. Each index is written and the count
     * advanced by the mask's value, without a branch: filters keep scattered rows, and the branchy loop
     * mispredicted on most of them (TPC-H Q6: it took more CPU than decoding the kept column). Stopping at the last
     * true entry keeps the unconditional write inside the array. A mask nearly all false (a rare value) or all true
     * predicts well, and then only the kept rows are written.
     */
    static int[] selected(boolean[] mask, int n, int kept) {
        int[] rows = new int[kept];
        if (kept == 0) return rows;
        if (kept < n / 16 || kept > n - n / 16) {
            // Nearly all false or all true: the branch is predicted, and writing only the kept rows is cheaper.
            for (int i = 0, k = 0; k < kept; i++) if (mask[i]) rows[k++] = i;
            return rows;
        }
        int last = n - 1;
        while (!mask[last]) last--;
        int k = 0;
        for (int i = 0; i < last; i++) {
            rows[k] = i;
            k += mask[i] ? 1 : 0;
        }
        rows[k] = last;
        return rows;
    }

    /**
     * The values of {@code c} at {@code rows}, in that order (any order, repeats allowed; nested
     * columns are fastest when the rows ascend in runs).
     */
    public static Column take(Column c, int[] rows) {
        int k = rows.length;
        // nulls among the taken rows only: counting the whole column's would cost O(column) per take,
        // and callers (joins, partitioned writes) take small pieces of large columns many times
        boolean[] nulls = null;
        for (int i = 0; i < k; i++) {
            if (c.isNull(rows[i])) {
                if (nulls == null) nulls = new boolean[k];
                nulls[i] = true;
            }
        }
        switch (c) {
            case LongColumn lc -> {
                long[] a = lc.rawValues();
                long[] out = new long[k];
                for (int i = 0; i < k; i++) out[i] = a[rows[i]];
                return new LongColumn(c.name(), c.type(), out, k, nulls);
            }
            case IntColumn ic -> {
                int[] a = ic.rawValues();
                int[] out = new int[k];
                for (int i = 0; i < k; i++) out[i] = a[rows[i]];
                return new IntColumn(c.name(), c.type(), out, k, nulls);
            }
            case DoubleColumn dc -> {
                double[] a = dc.rawValues();
                double[] out = new double[k];
                for (int i = 0; i < k; i++) out[i] = a[rows[i]];
                return new DoubleColumn(c.name(), c.type(), out, k, nulls);
            }
            case FloatColumn fc -> {
                float[] a = fc.rawValues();
                float[] out = new float[k];
                for (int i = 0; i < k; i++) out[i] = a[rows[i]];
                return new FloatColumn(c.name(), c.type(), out, k, nulls);
            }
            case BooleanColumn bc -> {
                boolean[] a = bc.rawValues();
                boolean[] out = new boolean[k];
                for (int i = 0; i < k; i++) out[i] = a[rows[i]];
                return new BooleanColumn(c.name(), out, k, nulls);
            }
            case DictionaryColumn dc -> {
                int[] a = dc.rawIndices();
                int[] out = new int[k];
                for (int i = 0; i < k; i++) out[i] = a[rows[i]];
                return new DictionaryColumn(c.name(), dc.dictionary(), out, k, nulls);
            }
            case BinaryColumn bc -> {
                int[] off = bc.rawOffsets();
                byte[] data = bc.rawData();
                long total = 0;
                for (int r : rows) total += off[r + 1] - off[r];
                int[] o = new int[k + 1];
                byte[] d = new byte[Math.toIntExact(total)];
                int at = 0;
                for (int i = 0; i < k; i++) {
                    int r = rows[i];
                    int len = off[r + 1] - off[r];
                    System.arraycopy(data, off[r], d, at, len);
                    at += len;
                    o[i + 1] = at;
                }
                return new BinaryColumn(c.name(), c.type(), o, d, k, nulls);
            }
            default -> {
                return sliceRuns(c, rows);
            }
        }
    }

    private static Column sliceRuns(Column c, int[] rows) {
        if (rows.length == 0) return c.slice(0, 0);
        List<Column> parts = new ArrayList<>();
        for (int i = 0; i < rows.length; ) {
            int start = rows[i];
            int j = i + 1;
            while (j < rows.length && rows[j] == rows[j - 1] + 1) j++;
            parts.add(c.slice(start, j - i));
            i = j;
        }
        return parts.size() == 1 ? parts.get(0) : ColumnConcat.concat(parts);
    }
}
