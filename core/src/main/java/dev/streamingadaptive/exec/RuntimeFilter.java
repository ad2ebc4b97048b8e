package dev.streamingadaptive.exec;

import dev.streamingadaptive.exec.agg.KeyRange;
import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.plan.JoinNode;
import dev.streamingadaptive.plan.JoinNode.Kind;
import dev.streamingadaptive.plan.LogicalPlan;
import dev.streamingadaptive.plan.ScanNode;

import java.time.LocalDate;
import java.util.List;

/**
 * A join's probe side narrowed by its build side, known only once the build side is read: where
 * the probe input is a Parquet scan and a key an integer or date column, the build keys' min/max
 * becomes a range predicate on that column, so row groups (and pages) whose statistics lie outside
 * it are never decoded. Only for joins that drop probe rows without a match (INNER, RIGHT, SEMI).
 */
final class RuntimeFilter {
    private final JoinNode join;
    private final KeyRange[] ranges;

    /** Ranges for the key pairs this join can narrow by (none when it cannot). */
    RuntimeFilter(JoinNode join) {
        this.join = join;
        this.ranges = new KeyRange[join.leftOn().size()];
        Kind how = join.how();
        if (!(how == Kind.INNER || how == Kind.RIGHT || how == Kind.SEMI) || !(join.left() instanceof ScanNode s) || s.limit() >= 0) return;
        for (int i = 0; i < ranges.length; i++) {
            DataType probeType = join.left().schema().field(join.leftOn().get(i)).type();
            DataType keyType = join.keyTypes().get(i);
            if (KeyRange.supports(probeType) && KeyRange.supports(keyType) && probeType.kind() != DataType.Kind.DATE == (keyType.kind() != DataType.Kind.DATE)) {
                ranges[i] = new KeyRange();
            }
        }
    }

    /** Widens the ranges by a batch of the build side. */
    void add(DataFrame build) {
        int rows = build.height();
        for (int i = 0; i < ranges.length; i++) {
            if (ranges[i] == null) continue;
            Column c = build.column(join.rightOn().get(i));
            if (!c.type().equals(join.keyTypes().get(i))) c = Join.keys(build, List.of(join.rightOn().get(i)), List.of(join.keyTypes().get(i))).get(0);
            ranges[i].add(c, rows);
        }
    }

    /** The join's probe input with the ranges as a scan predicate, or the probe input unchanged. */
    LogicalPlan probe() {
        Expr narrowing = null;
        for (int i = 0; i < ranges.length; i++) {
            KeyRange r = ranges[i];
            if (r == null || r.isEmpty()) continue; // no non-null build key: nothing matches, but keep the plan simple
            boolean date = join.keyTypes().get(i).kind() == DataType.Kind.DATE;
            Expr c = Expr.col(join.leftOn().get(i));
            Expr e = c.gtEq(Expr.lit(value(r.min(), date))).and(c.ltEq(Expr.lit(value(r.max(), date))));
            narrowing = narrowing == null ? e : narrowing.and(e);
        }
        if (narrowing == null) return join.left();
        ScanNode s = (ScanNode) join.left();
        return s.withPredicate(s.predicate() == null ? narrowing : s.predicate().and(narrowing));
    }

    private static Object value(long v, boolean date) {
        return date ? LocalDate.ofEpochDay(v) : (Object) v;
    }
}
