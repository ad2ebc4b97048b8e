package dev.streamingadaptive.frame;

import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.lazy.GroupBy;

/** A {@link DataFrame} grouped by keys: {@code df.groupBy("k").agg(col("v").sum())} runs at once. */
public final class GroupedFrame {
    private final GroupBy groups;

    GroupedFrame(GroupBy groups) {
        this.groups = groups;
    }

    /** One row per distinct key combination: the keys, then one column per aggregate. */
    public DataFrame agg(Expr... aggs) {
        return groups.agg(aggs).collect();
    }
}
