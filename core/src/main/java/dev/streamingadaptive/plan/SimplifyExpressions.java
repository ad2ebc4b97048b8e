package dev.streamingadaptive.plan;

import dev.streamingadaptive.expr.AggregateExpr;
import dev.streamingadaptive.expr.Alias;
import dev.streamingadaptive.expr.BinaryExpr;
import dev.streamingadaptive.expr.BinaryOperator;
import dev.streamingadaptive.expr.ColumnRef;
import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.expr.Literal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Constant folding and boolean simplification: sub-expressions without columns become literals,
 * {@code x and true} becomes {@code x}, {@code x or true} becomes {@code true}; a filter that is
 * always true disappears and one that is never true reads nothing.
 */
final class SimplifyExpressions implements OptimizerRule {
    private final Function<Expr, Literal> fold;

    SimplifyExpressions(Function<Expr, Literal> fold) {
        this.fold = fold;
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        plan = OptimizerRule.mapInputs(plan, this::apply);
        return switch (plan) {
            case FilterNode f -> {
                Expr p = simplify(f.predicate());
                if (p instanceof Literal l && Boolean.TRUE.equals(l.value())) yield f.input();
                if (p instanceof Literal l && !Boolean.TRUE.equals(l.value())) yield new SliceNode(f.input(), 0, 0);
                yield p == f.predicate() ? f : new FilterNode(f.input(), p);
            }
            case SelectNode s -> new SelectNode(s.input(), simplifyAll(s.exprs()), s.schema());
            case WithColumnsNode w -> new WithColumnsNode(w.input(), simplifyAll(w.exprs()), w.schema());
            default -> plan;
        };
    }

    private List<Expr> simplifyAll(List<Expr> exprs) {
        List<Expr> out = new ArrayList<>(exprs.size());
        for (Expr e : exprs) {
            Expr s = simplify(e);
            // Folding must not rename the column: keep the original name.
            out.add(s == e || s.outputName().equals(e.outputName()) ? s : s.alias(e.outputName()));
        }
        return out;
    }

    Expr simplify(Expr e) {
        Expr s = e.mapChildren(this::simplify);
        if (s instanceof BinaryExpr b && (b.op() == BinaryOperator.AND || b.op() == BinaryOperator.OR)) {
            Boolean l = bool(b.left()), r = bool(b.right());
            boolean and = b.op() == BinaryOperator.AND;
            // x AND true = x, x AND false = false, x OR false = x, x OR true = true (SQL three-valued logic agrees).
            if (l != null) return l == and ? b.right() : b.left();
            if (r != null) return r == and ? b.left() : b.right();
        }
        if (!(s instanceof Literal) && !(s instanceof ColumnRef) && !(s instanceof Alias) && !(s instanceof AggregateExpr)
                && s.columns().isEmpty() && !s.isAggregate()) {
            try {
                return fold.apply(s);
            } catch (RuntimeException cannotFold) {
                return s; // evaluated per batch, where the error (if any) surfaces with its context
            }
        }
        return s;
    }

    private static Boolean bool(Expr e) {
        return e instanceof Literal l && l.value() instanceof Boolean b ? b : null;
    }
}
