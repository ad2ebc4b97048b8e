package dev.streamingadaptive.expr;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** A column of the input frame, by name. */
public record ColumnRef(String name) implements Expr {
    public ColumnRef {
        Objects.requireNonNull(name, "name");
    }

    /**
     * The input column {@code e} passes on unchanged: a column reference, renamed by an alias or not; null for a
     * computed expression (what the planner asks before moving work across a projection or a group key).
     */
    public static String passedOn(Expr e) {
        Expr inner = e instanceof Alias a ? a.input() : e;
        return inner instanceof ColumnRef c ? c.name() : null;
    }

    @Override public List<Expr> children() { return List.of(); }
    @Override public Expr mapChildren(UnaryOperator<Expr> f) { return this; }
    @Override public String outputName() { return name; }
    @Override public String toString() { return Literal.quoteIdentifier(name); }
}
