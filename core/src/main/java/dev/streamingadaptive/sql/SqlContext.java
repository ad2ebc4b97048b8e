package dev.streamingadaptive.sql;

import dev.streamingadaptive.lazy.LazyFrame;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Named tables for SQL queries, as Polars' {@code SQLContext}: register LazyFrames under names,
 * then query them. Quoted paths and globs ({@code FROM 'data/*.parquet'}) and
 * {@code read_parquet('…')} work too. Table names are matched case-insensitively.
 *
 * <pre>{@code
 * SqlContext sql = new SqlContext()
 *         .register("orders", LazyFrame.scanParquet("orders.parquet"))
 *         .register("customer", LazyFrame.scanParquet("customer.parquet"));
 * DataFrame df = sql.query("SELECT c_name, count(*) AS n FROM customer JOIN orders ON c_custkey = o_custkey "
 *         + "GROUP BY c_name ORDER BY n DESC LIMIT 5").collect();
 * }</pre>
 *
 * <p>What is supported: SELECT with WHERE, GROUP BY, HAVING, ORDER BY (NULLS FIRST/LAST; nulls
 * last by default, as DuckDB), LIMIT/OFFSET, DISTINCT; inner, left, right, full, cross and comma
 * joins (joined along the equalities of ON and WHERE); WITH; subqueries in FROM; {@code IN},
 * {@code EXISTS} and scalar subqueries in WHERE and HAVING, correlated by equalities (run as joins);
 * UNION [ALL]; CASE, CAST and {@code ::}, LIKE/ILIKE, BETWEEN, IN lists, IS [NOT] NULL,
 * {@code date '…'} and {@code interval '…' day|month|year} literals, EXTRACT, and the expression
 * functions by their SQL names ({@code abs, round, floor, ceil, lower, upper, length, substring,
 * starts_with, ends_with, contains, coalesce, year, month, day, …}); aggregates {@code sum, avg,
 * min, max, count, count(*), count(DISTINCT x), stddev, variance, median, first, last}. Not
 * supported (a {@link SqlException} says so): window functions, subqueries under OR, NOT IN over a
 * subquery that yields nulls is treated as NOT EXISTS.
 */
public final class SqlContext {
    private final Map<String, LazyFrame> tables = new LinkedHashMap<>();

    /** Registers {@code frame} as table {@code name} (replacing one of that name); returns this context. */
    public SqlContext register(String name, LazyFrame frame) {
        tables.put(Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT), Objects.requireNonNull(frame, "frame"));
        return this;
    }

    /** Removes table {@code name}; returns this context. */
    public SqlContext unregister(String name) {
        tables.remove(name.toLowerCase(Locale.ROOT));
        return this;
    }

    /**
     * The query as a LazyFrame.
     *
     * @throws SqlException for a syntax error (naming line, column and token), an unknown table or
     *         column, or an unsupported construct
     */
    public LazyFrame query(String sql) {
        Objects.requireNonNull(sql, "sql");
        return new QueryTranslator(Map.copyOf(tables)).translate(sql);
    }
}
