package dev.streamingadaptive.plan;

import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.expr.ExprTypeException;
import dev.streamingadaptive.frame.Schema;

import java.util.List;

/** Exactly the columns {@code exprs} compute from each row of {@code input}. */
public record SelectNode(LogicalPlan input, List<Expr> exprs, Schema schema) implements LogicalPlan {
    public SelectNode {
        exprs = List.copyOf(exprs);
    }

    /** {@code exprs} over {@code input}, typed now. */
    public static SelectNode of(LogicalPlan input, List<Expr> exprs) {
        for (Expr e : exprs) {
            if (e.isAggregate()) throw new ExprTypeException("select " + e + " aggregates; use groupBy(...).agg(...) (or agg on the whole frame)");
        }
        return new SelectNode(input, exprs, new Schema(Projections.fields("select", exprs, input.schema())));
    }

    @Override public List<LogicalPlan> inputs() { return List.of(input); }
    @Override public LogicalPlan withInputs(List<LogicalPlan> inputs) { return new SelectNode(inputs.get(0), exprs, schema); }
    @Override public String describe() { return "SELECT " + Projections.list(exprs); }
}
