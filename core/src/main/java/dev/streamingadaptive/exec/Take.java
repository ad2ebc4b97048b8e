package dev.streamingadaptive.exec;

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

/** Rows of a frame in any order (a permutation from a sort, say): one gather pass per column. */
final class Take {
    private Take() {}

    static DataFrame rows(DataFrame df, int[] rows) {
        List<Column> out = new ArrayList<>(df.width());
        for (Column c : df.columns()) out.add(column(c, rows));
        return new DataFrame(out, rows.length);
    }

    static Column column(Column c, int[] rows) {
        int k = rows.length;
        boolean[] nulls = null;
        if (c.nullCount() > 0) {
            nulls = new boolean[k];
            for (int i = 0; i < k; i++) nulls[i] = c.isNull(rows[i]);
        }
        switch (c) {
            case LongColumn lc -> {
                long[] a = lc.rawValues(), out = new long[k];
                for (int i = 0; i < k; i++) out[i] = a[rows[i]];
                return new LongColumn(c.name(), c.type(), out, k, nulls);
            }
            case IntColumn ic -> {
                int[] a = ic.rawValues(), out = new int[k];
                for (int i = 0; i < k; i++) out[i] = a[rows[i]];
                return new IntColumn(c.name(), c.type(), out, k, nulls);
            }
            case DoubleColumn dc -> {
                double[] a = dc.rawValues(), out = new double[k];
                for (int i = 0; i < k; i++) out[i] = a[rows[i]];
                return new DoubleColumn(c.name(), c.type(), out, k, nulls);
            }
            case FloatColumn fc -> {
                float[] a = fc.rawValues(), out = new float[k];
                for (int i = 0; i < k; i++) out[i] = a[rows[i]];
                return new FloatColumn(c.name(), c.type(), out, k, nulls);
            }
            case BooleanColumn bc -> {
                boolean[] a = bc.rawValues(), out = new boolean[k];
                for (int i = 0; i < k; i++) out[i] = a[rows[i]];
                return new BooleanColumn(c.name(), out, k, nulls);
            }
            case DictionaryColumn dc -> {
                int[] a = dc.rawIndices(), out = new int[k];
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
                    int r = rows[i], len = off[r + 1] - off[r];
                    System.arraycopy(data, off[r], d, at, len);
                    at += len;
                    o[i + 1] = at;
                }
                return new BinaryColumn(c.name(), c.type(), o, d, k, nulls);
            }
            default -> {
                // Nested columns: single-row slices joined (rare in sorts; correct, not fast).
                if (k == 0) return c.slice(0, 0);
                List<Column> parts = new ArrayList<>(k);
                for (int r : rows) parts.add(c.slice(r, 1));
                return ColumnConcat.concat(parts);
            }
        }
    }
}
