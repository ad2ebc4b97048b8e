package dev.streamingadaptive.exec.agg;

/**
 * An aggregate result does not fit its result type (a 64-bit integer sum, or a DECIMAL(38) sum):
 * raised instead of silently wrapping. The message names the aggregate and what to do.
 */
public class AggregationOverflowException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    /** @param message names the aggregate and the output column and says what to do instead */
    public AggregationOverflowException(String message) {
        super(message);
    }
}
