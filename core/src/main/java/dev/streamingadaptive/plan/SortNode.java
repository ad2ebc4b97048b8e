package dev.streamingadaptive.plan;

import dev.streamingadaptive.expr.ExprTypeException;
import dev.streamingadaptive.expr.SortKey;
import dev.streamingadaptive.frame.Schema;

import java.util.List;

/**
 * {@code input}'s rows ordered by {@code keys} (stable: ties keep their input order).
 *
 * @param limit only the first {@code limit} rows are needed (a slice above it; set by SlicePushdown),
 *              so a top-k that holds that many rows replaces the full sort; -1 for all rows
 */
public record SortNode(LogicalPlan input, List<SortKey> keys, long limit) implements LogicalPlan {
    /** All rows sorted. */
    public SortNode(LogicalPlan input, List<SortKey> keys) {
        this(input, keys, -1);
    }

    public SortNode {
        if (limit < -1) throw new IllegalArgumentException("limit " + limit);
        keys = List.copyOf(keys);
        if (keys.isEmpty()) throw new IllegalArgumentException("sort needs at least one key");
        for (SortKey k : keys) {
            if (k.expr().isAggregate()) throw new ExprTypeException("sort key " + k.expr() + " aggregates");
            if (k.expr().typeIn(input.schema()).isNested()) throw new ExprTypeException("cannot sort by the nested column " + k.expr());
        }
    }

    @Override public Schema schema() { return input.schema(); }
    @Override public List<LogicalPlan> inputs() { return List.of(input); }
    @Override public LogicalPlan withInputs(List<LogicalPlan> inputs) { return new SortNode(inputs.get(0), keys, limit); }
    @Override public String describe() { return "SORT BY " + Projections.list(keys) + (limit >= 0 ? " (TOP " + limit + ")" : ""); }

    /** The same sort of which only the first {@code rows} rows are needed. */
    public SortNode withLimit(long rows) {
        return new SortNode(input, keys, limit < 0 ? rows : Math.min(limit, rows));
    }
}
