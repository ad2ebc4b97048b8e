package dev.streamingadaptive.expr;

import java.util.Objects;

/**
 * One key of a sort: an expression (usually a column), its direction and where nulls go. Nulls
 * come first by default, as in Polars ({@link #nullsLast()} for SQL's ascending default).
 */
public record SortKey(Expr expr, boolean descending, boolean nullsAfter) {
    public SortKey {
        Objects.requireNonNull(expr, "expr");
    }

    /** Ascending by the column {@code name}. */
    public static SortKey asc(String name) { return new SortKey(Expr.col(name), false, false); }

    /** Descending by the column {@code name}. */
    public static SortKey desc(String name) { return new SortKey(Expr.col(name), true, false); }

    /** Ascending by {@code expr}. */
    public static SortKey asc(Expr expr) { return new SortKey(expr, false, false); }

    /** Descending by {@code expr}. */
    public static SortKey desc(Expr expr) { return new SortKey(expr, true, false); }

    /** This key with nulls after the values. */
    public SortKey nullsLast() { return new SortKey(expr, descending, true); }

    /** This key with nulls before the values. */
    public SortKey nullsFirst() { return new SortKey(expr, descending, false); }

    @Override public String toString() {
        return expr + (descending ? " DESC" : " ASC") + (nullsAfter ? " NULLS LAST" : " NULLS FIRST");
    }
}
