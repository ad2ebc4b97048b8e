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

    /** Result codes of {@link #evaluateAll}. */
    public static final byte FALSE = 0, TRUE = 1, UNKNOWN = 2;

    /**
     * TRUE, FALSE or UNKNOWN for every row of {@code df}: the batch form of {@link #evaluate},
     * with the same results. Single-column predicates over a dictionary-encoded column are
     * evaluated once per distinct value; subclasses add primitive fast paths.
     */
    public byte[] evaluateAll(DataFrame df) {
        java.util.Set<String> cols = columns();
        if (cols.size() == 1) {
            String name = cols.iterator().next();
            if (df.column(name) instanceof dev.streamingadaptive.frame.DictionaryColumn dc) return VectorEval.viaDictionary(this, dc, name);
        }
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

    /** Both must hold. */
    public RowPredicate and(RowPredicate other) {
        return new AndPredicate(this, other);
    }

    /** Either must hold. */
    public RowPredicate or(RowPredicate other) {
        return new OrPredicate(this, other);
    }
}
