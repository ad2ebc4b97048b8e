package dev.streamingadaptive.expr;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** A column of the input frame, by name. */
public record ColumnRef(String name) implements Expr {
    public ColumnRef {
        Objects.requireNonNull(name, "name");
    }

    @Override public List<Expr> children() { return List.of(); }
    @Override public Expr mapChildren(UnaryOperator<Expr> f) { return this; }
    @Override public String outputName() { return name; }
    @Override public String toString() { return Literal.quoteIdentifier(name); }
}
