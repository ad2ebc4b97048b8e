package dev.streamingadaptive.plan;

import dev.streamingadaptive.expr.ExprTypeException;
import dev.streamingadaptive.expr.SortKey;
import dev.streamingadaptive.frame.Schema;

import java.util.List;

/** {@code input}'s rows ordered by {@code keys} (stable: ties keep their input order). */
public record SortNode(LogicalPlan input, List<SortKey> keys) implements LogicalPlan {
    public SortNode {
        keys = List.copyOf(keys);
        if (keys.isEmpty()) throw new IllegalArgumentException("sort needs at least one key");
        for (SortKey k : keys) {
            if (k.expr().isAggregate()) throw new ExprTypeException("sort key " + k.expr() + " aggregates");
            if (k.expr().typeIn(input.schema()).isNested()) throw new ExprTypeException("cannot sort by the nested column " + k.expr());
        }
    }

    @Override public Schema schema() { return input.schema(); }
    @Override public List<LogicalPlan> inputs() { return List.of(input); }
    @Override public LogicalPlan withInputs(List<LogicalPlan> inputs) { return new SortNode(inputs.get(0), keys); }
    @Override public String describe() { return "SORT BY " + Projections.list(keys); }
}
