package dev.streamingadaptive.exec.eval;

import dev.streamingadaptive.types.TextParser;
import dev.streamingadaptive.types.TypeNames;
import dev.streamingadaptive.frame.BooleanColumn;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.predicate.Rows;

/** Keeps the rows of a batch where a compiled BOOLEAN expression is TRUE (SQL WHERE: null and false drop the row). */
public final class Filter {
    private Filter() {}

    /** The rows of {@code batch} where {@code predicate} is TRUE; the batch itself when all match. */
    public static DataFrame apply(DataFrame batch, CompiledExpression predicate) {
        return Rows.keep(batch, mask(batch, predicate));
    }

    /** The TRUE rows as a mask. */
    public static boolean[] mask(DataFrame batch, CompiledExpression predicate) {
        if (predicate.type().kind() != DataType.Kind.BOOLEAN) {
            throw new IllegalArgumentException("a filter needs a BOOLEAN expression, not " + TypeNames.of(predicate.type()));
        }
        Column c = predicate.evaluate(batch);
        int n = batch.height();
        boolean[] out = new boolean[n];
        if (!(c instanceof BooleanColumn bc)) return out; // all null
        boolean[] v = bc.rawValues();
        boolean[] nl = Vectors.nulls(c);
        if (nl == null) System.arraycopy(v, 0, out, 0, n);
        else for (int i = 0; i < n; i++) out[i] = v[i] & !nl[i];
        return out;
    }
}
