package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.frame.DataType;

import java.util.Objects;

/**
 * One aggregate to compute: the function, the name of its output column, the input type (null for
 * {@link AggFunction#LEN}) and, for {@link AggFunction#QUANTILE}, the quantile in [0, 1].
 *
 * @throws AggregationTypeException when the function does not support {@code inputType}
 * @throws IllegalArgumentException when the quantile of a QUANTILE is outside [0, 1] or not a number
 */
public record AggSpec(AggFunction function, String outputName, DataType inputType, double quantile) {

    public AggSpec {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(outputName, "outputName");
        if (function == AggFunction.QUANTILE && !(quantile >= 0 && quantile <= 1)) {
            throw new IllegalArgumentException("quantile(" + outputName + ") needs a quantile between 0 and 1, got " + quantile);
        }
        if (function == AggFunction.MEDIAN) quantile = 0.5;
        function.resultType(inputType, outputName); // fail at plan time, naming the output
    }

    /** An aggregate without a quantile. */
    public static AggSpec of(AggFunction function, String outputName, DataType inputType) {
        return new AggSpec(function, outputName, inputType, Double.NaN);
    }

    /** The row count {@code len()}. */
    public static AggSpec len(String outputName) {
        return new AggSpec(AggFunction.LEN, outputName, null, Double.NaN);
    }

    /** {@code quantile_cont(input, q)}. */
    public static AggSpec quantile(String outputName, DataType inputType, double q) {
        return new AggSpec(AggFunction.QUANTILE, outputName, inputType, q);
    }

    /** The type of the output column. */
    public DataType outputType() {
        return function.resultType(inputType, outputName);
    }
}
