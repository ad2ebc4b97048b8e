package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.ColumnConcat;
import dev.streamingadaptive.frame.DataFrame;

import java.util.ArrayList;
import java.util.List;

/** Keeps the rows of a frame selected by a mask (runs of selected rows are sliced and joined). */
final class Rows {
    private Rows() {}

    static DataFrame keep(DataFrame df, boolean[] mask) {
        int n = df.height();
        int kept = 0;
        for (int i = 0; i < n; i++) if (mask[i]) kept++;
        if (kept == n) return df;
        List<int[]> runs = new ArrayList<>();
        for (int i = 0; i < n; ) {
            if (!mask[i]) { i++; continue; }
            int start = i;
            while (i < n && mask[i]) i++;
            runs.add(new int[] {start, i - start});
        }
        List<Column> columns = new ArrayList<>(df.width());
        for (Column c : df.columns()) {
            if (runs.isEmpty()) {
                columns.add(c.slice(0, 0));
                continue;
            }
            List<Column> parts = new ArrayList<>(runs.size());
            for (int[] r : runs) parts.add(c.slice(r[0], r[1]));
            columns.add(ColumnConcat.concat(parts));
        }
        return new DataFrame(columns, kept);
    }
}
