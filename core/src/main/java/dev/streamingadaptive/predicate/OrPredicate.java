package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Schema;

/** Either predicate: a row group is skipped only when both sides rule it out. */
public final class OrPredicate extends RowPredicate {
    private final RowPredicate left;
    private final RowPredicate right;

    public OrPredicate(RowPredicate left, RowPredicate right) {
        this.left = left;
        this.right = right;
    }

    /** The first operand. */
    public RowPredicate left() { return left; }

    /** The second operand. */
    public RowPredicate right() { return right; }

    @Override
    public boolean shouldSkipRowGroup(RowGroupMetadata stats) {
        return left.shouldSkipRowGroup(stats) && right.shouldSkipRowGroup(stats);
    }

    /** Both operands bound. */
    @Override
    public RowPredicate bind(Schema schema) {
        RowPredicate l = left.bind(schema);
        RowPredicate r = right.bind(schema);
        return l == left && r == right ? this : new OrPredicate(l, r);
    }

    @Override
    public Boolean evaluate(DataFrame df, int row) {
        Boolean a = left.evaluate(df, row);
        if (Boolean.TRUE.equals(a)) return true;
        Boolean b = right.evaluate(df, row);
        if (Boolean.TRUE.equals(b)) return true;
        return a == null || b == null ? null : false;
    }

    @Override
    protected byte[] evaluateBatch(DataFrame df) {
        byte[] a = left.evaluateAll(df);
        if (all(a, TRUE)) return a;   // the right side cannot change anything
        byte[] b = right.evaluateAll(df);
        // SQL OR: TRUE wins, then UNKNOWN. Without branches, in masks only (see AndPredicate): t is 1 when either side
        // is TRUE (the only odd code), and then the result; otherwise x | y is FALSE (0) or UNKNOWN (2).
        for (int i = 0; i < a.length; i++) {
            int x = a[i], y = b[i];
            int t = (x | y) & 1;
            a[i] = (byte) (t | (-(t ^ 1) & (x | y)));
        }
        return a;
    }

    @Override
    protected void collectColumns(java.util.Set<String> out) {
        left.collectColumns(out);
        right.collectColumns(out);
    }

    @Override
    public String toString() {
        return "(" + left + " OR " + right + ")";
    }
}
