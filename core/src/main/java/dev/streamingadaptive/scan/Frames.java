package dev.streamingadaptive.scan;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.ColumnConcat;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.NullColumn;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.memory.MemoryBudgetExceededException;

import java.util.ArrayList;
import java.util.List;

/** Joining the batches of a scan into one frame, and the frame of a scan without rows. */
public final class Frames {
    private Frames() {}

    /** The frames one after another; the empty frame of {@code schema} when there are none. */
    public static DataFrame concat(List<DataFrame> parts, Schema schema) {
        return parts.isEmpty() ? empty(schema) : concat(parts);
    }

    /** The frames one after another (at least one, all with the same columns). */
    public static DataFrame concat(List<DataFrame> parts) {
        if (parts.size() == 1) return parts.get(0);
        int width = parts.get(0).width();
        long rows = 0;
        for (DataFrame p : parts) rows += p.height();
        int height = checkedRows(rows);
        List<Column> columns = new ArrayList<>(width);
        for (int c = 0; c < width; c++) {
            List<Column> pieces = new ArrayList<>(parts.size());
            for (DataFrame p : parts) pieces.add(p.column(c));
            columns.add(ColumnConcat.concat(pieces));
        }
        return new DataFrame(columns, height);
    }

    /** No rows, the columns of {@code schema}. */
    public static DataFrame empty(Schema schema) {
        List<Column> columns = new ArrayList<>(schema.fields().size());
        for (Field f : schema.fields()) columns.add(new NullColumn(f.name(), f.type(), 0));
        return new DataFrame(columns, 0);
    }

    /** A frame of {@code rows} rows and no columns (a projection that selects nothing of a file). */
    public static DataFrame rowsOnly(long rows) {
        return new DataFrame(List.of(), checkedRows(rows));
    }

    /** {@code rows} as the height of one frame, or a MemoryBudgetExceededException when one frame cannot hold them. */
    private static int checkedRows(long rows) {
        if (rows > Integer.MAX_VALUE - 16) throw new MemoryBudgetExceededException("one frame", rows, Integer.MAX_VALUE, "use stream()");
        return (int) rows;
    }
}
