package dev.streamingadaptive.expr;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** {@code left op right}: arithmetic, a comparison, or three-valued {@code and}/{@code or}. */
public record BinaryExpr(BinaryOperator op, Expr left, Expr right) implements Expr {
    public BinaryExpr {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }

    @Override public List<Expr> children() { return List.of(left, right); }
    @Override public Expr mapChildren(UnaryOperator<Expr> f) {
        Expr l = f.apply(left), r = f.apply(right);
        return l == left && r == right ? this : new BinaryExpr(op, l, r);
    }
    @Override public String toString() { return "(" + left + " " + op.symbol + " " + right + ")"; }
}
