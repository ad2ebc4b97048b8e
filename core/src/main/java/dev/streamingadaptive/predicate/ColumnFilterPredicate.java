package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code column IN (values)}: the design's example predicate. Nulls never match. Row groups whose
 * min/max statistics exclude every value are skipped. {@link #bind} converts the values for the
 * column like {@link ComparisonPredicate#bind}.
 */
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
        MinMax mm = MinMax.of(stats, column);
        if (mm == null) return false;
        for (Object v : values) {
            if (!ComparisonPredicate.excludes(mm, ComparisonPredicate.Op.EQ, v)) return false;
        }
        return true;
    }

    /**
     * This IN list with every value converted to the column's value type as
     * {@link ComparisonPredicate#bind} converts a literal; {@link PredicateBindingException} when the
     * column is unknown or nested or a value cannot be compared with it.
     */
    @Override
    public ColumnFilterPredicate bind(Schema schema) {
        Field f = Binder.comparable(schema, column);
        List<Object> bound = new ArrayList<>(values.size());
        boolean changed = false;
        for (Object v : values) {
            Object b = Binder.literal(f, v);
            changed |= b != v;
            bound.add(b);
        }
        return changed ? new ColumnFilterPredicate(column, bound) : this;
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
