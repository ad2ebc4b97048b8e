package dev.streamingadaptive.exec;

import dev.streamingadaptive.exec.eval.ExpressionCompiler;
import dev.streamingadaptive.expr.ColumnRef;
import dev.streamingadaptive.expr.SortKey;
import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.BooleanColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.FloatColumn;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;

import java.util.Arrays;
import java.util.List;

/**
 * Stable multi-key sort of a frame in memory: each key becomes a row comparator over its primitive
 * arrays (dictionary strings by the rank of their entry), a merge sort orders the row numbers, and
 * every column is gathered once. Orders as DuckDB: strings by UTF-8 bytes, NaN above every number,
 * unsigned integers unsigned; nulls first or last as the key says, whatever its direction.
 */
final class SortKernel {
    private SortKernel() {}

    /** Compares two rows of one key column, ignoring nulls. */
    private interface RowOrder {
        int compare(int a, int b);
    }

    static DataFrame sort(DataFrame df, List<SortKey> keys) {
        int n = df.height();
        RowOrder[] orders = new RowOrder[keys.size()];
        Column[] columns = new Column[keys.size()];
        for (int k = 0; k < keys.size(); k++) {
            SortKey key = keys.get(k);
            Column c = key.expr() instanceof ColumnRef ref ? df.column(ref.name())
                    : ExpressionCompiler.compile(key.expr(), df.schema()).evaluate(df);
            columns[k] = c;
            orders[k] = order(c);
        }
        RowOrder all = (a, b) -> {
            for (int k = 0; k < orders.length; k++) {
                Column c = columns[k];
                boolean na = c.isNull(a), nb = c.isNull(b);
                SortKey key = keys.get(k);
                if (na || nb) {
                    if (na && nb) continue;
                    return (na ? -1 : 1) * (key.nullsAfter() ? -1 : 1);
                }
                int r = orders[k].compare(a, b);
                if (r != 0) return key.descending() ? -r : r;
            }
            return 0;
        };
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        mergeSort(rows, new int[n], 0, n, all);
        return Take.rows(df, rows);
    }

    private static RowOrder order(Column c) {
        DataType.Kind kind = c.type().kind();
        boolean unsigned = kind == DataType.Kind.UINT8 || kind == DataType.Kind.UINT16 || kind == DataType.Kind.UINT32
                || kind == DataType.Kind.UINT64;
        return switch (c) {
            case LongColumn lc -> {
                long[] v = lc.rawValues();
                yield unsigned ? (a, b) -> Long.compareUnsigned(v[a], v[b]) : (a, b) -> Long.compare(v[a], v[b]);
            }
            case IntColumn ic -> {
                int[] v = ic.rawValues();
                yield unsigned ? (a, b) -> Integer.compareUnsigned(v[a], v[b]) : (a, b) -> Integer.compare(v[a], v[b]);
            }
            // Double.compare puts NaN above +Infinity, as DuckDB orders it; -0.0 before 0.0.
            case DoubleColumn dc -> { double[] v = dc.rawValues(); yield (a, b) -> Double.compare(v[a], v[b]); }
            case FloatColumn fc -> { float[] v = fc.rawValues(); yield (a, b) -> Float.compare(v[a], v[b]); }
            case BooleanColumn bc -> { boolean[] v = bc.rawValues(); yield (a, b) -> Boolean.compare(v[a], v[b]); }
            case BinaryColumn bc -> {
                int[] off = bc.rawOffsets();
                byte[] d = bc.rawData();
                yield (a, b) -> Arrays.compareUnsigned(d, off[a], off[a + 1], d, off[b], off[b + 1]);
            }
            case DictionaryColumn dc -> {
                int[] rank = ranks(dc.dictionary());
                int[] idx = dc.rawIndices();
                yield (a, b) -> Integer.compare(rank[idx[a]], rank[idx[b]]);
            }
            case dev.streamingadaptive.frame.NullColumn nc -> (a, b) -> 0; // every row null: nulls are ordered before this is asked
            default -> throw new IllegalArgumentException("cannot sort by " + c.name() + " of type " + c.type());
        };
    }

    /** The position of each dictionary entry in sorted order (equal entries equal ranks). */
    private static int[] ranks(Column dictionary) {
        int n = dictionary.size();
        RowOrder o = order(dictionary);
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        mergeSort(rows, new int[n], 0, n, (a, b) -> {
            boolean na = dictionary.isNull(a), nb = dictionary.isNull(b);
            if (na || nb) return Boolean.compare(na, nb);
            return o.compare(a, b);
        });
        int[] rank = new int[n];
        for (int i = 0; i < n; i++) {
            rank[rows[i]] = i > 0 && !dictionary.isNull(rows[i]) && !dictionary.isNull(rows[i - 1])
                    && o.compare(rows[i], rows[i - 1]) == 0 ? rank[rows[i - 1]] : i;
        }
        return rank;
    }

    /** Stable top-down merge sort of rows[from, to) (ties keep input order). */
    private static void mergeSort(int[] rows, int[] tmp, int from, int to, RowOrder order) {
        if (to - from < 24) {
            for (int i = from + 1; i < to; i++) {
                int v = rows[i], j = i - 1;
                while (j >= from && order.compare(rows[j], v) > 0) rows[j + 1] = rows[j--];
                rows[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(rows, tmp, from, mid, order);
        mergeSort(rows, tmp, mid, to, order);
        if (order.compare(rows[mid - 1], rows[mid]) <= 0) return;
        System.arraycopy(rows, from, tmp, from, to - from);
        int i = from, j = mid, k = from;
        while (i < mid && j < to) rows[k++] = order.compare(tmp[j], tmp[i]) < 0 ? tmp[j++] : tmp[i++];
        while (i < mid) rows[k++] = tmp[i++];
        while (j < to) rows[k++] = tmp[j++];
    }
}
