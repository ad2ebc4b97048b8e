package dev.streamingadaptive.exec;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.ColumnConcat;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.NullColumn;
import dev.streamingadaptive.frame.Schema;

import java.util.ArrayList;
import java.util.List;

/** Frame helpers of the executor: one frame from many, and the empty frame of a schema. */
final class Frames {
    private Frames() {}

    /** {@code parts} one after the other; the empty frame of {@code schema} when there are none. */
    static DataFrame concat(Schema schema, List<DataFrame> parts) {
        if (parts.isEmpty()) return empty(schema);
        if (parts.size() == 1) return parts.get(0);
        int rows = 0;
        for (DataFrame p : parts) rows = Math.addExact(rows, p.height());
        List<Column> columns = new ArrayList<>(schema.size());
        for (int c = 0; c < schema.size(); c++) {
            List<Column> pieces = new ArrayList<>(parts.size());
            for (DataFrame p : parts) pieces.add(p.column(c));
            columns.add(ColumnConcat.concat(pieces));
        }
        return new DataFrame(columns, rows);
    }

    /** No rows, the columns and types of {@code schema}. */
    static DataFrame empty(Schema schema) {
        List<Column> columns = new ArrayList<>(schema.size());
        for (Field f : schema.fields()) columns.add(new NullColumn(f.name(), f.type(), 0));
        return new DataFrame(columns, 0);
    }
}
