package dev.streamingadaptive.exec;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.BooleanColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.NullColumn;
import dev.streamingadaptive.predicate.Rows;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of a frame in any order (a permutation from a sort, say), or of several frames of one schema
 * interleaved (a merge): one gather pass per column.
 */
final class Take {
    private Take() {}

    static DataFrame rows(DataFrame df, int[] rows) {
        List<Column> out = new ArrayList<>(df.width());
        for (Column c : df.columns()) out.add(Rows.take(c, rows));
        return new DataFrame(out, rows.length);
    }

    /**
     * Row {@code rowOf[i]} of frame {@code frameOf[i]} for i in [0, n), or null when a column's
     * representation differs between the frames in a way this does not gather (dictionaries, nested
     * columns): concatenate and {@link #rows(DataFrame, int[])} then.
     */
    static DataFrame rows(DataFrame[] frames, int[] frameOf, int[] rowOf, int n) {
        int width = frames[0].width();
        List<Column> out = new ArrayList<>(width);
        Column[] sources = new Column[frames.length];
        for (int c = 0; c < width; c++) {
            for (int f = 0; f < frames.length; f++) sources[f] = frames[f].column(c);
            Column gathered = column(sources, frameOf, rowOf, n);
            if (gathered == null) return null;
            out.add(gathered);
        }
        return new DataFrame(out, n);
    }

    /** One column gathered from the same column of several frames; null when their kinds are not gathered here. */
    private static Column column(Column[] sources, int[] frameOf, int[] rowOf, int n) {
        Column model = null;
        boolean anyNull = false;
        for (Column s : sources) {
            if (s instanceof NullColumn) {
                anyNull = true;
            } else {
                if (model == null) model = s;
                else if (s.getClass() != model.getClass()) return null;
                anyNull |= s.nullCount() > 0;
            }
        }
        Column first = sources[0];
        if (model == null) return new NullColumn(first.name(), first.type(), n);
        boolean[] nulls = null;
        if (anyNull) {
            nulls = new boolean[n];
            for (int i = 0; i < n; i++) nulls[i] = sources[frameOf[i]].isNull(rowOf[i]);
        }
        int k = sources.length;
        // A NullColumn source gives no values: its rows are nulls, their value slots left zero.
        switch (model) {
            case LongColumn m -> {
                long[][] v = new long[k][];
                for (int f = 0; f < k; f++) v[f] = sources[f] instanceof LongColumn s ? s.rawValues() : null;
                long[] o = new long[n];
                for (int i = 0; i < n; i++) if (v[frameOf[i]] != null) o[i] = v[frameOf[i]][rowOf[i]];
                return new LongColumn(m.name(), m.type(), o, n, nulls);
            }
            case IntColumn m -> {
                int[][] v = new int[k][];
                for (int f = 0; f < k; f++) v[f] = sources[f] instanceof IntColumn s ? s.rawValues() : null;
                int[] o = new int[n];
                for (int i = 0; i < n; i++) if (v[frameOf[i]] != null) o[i] = v[frameOf[i]][rowOf[i]];
                return new IntColumn(m.name(), m.type(), o, n, nulls);
            }
            case DoubleColumn m -> {
                double[][] v = new double[k][];
                for (int f = 0; f < k; f++) v[f] = sources[f] instanceof DoubleColumn s ? s.rawValues() : null;
                double[] o = new double[n];
                for (int i = 0; i < n; i++) if (v[frameOf[i]] != null) o[i] = v[frameOf[i]][rowOf[i]];
                return new DoubleColumn(m.name(), m.type(), o, n, nulls);
            }
            case FloatColumn m -> {
                float[][] v = new float[k][];
                for (int f = 0; f < k; f++) v[f] = sources[f] instanceof FloatColumn s ? s.rawValues() : null;
                float[] o = new float[n];
                for (int i = 0; i < n; i++) if (v[frameOf[i]] != null) o[i] = v[frameOf[i]][rowOf[i]];
                return new FloatColumn(m.name(), m.type(), o, n, nulls);
            }
            case BooleanColumn m -> {
                boolean[][] v = new boolean[k][];
                for (int f = 0; f < k; f++) v[f] = sources[f] instanceof BooleanColumn s ? s.rawValues() : null;
                boolean[] o = new boolean[n];
                for (int i = 0; i < n; i++) if (v[frameOf[i]] != null) o[i] = v[frameOf[i]][rowOf[i]];
                return new BooleanColumn(m.name(), o, n, nulls);
            }
            case BinaryColumn m -> {
                int[][] off = new int[k][];
                byte[][] data = new byte[k][];
                for (int f = 0; f < k; f++) {
                    if (sources[f] instanceof BinaryColumn s) {
                        off[f] = s.rawOffsets();
                        data[f] = s.rawData();
                    }
                }
                long total = 0;
                for (int i = 0; i < n; i++) {
                    int[] of = off[frameOf[i]];
                    if (of != null) total += of[rowOf[i] + 1] - of[rowOf[i]];
                }
                int[] o = new int[n + 1];
                byte[] d = new byte[Math.toIntExact(total)];
                int at = 0;
                for (int i = 0; i < n; i++) {
                    int[] of = off[frameOf[i]];
                    if (of != null) {
                        int r = rowOf[i], len = of[r + 1] - of[r];
                        System.arraycopy(data[frameOf[i]], of[r], d, at, len);
                        at += len;
                    }
                    o[i + 1] = at;
                }
                return new BinaryColumn(m.name(), m.type(), o, d, n, nulls);
            }
            default -> {
                return null;
            }
        }
    }
}
