package dev.streamingadaptive.expr;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * An aggregate over the rows of a group (or of the whole input): {@code function(input)}.
 * {@code input} is null for {@link Aggregation#LEN}; {@code quantile} is used by
 * {@link Aggregation#QUANTILE} only (NaN otherwise).
 */
public record AggregateExpr(Aggregation function, Expr input, double quantile) implements Expr {
    public AggregateExpr {
        Objects.requireNonNull(function, "function");
        if ((input == null) != (function == Aggregation.LEN)) {
            throw new IllegalArgumentException(function == Aggregation.LEN ? "len takes no input" : function + " needs an input");
        }
    }

    @Override public List<Expr> children() { return input == null ? List.of() : List.of(input); }

    @Override public Expr mapChildren(UnaryOperator<Expr> f) {
        if (input == null) return this;
        Expr in = f.apply(input);
        return in == input ? this : new AggregateExpr(function, in, quantile);
    }

    @Override public String outputName() {
        return input == null ? "len" : input.outputName();
    }

    @Override public String toString() {
        if (input == null) return "len()";
        return function.sqlName() + "(" + input + (function == Aggregation.QUANTILE ? ", " + quantile : "") + ")";
    }
}
