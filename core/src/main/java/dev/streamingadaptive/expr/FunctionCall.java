package dev.streamingadaptive.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** A row-wise function of one or more arguments. */
public record FunctionCall(ScalarFunction function, List<Expr> args) implements Expr {
    public FunctionCall {
        Objects.requireNonNull(function, "function");
        args = List.copyOf(args);
        if (args.isEmpty()) throw new IllegalArgumentException(function + " needs an argument");
    }

    @Override public List<Expr> children() { return args; }

    @Override public Expr mapChildren(UnaryOperator<Expr> f) {
        List<Expr> out = new ArrayList<>(args.size());
        boolean changed = false;
        for (Expr a : args) {
            Expr m = f.apply(a);
            changed |= m != a;
            out.add(m);
        }
        return changed ? new FunctionCall(function, out) : this;
    }

    @Override public String toString() {
        return switch (function) {
            case NOT -> "(NOT " + args.get(0) + ")";
            case NEG -> "(-" + args.get(0) + ")";
            case IS_NULL -> "(" + args.get(0) + " IS NULL)";
            case IS_NOT_NULL -> "(" + args.get(0) + " IS NOT NULL)";
            case IS_BETWEEN -> "(" + args.get(0) + " BETWEEN " + args.get(1) + " AND " + args.get(2) + ")";
            case IS_IN -> "(" + args.get(0) + " IN " + joined(args.subList(1, args.size())) + ")";
            default -> function.sqlName() + joined(args);
        };
    }

    private static String joined(List<Expr> list) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < list.size(); i++) sb.append(i > 0 ? ", " : "").append(list.get(i));
        return sb.append(')').toString();
    }
}
