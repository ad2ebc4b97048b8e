package dev.streamingadaptive.expr;

/**
 * The row-wise functions of {@link FunctionCall}. Arguments after the first are given as
 * expressions too; where the function needs a constant (a pattern, a number of digits, a
 * truncation unit) that argument must be a {@link Literal}.
 */
public enum ScalarFunction {
    NEG, NOT, IS_NULL, IS_NOT_NULL,
    /** {@code x IN (v1, v2, ...)}: arguments {@code x, v1, v2, ...}. */
    IS_IN,
    /** {@code x BETWEEN low AND high}: arguments {@code x, low, high}. */
    IS_BETWEEN,
    /** The first non-null argument. */
    COALESCE,
    ABS,
    /** Arguments {@code x, decimals}. */
    ROUND,
    FLOOR, CEIL,
    STARTS_WITH, ENDS_WITH, CONTAINS, LIKE, LOWER, UPPER, LENGTH,
    /** Arguments {@code x, offset (0-based), length}. */
    SUBSTRING,
    YEAR, MONTH, DAY, HOUR, MINUTE, SECOND, WEEKDAY,
    /** Arguments {@code x, every} (e.g. "1h"). */
    TRUNCATE;

    /** Lower-case SQL-ish name used by {@code explain}. */
    public String sqlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
