package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * {@code starts_with(column, prefix)}, also {@code column LIKE 'prefix%'}: string values that begin
 * with {@code prefix}. Nulls never match; the empty prefix matches every non-null value.
 *
 * <p>Row groups are skipped by their min/max statistics in unsigned UTF-8 byte order (the order of
 * Parquet string statistics and of DuckDB): every value starting with the prefix lies in
 * [prefix, prefix + any continuation], so a max below the prefix or a min whose first
 * prefix-length bytes are above it rules the row group out. Truncated bounds are still bounds
 * (a truncated min is a prefix of a smaller or equal value, a truncated max was rounded up), so
 * they prune too.
 */
public final class StartsWithPredicate extends RowPredicate {
    private final String column;
    private final String prefix;
    private final byte[] prefixBytes;

    /** Rows whose string {@code column} begins with {@code prefix}. */
    public StartsWithPredicate(String column, String prefix) {
        this.column = Objects.requireNonNull(column, "column");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);
    }

    /** The column name. */
    public String column() { return column; }

    /** The prefix values must begin with. */
    public String prefix() { return prefix; }

    @Override
    public boolean shouldSkipRowGroup(RowGroupMetadata stats) {
        MinMax mm = MinMax.of(stats, column);
        if (mm == null) return false;
        if (mm.allNull()) return true;
        if (prefixBytes.length == 0) return false;
        if (mm.max() instanceof byte[] max && Arrays.compareUnsigned(max, prefixBytes) < 0) return true;
        if (mm.min() instanceof byte[] min) {
            int n = Math.min(min.length, prefixBytes.length);
            return Arrays.compareUnsigned(min, 0, n, prefixBytes, 0, prefixBytes.length) > 0;
        }
        return false;
    }

    @Override
    public Boolean evaluate(DataFrame df, int row) {
        Object v = df.column(column).get(row);
        if (v == null) return null;
        if (v instanceof String s) return s.startsWith(prefix);
        throw new IllegalArgumentException("starts_with needs a string column; " + column + " holds "
                + v.getClass().getSimpleName() + " values");
    }

    /**
     * Checks that the column exists and holds strings (VARCHAR, ENUM or JSON);
     * {@link PredicateBindingException} otherwise.
     */
    @Override
    public StartsWithPredicate bind(Schema schema) {
        Field f = Binder.field(schema, column);
        DataType.Kind k = f.type().kind();
        if (k != DataType.Kind.STRING && k != DataType.Kind.ENUM && k != DataType.Kind.JSON) {
            throw new PredicateBindingException("starts_with/LIKE needs a string column, but " + f.name() + " is "
                    + Binder.typeName(f.type()));
        }
        return this;
    }

    @Override
    protected void collectColumns(java.util.Set<String> out) {
        out.add(column);
    }

    @Override
    public String toString() {
        return "starts_with(" + column + ", '" + prefix.replace("'", "''") + "')";
    }
}
