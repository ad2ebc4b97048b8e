package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Schema;

/** The negation (unknown stays unknown). Never skips row groups on its own. */
public final class NotPredicate extends RowPredicate {
    private final RowPredicate inner;

    public NotPredicate(RowPredicate inner) {
        this.inner = inner;
    }

    /** The negated predicate. */
    public RowPredicate inner() { return inner; }

    @Override
    public boolean shouldSkipRowGroup(RowGroupMetadata stats) {
        return false;
    }

    /** The operand bound. */
    @Override
    public RowPredicate bind(Schema schema) {
        RowPredicate i = inner.bind(schema);
        return i == inner ? this : new NotPredicate(i);
    }

    @Override
    public Boolean evaluate(DataFrame df, int row) {
        Boolean v = inner.evaluate(df, row);
        return v == null ? null : !v;
    }

    @Override
    protected byte[] evaluateBatch(DataFrame df) {
        byte[] a = inner.evaluateAll(df);
        // TRUE 1 <-> FALSE 0, UNKNOWN 2 stays: 1 - v, plus 3 for UNKNOWN; without branches (see AndPredicate).
        for (int i = 0; i < a.length; i++) {
            int v = a[i];
            a[i] = (byte) (1 - v + 3 * (v >> 1));
        }
        return a;
    }

    @Override
    protected void collectColumns(java.util.Set<String> out) {
        inner.collectColumns(out);
    }

    @Override
    public String toString() {
        return "NOT " + inner;
    }
}
