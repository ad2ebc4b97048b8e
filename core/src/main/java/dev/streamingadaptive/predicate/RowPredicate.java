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

    /** Result codes of {@link #evaluateAll}. */
    public static final byte FALSE = 0, TRUE = 1, UNKNOWN = 2;

    /**
     * TRUE, FALSE or UNKNOWN for every row of {@code df}: the batch form of {@link #evaluate},
     * with the same results. Single-column predicates over a dictionary-encoded column are
     * evaluated once per distinct value; subclasses add primitive fast paths.
     */
    public final byte[] evaluateAll(DataFrame df) {
        java.util.Set<String> cols = columns();
        if (cols.size() == 1) {
            String name = cols.iterator().next();
            if (df.column(name) instanceof dev.streamingadaptive.frame.DictionaryColumn dc) return VectorEval.viaDictionary(this, dc, name);
        }
        return evaluateBatch(df);
    }

    /**
     * The batch evaluation for columns that are not dictionary-encoded: row by row unless a
     * subclass has a faster loop (which must give the same results as {@link #evaluate}).
     */
    protected byte[] evaluateBatch(DataFrame df) {
        return evaluateRows(df);
    }

    /** Row-by-row evaluation, the reference the fast paths must agree with. */
    protected final byte[] evaluateRows(DataFrame df) {
        byte[] out = new byte[df.height()];
        for (int i = 0; i < out.length; i++) out[i] = code(evaluate(df, i));
        return out;
    }

    /** The rows of {@code df} where this predicate is TRUE. */
    public boolean[] matches(DataFrame df) {
        byte[] r = evaluateAll(df);
        boolean[] mask = new boolean[r.length];
        for (int i = 0; i < mask.length; i++) mask[i] = r[i] == TRUE;
        return mask;
    }

    static boolean all(byte[] results, byte code) {
        for (byte r : results) if (r != code) return false;
        return true;
    }

    static byte code(Boolean b) {
        return b == null ? UNKNOWN : b ? TRUE : FALSE;
    }

    @Override
    public DataFrame apply(DataFrame df) {
        return Rows.keep(df, matches(df));
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
