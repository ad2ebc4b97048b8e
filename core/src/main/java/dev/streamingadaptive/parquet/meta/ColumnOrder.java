package dev.streamingadaptive.parquet.meta;

/**
 * The sort order used for a leaf column's min/max statistics (Thrift union {@code ColumnOrder}).
 * Both flags false means an order this reader does not know (for example INT96 timestamp order);
 * per the specification min/max statistics should then be ignored.
 *
 * @param typeDefined the order defined by the logical/physical type (TYPE_ORDER, field 1)
 * @param ieee754     IEEE 754 total order (IEEE_754_TOTAL_ORDER, field 2)
 */
public record ColumnOrder(boolean typeDefined, boolean ieee754) {
    /** TYPE_ORDER. */
    public static final ColumnOrder TYPE_DEFINED = new ColumnOrder(true, false);
    /** IEEE_754_TOTAL_ORDER. */
    public static final ColumnOrder IEEE754 = new ColumnOrder(false, true);
    /** An order this reader does not know. */
    public static final ColumnOrder UNKNOWN = new ColumnOrder(false, false);
}
