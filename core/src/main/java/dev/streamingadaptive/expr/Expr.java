package dev.streamingadaptive.expr;

import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * An immutable column expression: what to compute from the columns of a frame, evaluated a whole
 * batch at a time. Build them with the static factories, used with {@code import static}:
 *
 * <pre>{@code
 * import static dev.streamingadaptive.expr.Expr.*;
 *
 * df.filter(col("level").eq(lit("ERROR")));
 * lf.groupBy("symbol").agg(col("close").mean().alias("avg_close"), col("volume").sum(), len());
 * }</pre>
 *
 * <p>Expressions follow SQL's rules for nulls (an operation with a null operand is null; {@code and}
 * and {@code or} use three-valued logic; aggregates skip nulls) and DuckDB's for types: integer sums
 * widen to 64 bits, decimals stay exact, {@code div} is true division. An expression is typed
 * against a schema by {@link #typeIn(Schema)}; a wrong column name or an impossible operation is an
 * {@link ExprTypeException} naming the expression and the columns there are.
 *
 * <p>The permitted records are the expression tree, for planners and tools; users need only the
 * factories and the fluent methods.
 */
public sealed interface Expr
        permits ColumnRef, Literal, Alias, BinaryExpr, FunctionCall, Cast, Conditional, AggregateExpr {

    // ---- factories ---------------------------------------------------------------------------

    /** The column named {@code name}. */
    static Expr col(String name) {
        return new ColumnRef(name);
    }

    /**
     * A constant: Boolean, Byte/Short/Integer (INT32), Long (INT64), Float, Double, String,
     * BigDecimal (DECIMAL of its precision and scale), LocalDate, LocalTime, LocalDateTime
     * (TIMESTAMP), Instant (UTC TIMESTAMP), java.time.Duration (an interval), byte[] or null.
     */
    static Expr lit(Object value) {
        return Literal.of(value);
    }

    /** The number of rows (in a group when aggregating); named {@code len}. */
    static Expr len() {
        return new AggregateExpr(Aggregation.LEN, null, Double.NaN);
    }

    /** Starts a conditional: {@code when(cond).then(a).when(cond2).then(b).otherwise(c)}. */
    static Conditional.When when(Expr condition) {
        return new Conditional.When(List.of(), List.of(), condition);
    }

    /** The first non-null of {@code exprs}, row by row. */
    static Expr coalesce(Expr... exprs) {
        if (exprs.length == 0) throw new IllegalArgumentException("coalesce needs at least one expression");
        return new FunctionCall(ScalarFunction.COALESCE, List.of(exprs));
    }

    // ---- the tree ----------------------------------------------------------------------------

    /** The direct sub-expressions, left to right. */
    List<Expr> children();

    /** This node with its children replaced by {@code f} applied to each (the same node when none changed). */
    Expr mapChildren(UnaryOperator<Expr> f);

    /**
     * The name of the column this expression produces: an alias, else the name of the leftmost
     * column it reads ({@code col("a").add(col("b"))} is {@code a}), {@code literal} for constants,
     * {@code len} for {@link #len()}.
     */
    default String outputName() {
        for (Expr c : children()) return c.outputName();
        return "literal";
    }

    /** The columns this expression reads, in first-use order. */
    default Set<String> columns() {
        Set<String> out = new LinkedHashSet<>();
        collectColumns(this, out);
        return out;
    }

    private static void collectColumns(Expr e, Set<String> out) {
        if (e instanceof ColumnRef c) out.add(c.name());
        for (Expr child : e.children()) collectColumns(child, out);
    }

    /** True when this expression or any sub-expression aggregates. */
    default boolean isAggregate() {
        if (this instanceof AggregateExpr) return true;
        for (Expr c : children()) if (c.isAggregate()) return true;
        return false;
    }

    /**
     * The type of this expression's values over a frame of {@code schema}.
     *
     * @throws ExprTypeException naming the expression when a column is missing (listing those there
     *         are) or an operation does not apply to its operand types
     */
    default DataType typeIn(Schema schema) {
        return Typer.typeOf(this, schema);
    }

    // ---- naming ------------------------------------------------------------------------------

    /** The same values under {@code name}. */
    default Expr alias(String name) {
        return new Alias(this instanceof Alias a ? a.input() : this, name);
    }

    // ---- arithmetic --------------------------------------------------------------------------

    /** {@code this + other}; numbers, or a date/timestamp plus an interval. */
    default Expr add(Expr other) { return new BinaryExpr(BinaryOperator.ADD, this, other); }
    /** {@code this + value}. */
    default Expr add(Object value) { return add(Literal.from(value)); }
    /** {@code this - other}; numbers, a date/timestamp minus an interval, or the interval between two. */
    default Expr sub(Expr other) { return new BinaryExpr(BinaryOperator.SUB, this, other); }
    /** {@code this - value}. */
    default Expr sub(Object value) { return sub(Literal.from(value)); }
    /** {@code this * other}. */
    default Expr mul(Expr other) { return new BinaryExpr(BinaryOperator.MUL, this, other); }
    /** {@code this * value}. */
    default Expr mul(Object value) { return mul(Literal.from(value)); }
    /** True division {@code this / other}: always a double; dividing by zero gives ±Infinity or NaN, as DuckDB 1.4 (IEEE). Integer {@code //} and {@code %} by zero are null. */
    default Expr div(Expr other) { return new BinaryExpr(BinaryOperator.DIV, this, other); }
    /** {@code this / value}. */
    default Expr div(Object value) { return div(Literal.from(value)); }
    /** Integer division rounded toward negative infinity ({@code //}). */
    default Expr floorDiv(Expr other) { return new BinaryExpr(BinaryOperator.FLOOR_DIV, this, other); }
    /** {@code this // value}. */
    default Expr floorDiv(Object value) { return floorDiv(Literal.from(value)); }
    /** Remainder with the sign of the dividend ({@code %}, as DuckDB and Java). */
    default Expr mod(Expr other) { return new BinaryExpr(BinaryOperator.MOD, this, other); }
    /** {@code this % value}. */
    default Expr mod(Object value) { return mod(Literal.from(value)); }
    /** {@code -this}. */
    default Expr neg() { return new FunctionCall(ScalarFunction.NEG, List.of(this)); }

    // ---- comparison --------------------------------------------------------------------------

    /** {@code this = other}. */
    default Expr eq(Expr other) { return new BinaryExpr(BinaryOperator.EQ, this, other); }
    /** {@code this = value}. */
    default Expr eq(Object value) { return eq(Literal.from(value)); }
    /** {@code this <> other}. */
    default Expr neq(Expr other) { return new BinaryExpr(BinaryOperator.NE, this, other); }
    /** {@code this <> value}. */
    default Expr neq(Object value) { return neq(Literal.from(value)); }
    /** {@code this < other}. */
    default Expr lt(Expr other) { return new BinaryExpr(BinaryOperator.LT, this, other); }
    /** {@code this < value}. */
    default Expr lt(Object value) { return lt(Literal.from(value)); }
    /** {@code this <= other}. */
    default Expr ltEq(Expr other) { return new BinaryExpr(BinaryOperator.LE, this, other); }
    /** {@code this <= value}. */
    default Expr ltEq(Object value) { return ltEq(Literal.from(value)); }
    /** {@code this > other}. */
    default Expr gt(Expr other) { return new BinaryExpr(BinaryOperator.GT, this, other); }
    /** {@code this > value}. */
    default Expr gt(Object value) { return gt(Literal.from(value)); }
    /** {@code this >= other}. */
    default Expr gtEq(Expr other) { return new BinaryExpr(BinaryOperator.GE, this, other); }
    /** {@code this >= value}. */
    default Expr gtEq(Object value) { return gtEq(Literal.from(value)); }

    /** {@code low <= this and this <= high} (both bounds included), as SQL BETWEEN. */
    default Expr isBetween(Expr low, Expr high) {
        return new FunctionCall(ScalarFunction.IS_BETWEEN, List.of(this, low, high));
    }

    /** {@code low <= this and this <= high} for constants. */
    default Expr isBetween(Object low, Object high) {
        return isBetween(Literal.from(low), Literal.from(high));
    }

    /** SQL {@code IN}: true when equal to one of {@code values}; null for a null value, or when none matches and a value is null. */
    default Expr isIn(Object... values) {
        return isIn(Arrays.asList(values));
    }

    /** SQL {@code IN} over a collection of constants. */
    default Expr isIn(java.util.Collection<?> values) {
        List<Expr> args = new ArrayList<>(values.size() + 1);
        args.add(this);
        for (Object v : values) args.add(Literal.from(v));
        return new FunctionCall(ScalarFunction.IS_IN, args);
    }

    // ---- boolean logic -----------------------------------------------------------------------

    /** Three-valued {@code and}: false if either is false, else null if either is null. */
    default Expr and(Expr other) { return new BinaryExpr(BinaryOperator.AND, this, other); }
    /** Three-valued {@code or}: true if either is true, else null if either is null. */
    default Expr or(Expr other) { return new BinaryExpr(BinaryOperator.OR, this, other); }
    /** {@code not this} (null stays null). */
    default Expr not() { return new FunctionCall(ScalarFunction.NOT, List.of(this)); }
    /** True where the value is null. */
    default Expr isNull() { return new FunctionCall(ScalarFunction.IS_NULL, List.of(this)); }
    /** True where the value is not null. */
    default Expr isNotNull() { return new FunctionCall(ScalarFunction.IS_NOT_NULL, List.of(this)); }

    // ---- conversion and nulls ----------------------------------------------------------------

    /** The values converted to {@code type} as DuckDB's CAST does; a value that cannot be converted is an error. */
    default Expr cast(DataType type) { return new Cast(this, type); }
    /** Nulls replaced by {@code fill}. */
    default Expr fillNull(Expr fill) { return new FunctionCall(ScalarFunction.COALESCE, List.of(this, fill)); }
    /** Nulls replaced by a constant. */
    default Expr fillNull(Object fill) { return fillNull(Literal.from(fill)); }

    // ---- math --------------------------------------------------------------------------------

    /** Absolute value. */
    default Expr abs() { return new FunctionCall(ScalarFunction.ABS, List.of(this)); }
    /** Rounded to {@code decimals} fraction digits, halves away from zero (as DuckDB). */
    default Expr round(int decimals) { return new FunctionCall(ScalarFunction.ROUND, List.of(this, Literal.of(decimals))); }
    /** Rounded down to an integral value. */
    default Expr floor() { return new FunctionCall(ScalarFunction.FLOOR, List.of(this)); }
    /** Rounded up to an integral value. */
    default Expr ceil() { return new FunctionCall(ScalarFunction.CEIL, List.of(this)); }

    // ---- strings -----------------------------------------------------------------------------

    /** True where the string starts with {@code prefix}. */
    default Expr startsWith(String prefix) { return new FunctionCall(ScalarFunction.STARTS_WITH, List.of(this, Literal.of(prefix))); }
    /** True where the string ends with {@code suffix}. */
    default Expr endsWith(String suffix) { return new FunctionCall(ScalarFunction.ENDS_WITH, List.of(this, Literal.of(suffix))); }
    /** True where the string contains {@code part} (literally, not a pattern). */
    default Expr contains(String part) { return new FunctionCall(ScalarFunction.CONTAINS, List.of(this, Literal.of(part))); }
    /** SQL {@code LIKE}: {@code %} any run of characters, {@code _} one character; case-sensitive. */
    default Expr like(String pattern) { return new FunctionCall(ScalarFunction.LIKE, List.of(this, Literal.of(pattern))); }
    /** Lower case (Unicode). */
    default Expr lower() { return new FunctionCall(ScalarFunction.LOWER, List.of(this)); }
    /** Upper case (Unicode). */
    default Expr upper() { return new FunctionCall(ScalarFunction.UPPER, List.of(this)); }
    /** Length in characters (Unicode code points), as DuckDB's {@code length}. */
    default Expr length() { return new FunctionCall(ScalarFunction.LENGTH, List.of(this)); }
    /** {@code length} characters from the 0-based character {@code offset} (fewer at the end of the string). */
    default Expr substring(int offset, int length) {
        return new FunctionCall(ScalarFunction.SUBSTRING, List.of(this, Literal.of(offset), Literal.of(length)));
    }

    // ---- temporal ----------------------------------------------------------------------------

    /** The year of a date or timestamp. */
    default Expr year() { return new FunctionCall(ScalarFunction.YEAR, List.of(this)); }
    /** The month (1–12). */
    default Expr month() { return new FunctionCall(ScalarFunction.MONTH, List.of(this)); }
    /** The day of the month (1–31). */
    default Expr day() { return new FunctionCall(ScalarFunction.DAY, List.of(this)); }
    /** The hour (0–23) of a timestamp or time. */
    default Expr hour() { return new FunctionCall(ScalarFunction.HOUR, List.of(this)); }
    /** The minute (0–59). */
    default Expr minute() { return new FunctionCall(ScalarFunction.MINUTE, List.of(this)); }
    /** The second (0–59). */
    default Expr second() { return new FunctionCall(ScalarFunction.SECOND, List.of(this)); }
    /** ISO day of week: Monday 1 … Sunday 7. */
    default Expr weekday() { return new FunctionCall(ScalarFunction.WEEKDAY, List.of(this)); }
    /**
     * Rounded down to a multiple of {@code every}: {@code "1d"}, {@code "15m"}, {@code "1h"},
     * {@code "1mo"}, {@code "1y"}, {@code "30s"}, {@code "1w"} (weeks start on Monday), as Polars'
     * {@code dt.truncate}.
     */
    default Expr truncate(String every) { return new FunctionCall(ScalarFunction.TRUNCATE, List.of(this, Literal.of(every))); }

    // ---- aggregations ------------------------------------------------------------------------

    /** Sum of the non-null values (integers as 64-bit, decimals exact); null when there are none. */
    default Expr sum() { return new AggregateExpr(Aggregation.SUM, this, Double.NaN); }
    /** Arithmetic mean of the non-null values, as a double. */
    default Expr mean() { return new AggregateExpr(Aggregation.MEAN, this, Double.NaN); }
    /** Smallest non-null value. */
    default Expr min() { return new AggregateExpr(Aggregation.MIN, this, Double.NaN); }
    /** Largest non-null value (NaN above every number, as DuckDB). */
    default Expr max() { return new AggregateExpr(Aggregation.MAX, this, Double.NaN); }
    /** Number of non-null values. */
    default Expr count() { return new AggregateExpr(Aggregation.COUNT, this, Double.NaN); }
    /** Number of distinct non-null values. */
    default Expr nUnique() { return new AggregateExpr(Aggregation.N_UNIQUE, this, Double.NaN); }
    /** The value of the first row (null included), in scan order. */
    default Expr first() { return new AggregateExpr(Aggregation.FIRST, this, Double.NaN); }
    /** The value of the last row (null included), in scan order. */
    default Expr last() { return new AggregateExpr(Aggregation.LAST, this, Double.NaN); }
    /** Sample standard deviation (n - 1). */
    default Expr std() { return new AggregateExpr(Aggregation.STD, this, Double.NaN); }
    /** Sample variance (n - 1). */
    default Expr var() { return new AggregateExpr(Aggregation.VAR, this, Double.NaN); }
    /** Median, interpolating between the two middle values. */
    default Expr median() { return new AggregateExpr(Aggregation.MEDIAN, this, Double.NaN); }
    /** The {@code q} quantile (0 ≤ q ≤ 1), interpolating linearly as DuckDB's {@code quantile_cont}. */
    default Expr quantile(double q) {
        if (!(q >= 0 && q <= 1)) throw new IllegalArgumentException("quantile must be between 0 and 1, got " + q);
        return new AggregateExpr(Aggregation.QUANTILE, this, q);
    }
}
