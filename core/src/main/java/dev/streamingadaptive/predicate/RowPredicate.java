package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.DataFrame;

/**
 * A predicate evaluated row by row with SQL's three-valued logic: TRUE, FALSE or unknown (null,
 * e.g. a comparison with a null value). {@link #apply} keeps the rows that are TRUE.
 */
public abstract class RowPredicate implements PredicatePushdown {

    /** The columns this predicate reads (in first-use order). */
    public final java.util.Set<String> columns() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        collectColumns(out);
        return out;
    }

    /** Adds the columns this predicate reads. */
    protected abstract void collectColumns(java.util.Set<String> out);

    /** TRUE, FALSE, or null when unknown, for row {@code row} of {@code df}. */
    public abstract Boolean evaluate(DataFrame df, int row);

    @Override
    public DataFrame apply(DataFrame df) {
        boolean[] mask = new boolean[df.height()];
        for (int i = 0; i < mask.length; i++) mask[i] = Boolean.TRUE.equals(evaluate(df, i));
        return Rows.keep(df, mask);
    }

    /** Both must hold. */
    public RowPredicate and(RowPredicate other) {
        return new AndPredicate(this, other);
    }

    /** Either must hold. */
    public RowPredicate or(RowPredicate other) {
        return new OrPredicate(this, other);
    }
}
