package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.expr.Aggregation;
import dev.streamingadaptive.expr.ExprTypeException;
import dev.streamingadaptive.frame.DataType;

import java.util.Locale;

/**
 * Aggregate functions with SQL (DuckDB) semantics: every function except {@link #LEN},
 * {@link #FIRST} and {@link #LAST} ignores null inputs, and a group without a non-null value
 * gives null (0 for the counting functions).
 */
public enum AggFunction {
    /** Sum: integers up to 64 bits → INT64 (overflow is an error), UINT64 → DECIMAL(38,0), floats → FLOAT64, DECIMAL(p,s) → DECIMAL(38,s). */
    SUM,
    /** Arithmetic mean of numbers and decimals → FLOAT64 (integer sums are exact before dividing). */
    MEAN,
    /** Smallest value of any orderable scalar (unsigned order for unsigned types, unsigned bytes for strings, NaN largest). */
    MIN,
    /** Largest value; see {@link #MIN}. */
    MAX,
    /** Number of non-null values → INT64. */
    COUNT,
    /** Number of rows, nulls included → INT64 (no input). */
    LEN,
    /** Number of distinct non-null values → INT64 ({@code count(DISTINCT x)}; NaN is one value, -0.0 equals 0.0). */
    N_UNIQUE,
    /** The value, possibly null, of the first row in (batch sequence, row) order. */
    FIRST,
    /** The value, possibly null, of the last row in (batch sequence, row) order. */
    LAST,
    /** Sample standard deviation → FLOAT64; null with fewer than two values. */
    STD,
    /** Sample variance → FLOAT64; null with fewer than two values. */
    VAR,
    /** Median with linear interpolation → FLOAT64. */
    MEDIAN,
    /** Quantile with linear interpolation ({@code quantile_cont}) → FLOAT64. */
    QUANTILE;

    /**
     * The result type for this input type ({@code input} is ignored for {@link #LEN}).
     *
     * @throws AggregationTypeException naming the function and the type when unsupported
     */
    public DataType resultType(DataType input) {
        return resultType(input, null);
    }

    /**
     * {@link #resultType(DataType)} with the column or output name for the error message. The rule
     * itself is {@link Aggregation#resultType}, the one the planner types queries with.
     */
    DataType resultType(DataType input, String name) {
        if (this == LEN) return DataType.INT64;
        if (input == null) throw new IllegalArgumentException(sqlName() + (name == null ? "" : "(" + name + ")") + " needs an input type");
        try {
            return Aggregation.valueOf(name()).resultType(input);
        } catch (ExprTypeException e) {
            throw new AggregationTypeException(this, name, input, e.getMessage());
        }
    }

    /** The lower-case SQL-style name used in messages ({@code n_unique}, {@code sum}). */
    public String sqlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
