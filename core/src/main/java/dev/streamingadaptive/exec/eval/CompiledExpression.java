package dev.streamingadaptive.exec.eval;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;

/**
 * An expression typed against one schema and ready to evaluate batches of it
 * ({@link ExpressionCompiler#compile}). Immutable; one instance may evaluate batches on several
 * threads at once.
 */
public interface CompiledExpression {
    /** The type of the values. */
    DataType type();

    /** The output column's name: the expression's {@code outputName()}. */
    String name();

    /**
     * The values for every row of {@code batch} (whose schema must equal the compiled one), named
     * {@link #name()}; a constant expression gives {@code batch.height()} copies.
     *
     * @throws EvaluationException on integer overflow, a value out of a cast's range, or text that does not parse
     */
    Column evaluate(DataFrame batch);
}
