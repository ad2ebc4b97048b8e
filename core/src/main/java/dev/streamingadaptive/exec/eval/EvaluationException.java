package dev.streamingadaptive.exec.eval;

/**
 * A value that cannot be computed: integer overflow, a value out of range of a cast's target
 * type, or text that does not parse. The message names the expression and the value.
 */
public final class EvaluationException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    public EvaluationException(String message) {
        super(message);
    }
}
