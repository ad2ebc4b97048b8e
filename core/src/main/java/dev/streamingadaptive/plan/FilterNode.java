package dev.streamingadaptive.plan;

import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.expr.ExprTypeException;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Schema;

import java.util.List;

/** The rows of {@code input} where {@code predicate} is true (null counts as false). */
public record FilterNode(LogicalPlan input, Expr predicate) implements LogicalPlan {
    public FilterNode {
        if (predicate.isAggregate()) throw new ExprTypeException("filter " + predicate + " uses an aggregate; filter after agg instead");
        DataType t = predicate.typeIn(input.schema());
        if (t != null && t.kind() != DataType.Kind.BOOLEAN) {
            throw new ExprTypeException("filter " + predicate + " is " + t + ", not boolean");
        }
    }

    @Override public Schema schema() { return input.schema(); }
    @Override public List<LogicalPlan> inputs() { return List.of(input); }
    @Override public LogicalPlan withInputs(List<LogicalPlan> inputs) { return new FilterNode(inputs.get(0), predicate); }
    @Override public String describe() { return "FILTER " + predicate; }
}
