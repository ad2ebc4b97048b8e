package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;
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
    /** The values as a {@link LongKeySet} once a batch of a signed integer or date column needs it (see {@link #evaluateBatch}). */
    private volatile LongKeySet keys;

    private static final int SHOWN_VALUES = 16;

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

    /**
     * Signed integer and date columns against a list of integers (dates): one set test per row. A join's runtime
     * filter ends up here with thousands of build keys.
     */
    @Override
    protected byte[] evaluateBatch(DataFrame df) {
        dev.streamingadaptive.frame.Column c = df.column(column);
        if (testsBySet(c.type()) && (c instanceof LongColumn || c instanceof IntColumn)) {
            LongKeySet set = keySet(c.type().kind() == DataType.Kind.DATE);
            if (set != null) return c instanceof LongColumn lc ? set.test(lc) : set.test((IntColumn) c);
        }
        return super.evaluateBatch(df);
    }

    /**
     * Whether an IN list over a column of {@code type} is tested by set lookups (signed integers and dates, against
     * integer or date values); other columns are compared row by row with every value.
     */
    public static boolean testsBySet(DataType type) {
        return switch (type.kind()) {
            case INT8, INT16, INT32, INT64, DATE -> true;
            default -> false;
        };
    }

    /** The values as longs (epoch days for dates), or null when one of them is of another kind. */
    private LongKeySet keySet(boolean date) {
        LongKeySet k = keys;
        if (k != null) return k;
        long[] v = new long[values.size()];
        for (int i = 0; i < v.length; i++) {
            Object x = values.get(i);
            if (date && x instanceof java.time.LocalDate d) v[i] = d.toEpochDay();
            else if (!date && VectorEval.isIntegral(x)) v[i] = ((Number) x).longValue();
            else return null;
        }
        return keys = new LongKeySet(v);
    }

    @Override
    protected void collectColumns(java.util.Set<String> out) {
        out.add(column);
    }

    @Override
    public String toString() {
        // A runtime filter's list holds thousands of keys: show the first few.
        if (values.size() > SHOWN_VALUES) {
            StringBuilder sb = new StringBuilder(column).append(" IN [");
            for (int i = 0; i < SHOWN_VALUES; i++) sb.append(values.get(i)).append(", ");
            return sb.append("… (").append(values.size()).append(" values)]").toString();
        }
        return column + " IN " + values;
    }
}
