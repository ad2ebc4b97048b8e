package dev.streamingadaptive.lazy;

/**
 * How {@link LazyFrame#join} pairs the rows of two frames whose key columns are equal. Keys never
 * match when any of them is null (SQL semantics). The output columns follow Polars: the left
 * columns, then the right side's other columns, a right column whose name the left already uses
 * suffixed {@code _right}.
 */
public enum JoinType {
    /** Pairs of left and right rows with equal keys; the left key columns are kept. */
    INNER,
    /** Every left row: with each matching right row, or once with nulls for the right columns when none matches. */
    LEFT,
    /**
     * Every right row: with each matching left row, or once with nulls for the left columns when none
     * matches. Outputs the left's non-key columns and then every right column, keys included.
     */
    RIGHT,
    /**
     * Every row of both sides: matching pairs, plus unmatched rows of either side with nulls for the
     * other; both sides' key columns are kept (the right's suffixed {@code _right} when named alike).
     */
    FULL,
    /** The left rows that have at least one match, once each; left columns only. */
    SEMI,
    /** The left rows that have no match (null keys included); left columns only. */
    ANTI,
    /** Every left row with every right row (no keys); see {@link LazyFrame#crossJoin}. */
    CROSS
}
