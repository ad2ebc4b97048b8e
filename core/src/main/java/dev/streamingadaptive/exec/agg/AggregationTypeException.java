package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.DataType;

/**
 * An aggregate was asked of an input type it does not support (for example {@code sum} of a
 * string). The message names the function, the column or output name when known, and the type.
 */
public class AggregationTypeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final AggFunction function;
    private final String name;
    private final transient DataType type;

    /**
     * @param function the aggregate
     * @param name     the input column or output name, or null when not known
     * @param type     the unsupported input type
     * @param reason   what the function accepts (may be null)
     */
    public AggregationTypeException(AggFunction function, String name, DataType type, String reason) {
        super(function.sqlName() + "(" + (name == null ? "" : name) + ") does not support input type " + type
                + (reason == null ? "" : "; " + reason));
        this.function = function;
        this.name = name;
        this.type = type;
    }

    /** The aggregate that refused the type. */
    public AggFunction function() { return function; }

    /** The input column or output name, or null when it was not known. */
    public String name() { return name; }

    /** The unsupported input type. */
    public DataType type() { return type; }
}
