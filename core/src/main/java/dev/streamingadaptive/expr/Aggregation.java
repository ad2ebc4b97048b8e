package dev.streamingadaptive.expr;

/** The aggregate functions of {@link AggregateExpr}, with SQL (DuckDB) semantics for nulls. */
public enum Aggregation {
    SUM, MEAN, MIN, MAX, COUNT, LEN, N_UNIQUE, FIRST, LAST, STD, VAR, MEDIAN, QUANTILE;

    /** Lower-case name used by {@code explain} and as the CLI spelling. */
    public String sqlName() {
        return this == N_UNIQUE ? "n_unique" : name().toLowerCase(java.util.Locale.ROOT);
    }
}
