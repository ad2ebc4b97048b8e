package dev.streamingadaptive.plan;

import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.expr.ExprTypeException;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code input}'s columns plus those {@code exprs} compute; a computed column with the name of an
 * existing one replaces it in place, as Polars' {@code with_columns}.
 */
public record WithColumnsNode(LogicalPlan input, List<Expr> exprs, Schema schema) implements LogicalPlan {
    public WithColumnsNode {
        exprs = List.copyOf(exprs);
    }

    /** {@code exprs} added to {@code input}, typed now. */
    public static WithColumnsNode of(LogicalPlan input, List<Expr> exprs) {
        for (Expr e : exprs) {
            if (e.isAggregate()) throw new ExprTypeException("withColumns " + e + " aggregates; use groupBy(...).agg(...)");
        }
        List<Field> computed = Projections.fields("withColumns", exprs, input.schema());
        List<Field> out = new ArrayList<>(input.schema().fields());
        for (Field f : computed) {
            int at = input.schema().indexOf(f.name());
            if (at >= 0) out.set(at, f);
            else out.add(f);
        }
        return new WithColumnsNode(input, exprs, new Schema(out));
    }

    @Override public List<LogicalPlan> inputs() { return List.of(input); }
    @Override public LogicalPlan withInputs(List<LogicalPlan> inputs) { return new WithColumnsNode(inputs.get(0), exprs, schema); }
    @Override public String describe() { return "WITH COLUMNS " + Projections.list(exprs); }
}
