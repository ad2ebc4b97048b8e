package dev.streamingadaptive.sql;

import dev.streamingadaptive.lazy.LazyFrame;

/**
 * SQL over Parquet files, DuckDB-style: a quoted path or glob is a table.
 *
 * <pre>{@code
 * LazyFrame q = Sql.query("""
 *         SELECT symbol, avg(price) AS avg_price, count(*) AS trades
 *         FROM 'data/*.parquet'
 *         WHERE price > 100
 *         GROUP BY symbol
 *         ORDER BY avg_price DESC
 *         LIMIT 10""");
 * DataFrame top = q.collect();
 * }</pre>
 *
 * To name tables, register LazyFrames in a {@link SqlContext}.
 */
public final class Sql {
    private Sql() {}

    /**
     * The query as a LazyFrame (run it with {@code collect()} or {@code stream()}).
     *
     * @throws SqlException for a syntax error, an unknown table or column, or an unsupported construct
     */
    public static LazyFrame query(String sql) {
        return new SqlContext().query(sql);
    }
}
