package dev.streamingadaptive.expr;

import dev.streamingadaptive.frame.DataType;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** {@code input} converted to {@code type}, as DuckDB's CAST. */
public record Cast(Expr input, DataType type) implements Expr {
    public Cast {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(type, "type");
    }

    @Override public List<Expr> children() { return List.of(input); }
    @Override public Expr mapChildren(UnaryOperator<Expr> f) {
        Expr in = f.apply(input);
        return in == input ? this : new Cast(in, type);
    }
    @Override public String toString() { return "CAST(" + input + " AS " + type + ")"; }
}
