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
        int[] rows = new int[kept];
        for (int i = 0, k = 0; i < n; i++) if (mask[i]) rows[k++] = i;
        List<Column> columns = new ArrayList<>(df.width());
        for (Column c : df.columns()) columns.add(take(c, rows));
        return new DataFrame(columns, kept);
    }

    /**
     * The values of {@code c} at {@code rows}, in that order (any order, repeats allowed; nested
     * columns are fastest when the rows ascend in runs).
     */
    public static Column take(Column c, int[] rows) {
        int k = rows.length;
        boolean[] nulls = null;
        if (c.nullCount() > 0) {
            nulls = new boolean[k];
            for (int i = 0; i < k; i++) nulls[i] = c.isNull(rows[i]);
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
