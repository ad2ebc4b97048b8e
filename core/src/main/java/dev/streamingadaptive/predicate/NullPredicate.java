package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.parquet.meta.ColumnChunk;

import java.util.Objects;

/** {@code column IS NULL} (or {@code IS NOT NULL}); row groups are skipped from their null counts. */
public final class NullPredicate extends RowPredicate {
    private final String column;
    private final boolean isNull;

    /** {@code column IS NULL} when {@code isNull}, else {@code column IS NOT NULL}. */
    public NullPredicate(String column, boolean isNull) {
        this.column = Objects.requireNonNull(column, "column");
        this.isNull = isNull;
    }

    /** The column name. */
    public String column() { return column; }

    /** True for IS NULL, false for IS NOT NULL. */
    public boolean isNull() { return isNull; }

    @Override
    public boolean shouldSkipRowGroup(RowGroupMetadata stats) {
        ColumnChunk chunk = stats.column(column);
        if (chunk == null || chunk.metaData() == null || chunk.metaData().statistics() == null) return false;
        Long nulls = chunk.metaData().statistics().nullCount();
        if (nulls == null) return false;
        return isNull ? nulls == 0 : nulls >= stats.numRows();
    }

    @Override
    public Boolean evaluate(DataFrame df, int row) {
        return df.column(column).isNull(row) == isNull;
    }

    @Override
    protected byte[] evaluateBatch(DataFrame df) {
        dev.streamingadaptive.frame.Column c = df.column(column);
        byte[] out = new byte[df.height()];
        byte whenNull = isNull ? TRUE : FALSE;
        byte otherwise = isNull ? FALSE : TRUE;
        for (int i = 0; i < out.length; i++) out[i] = c.isNull(i) ? whenNull : otherwise;
        return out;
    }

    @Override
    protected void collectColumns(java.util.Set<String> out) {
        out.add(column);
    }

    @Override
    public String toString() {
        return column + (isNull ? " IS NULL" : " IS NOT NULL");
    }
}
