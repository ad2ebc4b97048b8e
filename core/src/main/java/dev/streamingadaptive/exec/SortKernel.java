package dev.streamingadaptive.exec;

import dev.streamingadaptive.expr.SortKey;
import dev.streamingadaptive.frame.DataFrame;

import java.util.List;

/**
 * Stable multi-key sort of a frame in memory: a merge sort orders the row numbers by a
 * {@link RowComparator} (DuckDB's order; dictionary strings by the rank of their entry), and every
 * column is gathered once.
 */
final class SortKernel {
    private SortKernel() {}

    /** Compares two rows of one frame. */
    interface RowOrder {
        int compare(int a, int b);
    }

    static DataFrame sort(DataFrame df, List<SortKey> keys) {
        int n = df.height();
        if (n <= 1) return df; // nothing to order (and no rows: the key columns may have no type to compare)
        RowComparator comparator = new RowComparator(keys, df.schema());
        RowComparator.Keys k = comparator.keysOf(df);
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        mergeSort(rows, new int[n], 0, n, (a, b) -> comparator.compare(k, a, k, b));
        return Take.rows(df, rows);
    }

    /** Stable top-down merge sort of rows[from, to) (ties keep input order). */
    static void mergeSort(int[] rows, int[] tmp, int from, int to, RowOrder order) {
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
