package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.DataFrame;

import java.util.List;
import java.util.Objects;

/** {@code column IN (values)}: the design's example predicate. Nulls never match. */
public final class ColumnFilterPredicate extends RowPredicate {
    private final String column;
    private final List<Object> values;

    /** Rows whose {@code column} equals one of {@code values}. */
    public ColumnFilterPredicate(String column, List<?> values) {
        this.column = Objects.requireNonNull(column, "column");
        this.values = List.copyOf(values);
        if (this.values.isEmpty()) throw new IllegalArgumentException("IN list for " + column + " is empty");
    }

    /** The column name. */
    public String column() { return column; }

    /** The values a row may equal (never empty). */
    public List<Object> values() { return values; }

    @Override
    public boolean shouldSkipRowGroup(RowGroupMetadata stats) {
        for (Object v : values) {
            if (!new ComparisonPredicate(column, ComparisonPredicate.Op.EQ, v).shouldSkipRowGroup(stats)) return false;
        }
        return true;
    }

    @Override
    public Boolean evaluate(DataFrame df, int row) {
        Object v = df.column(column).get(row);
        if (v == null) return null;
        for (Object candidate : values) {
            Integer c = Values.compare(v, candidate);
            if (c != null && c == 0) return true;
        }
        return false;
    }

    @Override
    protected void collectColumns(java.util.Set<String> out) {
        out.add(column);
    }

    @Override
    public String toString() {
        return column + " IN " + values;
    }
}
