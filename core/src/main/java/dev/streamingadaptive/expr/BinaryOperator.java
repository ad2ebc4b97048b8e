package dev.streamingadaptive.expr;

/** The operators of {@link BinaryExpr}, with their SQL spelling. */
public enum BinaryOperator {
    ADD("+"), SUB("-"), MUL("*"), DIV("/"), FLOOR_DIV("//"), MOD("%"),
    EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">="),
    AND("AND"), OR("OR");

    /** How SQL (and {@code explain}) writes it. */
    public final String symbol;

    BinaryOperator(String symbol) {
        this.symbol = symbol;
    }

    /** True for the six comparisons. */
    public boolean isComparison() {
        return switch (this) {
            case EQ, NE, LT, LE, GT, GE -> true;
            default -> false;
        };
    }

    /** True for the arithmetic operators. */
    public boolean isArithmetic() {
        return switch (this) {
            case ADD, SUB, MUL, DIV, FLOOR_DIV, MOD -> true;
            default -> false;
        };
    }

    /** The comparison with its operands swapped ({@code a < b} is {@code b > a}); others unchanged. */
    public BinaryOperator flip() {
        return switch (this) {
            case LT -> GT;
            case LE -> GE;
            case GT -> LT;
            case GE -> LE;
            default -> this;
        };
    }
}
