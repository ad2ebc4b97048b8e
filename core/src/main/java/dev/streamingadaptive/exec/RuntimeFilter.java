package dev.streamingadaptive.exec;

import dev.streamingadaptive.exec.agg.KeyRange;
import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.plan.JoinNode;
import dev.streamingadaptive.predicate.ColumnFilterPredicate;
import dev.streamingadaptive.plan.JoinNode.Kind;
import dev.streamingadaptive.plan.LogicalPlan;
import dev.streamingadaptive.plan.FilterNode;
import dev.streamingadaptive.plan.ScanNode;
import dev.streamingadaptive.plan.SelectNode;
import dev.streamingadaptive.plan.WithColumnsNode;
import dev.streamingadaptive.expr.Alias;
import dev.streamingadaptive.expr.ColumnRef;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A join's probe side narrowed by its build side, known only once the build side is read: where
 * a key of the probe input is an integer or date column of a Parquet scan below it (through
 * filters and projections that pass it on), the build keys' min/max
 * becomes a range predicate on that column, so row groups (and pages) whose statistics lie outside
 * it are never decoded. Only for joins that drop probe rows without a match (INNER, RIGHT, SEMI).
 */
final class RuntimeFilter {
    /** System property: {@code false} turns runtime filters off (to measure what they save). */
    static final String ENABLED_PROPERTY = "streamingadaptive.join.runtimeFilter";

    private final JoinNode join;
    private final KeyRange[] ranges;

    /** Ranges for the key pairs this join can narrow by (none when it cannot). */
    RuntimeFilter(JoinNode join) {
        this.join = join;
        this.ranges = new KeyRange[join.leftOn().size()];
        Kind how = join.how();
        if (!Boolean.parseBoolean(System.getProperty(ENABLED_PROPERTY, "true"))) return;
        if (!(how == Kind.INNER || how == Kind.RIGHT || how == Kind.SEMI)) return;
        for (int i = 0; i < ranges.length; i++) {
            if (scanColumn(join.left(), join.leftOn().get(i)) == null) continue;
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

    /** The join's probe input with the ranges as a predicate of the scan it reads, or the probe input unchanged. */
    LogicalPlan probe() {
        Expr narrowing = null;
        for (int i = 0; i < ranges.length; i++) {
            KeyRange r = ranges[i];
            if (r == null || r.isEmpty()) continue; // no non-null build key: nothing matches, but keep the plan simple
            boolean date = join.keyTypes().get(i).kind() == DataType.Kind.DATE;
            Expr c = Expr.col(scanColumn(join.left(), join.leftOn().get(i)));
            long[] keys = r.distinctValues();
            Expr e;
            if (keys != null && ColumnFilterPredicate.testsBySet(join.left().schema().field(join.leftOn().get(i)).type())) {
                // Few build keys: the scan tests each row against them (its IN list keeps row groups, pages and bloom
                // filters pruned as the range would), and decodes the join's other columns only for the rows that pass.
                List<Object> list = new ArrayList<>(keys.length);
                for (long k : keys) list.add(value(k, date));
                e = c.isIn(list);
            } else {
                e = c.gtEq(Expr.lit(value(r.min(), date))).and(c.ltEq(Expr.lit(value(r.max(), date))));
            }
            narrowing = narrowing == null ? e : narrowing.and(e);
        }
        return narrowing == null ? join.left() : withScanPredicate(join.left(), narrowing);
    }

    /**
     * The scan column that {@code column} of {@code plan}'s output passes on unchanged (through filters,
     * selects and withColumns, renames followed), or null when it is computed or there is no scan.
     */
    private static String scanColumn(LogicalPlan plan, String column) {
        return switch (plan) {
            case ScanNode s -> s.limit() < 0 ? column : null;
            case FilterNode f -> scanColumn(f.input(), column);
            case SelectNode s -> {
                for (Expr e : s.exprs()) {
                    if (!e.outputName().equals(column)) continue;
                    Expr inner = e instanceof Alias a ? a.input() : e;
                    yield inner instanceof ColumnRef c ? scanColumn(s.input(), c.name()) : null;
                }
                yield null;
            }
            case WithColumnsNode w -> {
                for (Expr e : w.exprs()) if (e.outputName().equals(column)) yield null;
                yield scanColumn(w.input(), column);
            }
            default -> null;
        };
    }

    /** {@code plan} with {@code predicate} (over scan columns) added to the scan below it. */
    private static LogicalPlan withScanPredicate(LogicalPlan plan, Expr predicate) {
        if (plan instanceof ScanNode s) return s.withPredicate(s.predicate() == null ? predicate : s.predicate().and(predicate));
        return plan.withInputs(List.of(withScanPredicate(plan.inputs().get(0), predicate)));
    }

    private static Object value(long v, boolean date) {
        return date ? LocalDate.ofEpochDay(v) : (Object) v;
    }
}
