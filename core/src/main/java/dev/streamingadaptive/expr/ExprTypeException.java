package dev.streamingadaptive.expr;

/**
 * An expression that cannot be evaluated over a schema: an unknown column (the message lists the
 * columns there are), or an operation that does not apply to its operand types (the message
 * names the expression and the types).
 */
public class ExprTypeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ExprTypeException(String message) {
        super(message);
    }
}
