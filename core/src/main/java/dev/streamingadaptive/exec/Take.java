package dev.streamingadaptive.exec;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.predicate.Rows;

import java.util.ArrayList;
import java.util.List;

/** Rows of a frame in any order (a permutation from a sort, say): one gather pass per column. */
final class Take {
    private Take() {}

    static DataFrame rows(DataFrame df, int[] rows) {
        List<Column> out = new ArrayList<>(df.width());
        for (Column c : df.columns()) out.add(Rows.take(c, rows));
        return new DataFrame(out, rows.length);
    }
}
