package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Schema;

import java.util.Objects;

/**
 * {@code column <op> literal} for =, !=, &lt;, &lt;=, &gt;, &gt;=. Nulls never match. Row groups
 * whose min/max statistics exclude every match are skipped.
 *
 * <p>Call {@link #bind} with the file's schema before use: it converts the literal to the column's
 * value type the way DuckDB casts it (a string to a DATE or TIMESTAMP, an integer to a FLOAT, a
 * string to a DECIMAL's scale, ...) and rejects unknown columns and incompatible literals. An
 * unbound predicate still works when the literal already has the column's Java type (or is a
 * number for a numeric column).
 */
public final class ComparisonPredicate extends RowPredicate {
    /** The comparison. */
    public enum Op { EQ, NE, LT, LE, GT, GE }

    private final String column;
    private final Op op;
    private final Object value;

    /**
     * {@code column op value}. Before {@link #bind} the value is whatever the caller wrote (a
     * Number, String, Boolean or temporal value); after it, the column's value type: Long,
     * BigInteger or BigDecimal for integer and decimal columns (Double for a double literal),
     * Float or Double for floating columns, String, Boolean, byte[], UUID, LocalDate, LocalTime,
     * LocalDateTime or Instant (or a LocalDateTime/Instant compared with a DATE column).
     */
    public ComparisonPredicate(String column, Op op, Object value) {
        this.column = Objects.requireNonNull(column, "column");
        this.op = Objects.requireNonNull(op, "op");
        this.value = Objects.requireNonNull(value, "value (use an is-null predicate for nulls)");
    }

    /** The column name. */
    public String column() { return column; }

    /** The comparison operator. */
    public Op op() { return op; }

    /** The literal compared with. */
    public Object value() { return value; }

    @Override
    public boolean shouldSkipRowGroup(RowGroupMetadata stats) {
        MinMax mm = MinMax.of(stats, column);
        return mm != null && excludes(mm, op, value);
    }

    /** True when no row whose value lies within these statistics can satisfy {@code value-of-row op literal}. */
    static boolean excludes(MinMax mm, Op op, Object literal) {
        if (mm.allNull()) return true;
        if (!mm.hasBounds()) return false;
        boolean nanLiteral = literal instanceof Double d && d.isNaN() || literal instanceof Float f && f.isNaN();
        // NaN rows are not covered by the bounds of floating columns and sort above everything:
        // only ops that a NaN row cannot satisfy may prune, and only with a non-NaN literal.
        if (mm.floating() && (nanLiteral || op == Op.GT || op == Op.GE || op == Op.NE)) return false;
        Integer minCmp = mm.compareMin(literal);
        Integer maxCmp = mm.compareMax(literal);
        return switch (op) {
            case EQ -> minCmp != null && minCmp > 0 || maxCmp != null && maxCmp < 0;
            // Every value lies in [min, max] = {literal}; truncated bounds would differ from each other.
            case NE -> minCmp != null && maxCmp != null && minCmp == 0 && maxCmp == 0 && mm.exact();
            case LT -> minCmp != null && minCmp >= 0;
            case LE -> minCmp != null && minCmp > 0;
            case GT -> maxCmp != null && maxCmp <= 0;
            case GE -> maxCmp != null && maxCmp < 0;
        };
    }

    /**
     * This comparison with its literal converted to the column's value type (see the class
     * comment); {@link PredicateBindingException} when the column is unknown, nested, or the literal
     * cannot be compared with it.
     */
    @Override
    public ComparisonPredicate bind(Schema schema) {
        Object bound = Binder.literal(Binder.comparable(schema, column), value);
        return bound == value ? this : new ComparisonPredicate(column, op, bound);
    }

    @Override
    public Boolean evaluate(DataFrame df, int row) {
        Object v = df.column(column).get(row);
        if (v == null) return null;
        Integer c = Values.compare(v, value);
        return c == null ? null : VectorEval.holds(op, c);
    }

    @Override
    protected byte[] evaluateBatch(DataFrame df) {
        dev.streamingadaptive.frame.Column c = df.column(column);
        byte[] fast = VectorEval.compare(c, op, value);
        if (fast != null) return fast;
        // Row by row, the column looked up once (not per row).
        byte[] out = new byte[c.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = c.get(i);
            Integer cmp = v == null ? null : Values.compare(v, value);
            out[i] = cmp == null ? UNKNOWN : VectorEval.holds(op, cmp) ? TRUE : FALSE;
        }
        return out;
    }

    @Override
    protected void collectColumns(java.util.Set<String> out) {
        out.add(column);
    }

    @Override
    public String toString() {
        return column + " " + op + " " + value;
    }
}
