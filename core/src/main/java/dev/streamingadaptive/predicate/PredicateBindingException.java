package dev.streamingadaptive.predicate;

/**
 * A predicate does not fit the file it is applied to: it names a column the schema does not have,
 * compares a column with a literal of an incompatible type (a string that is not a date for a
 * DATE column, a boolean for a number, ...), or filters on a nested column. The message names the
 * column, its type and the literal, e.g. {@code cannot compare column price (DOUBLE) with 'abc'
 * (string)}.
 */
public class PredicateBindingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An exception with this message. */
    public PredicateBindingException(String message) {
        super(message);
    }

    /** An exception with this message and cause. */
    public PredicateBindingException(String message, Throwable cause) {
        super(message, cause);
    }
}
