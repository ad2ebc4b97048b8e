package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Schema;

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

    /**
     * This predicate checked against {@code schema} (the columns of the file it will filter), with
     * its literals converted to the value types of the columns they are compared with: a string
     * becomes a date for a DATE column, an integer a float for a FLOAT column, and so on, following
     * DuckDB's implicit casts (see {@link ComparisonPredicate#bind}). Bind once per file before
     * handing the predicate to a reader.
     *
     * <p>The default checks that every column exists and returns this predicate unchanged;
     * predicates with literals override it.
     *
     * @throws PredicateBindingException when a column does not exist, is nested where a value is
     *         needed, or a literal cannot be compared with its column
     */
    public RowPredicate bind(Schema schema) {
        for (String c : columns()) Binder.field(schema, c);
        return this;
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
