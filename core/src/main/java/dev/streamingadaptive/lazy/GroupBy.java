package dev.streamingadaptive.lazy;

import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.plan.AggregateNode;

import java.util.List;

/** A {@link LazyFrame} grouped by keys, waiting for its aggregates: {@code lf.groupBy("symbol").agg(...)}. */
public final class GroupBy {
    private final LazyFrame frame;
    private final List<Expr> keys;

    GroupBy(LazyFrame frame, List<Expr> keys) {
        this.frame = frame;
        this.keys = List.copyOf(keys);
    }

    /**
     * One row per distinct key combination (nulls form a group of their own): the keys, then one
     * column per aggregate, e.g. {@code col("price").mean().alias("avg_price")} or {@code len()}.
     *
     * @throws dev.streamingadaptive.expr.ExprTypeException when a column is unknown or an aggregate
     *         does not apply to its input type
     */
    public LazyFrame agg(Expr... aggs) {
        return frame.derive(AggregateNode.of(frame.plan(), keys, List.of(aggs)));
    }
}
