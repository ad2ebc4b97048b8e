package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.DataFrame;

import java.util.Objects;

/**
 * {@code column <op> literal} for =, !=, &lt;, &lt;=, &gt;, &gt;=. Nulls never match. Row groups
 * whose min/max statistics exclude every match are skipped.
 */
public final class ComparisonPredicate extends RowPredicate {
    /** The comparison. */
    public enum Op { EQ, NE, LT, LE, GT, GE }

    private final String column;
    private final Op op;
    private final Object value;

    /** {@code column op value}; value is a Number, String, Boolean (or the column's Java type). */
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
        if (mm == null) return false;
        if (mm.allNull()) return true;
        if (!mm.hasBounds()) return false;
        Integer minCmp = mm.compareMin(value);
        Integer maxCmp = mm.compareMax(value);
        if (minCmp == null || maxCmp == null) return false;
        boolean nanLiteral = value instanceof Double d && d.isNaN() || value instanceof Float f && f.isNaN();
        // NaN rows are not covered by the max bound of floating columns: only ops NaN cannot satisfy may prune.
        if (mm.floating() && (nanLiteral || op == Op.GT || op == Op.GE || op == Op.NE)) return false;
        return switch (op) {
            case EQ -> minCmp > 0 || maxCmp < 0;
            case NE -> minCmp == 0 && maxCmp == 0 && mm.exact();
            case LT -> minCmp >= 0;
            case LE -> minCmp > 0;
            case GT -> maxCmp <= 0;
            case GE -> maxCmp < 0;
        };
    }

    @Override
    public Boolean evaluate(DataFrame df, int row) {
        Object v = df.column(column).get(row);
        if (v == null) return null;
        Integer c = Values.compare(v, value);
        if (c == null) return null;
        return switch (op) {
            case EQ -> c == 0;
            case NE -> c != 0;
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            case GE -> c >= 0;
        };
    }

    @Override
    public byte[] evaluateAll(DataFrame df) {
        byte[] fast = VectorEval.compare(df.column(column), op, value);
        return fast != null ? fast : super.evaluateAll(df);
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
