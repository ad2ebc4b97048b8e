package dev.streamingadaptive.plan;

import dev.streamingadaptive.expr.AggregateExpr;
import dev.streamingadaptive.expr.Alias;
import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.expr.ExprTypeException;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * One row per distinct combination of {@code keys} (the whole input when there are none) with
 * the {@code aggs}: each an aggregate of a row-wise expression, optionally aliased.
 */
public record AggregateNode(LogicalPlan input, List<Expr> keys, List<Expr> aggs, Schema schema) implements LogicalPlan {
    public AggregateNode {
        keys = List.copyOf(keys);
        aggs = List.copyOf(aggs);
    }

    /** Checks and types {@code keys} and {@code aggs} over {@code input}. */
    public static AggregateNode of(LogicalPlan input, List<Expr> keys, List<Expr> aggs) {
        for (Expr k : keys) {
            if (k.isAggregate()) throw new ExprTypeException("group key " + k + " aggregates");
            if (k.typeIn(input.schema()).isNested()) throw new ExprTypeException("cannot group by the nested column " + k);
        }
        for (Expr a : aggs) aggregateOf(a);
        List<Expr> all = new ArrayList<>(keys);
        all.addAll(aggs);
        List<Field> fields = Projections.fields("agg", all, input.schema());
        return new AggregateNode(input, keys, aggs, new Schema(fields));
    }

    /** The aggregate inside {@code e} (an aggregate, or an aliased one); ExprTypeException otherwise. */
    public static AggregateExpr aggregateOf(Expr e) {
        Expr inner = e instanceof Alias a ? a.input() : e;
        if (inner instanceof AggregateExpr agg && (agg.input() == null || !agg.input().isAggregate())) return agg;
        throw new ExprTypeException("agg takes aggregates such as col(\"price\").mean() or len(), optionally aliased; got " + e
                + (e.isAggregate() ? " (arithmetic on aggregates is not supported yet: compute it with withColumns after agg)" : ""));
    }

    @Override public List<LogicalPlan> inputs() { return List.of(input); }
    @Override public LogicalPlan withInputs(List<LogicalPlan> inputs) { return new AggregateNode(inputs.get(0), keys, aggs, schema); }
    @Override public String describe() {
        return "AGGREGATE" + (keys.isEmpty() ? "" : " BY " + Projections.list(keys)) + ": " + Projections.list(aggs);
    }
}
