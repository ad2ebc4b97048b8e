package dev.streamingadaptive.expr;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** {@code input} under another name. */
public record Alias(Expr input, String name) implements Expr {
    public Alias {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(name, "name");
    }

    @Override public List<Expr> children() { return List.of(input); }
    @Override public Expr mapChildren(UnaryOperator<Expr> f) {
        Expr in = f.apply(input);
        return in == input ? this : new Alias(in, name);
    }
    @Override public String outputName() { return name; }
    @Override public String toString() { return input + " AS " + Literal.quoteIdentifier(name); }
}
