package dev.streamingadaptive.plan;

import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.expr.SortKey;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads only the columns a query uses: walks the plan from the root with the set of columns the
 * parent needs, drops computed columns nobody reads and gives each scan the projection it needs.
 */
final class ProjectionPushdown implements OptimizerRule {

    /** What the uses of a shared subplan ask of it: {@code columns}, null for all. */
    private record Need(Set<String> columns) {
        Need and(Need other) {
            return columns == null || other.columns == null ? new Need(null) : new Need(union(columns, other.columns));
        }
    }

    /** Subplans used more than once (see {@link SharedSubplans}); empty for most plans. */
    private Set<LogicalPlan> shared = Set.of();
    /** Per shared subplan, the columns all its uses need (from the previous pass), and those asked in this pass. */
    private Map<LogicalPlan, Need> agreed = new HashMap<>();
    private Map<LogicalPlan, Need> asked = new HashMap<>();

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        shared = SharedSubplans.of(plan);
        if (shared.isEmpty()) return prune(plan, null);
        // A shared subplan is pruned to the union of what its uses need, so its copies stay equal and the executor
        // computes it once. A pass learns what each use asks; the next prunes with the union; nested shared subplans
        // may need one more pass before the unions stop changing.
        LogicalPlan out = plan;
        for (int pass = 0; pass < 4; pass++) {
            asked = new HashMap<>();
            out = prune(plan, null);
            if (asked.equals(agreed)) break;
            agreed = asked;
        }
        shared = Set.of();
        agreed = new HashMap<>();
        return out;
    }

    /** {@code plan} producing at least the {@code required} columns (null: all of them, in order). */
    private LogicalPlan prune(LogicalPlan plan, Set<String> required) {
        if (shared.contains(plan)) {
            asked.merge(plan, new Need(required), Need::and);
            Need all = agreed.get(plan);
            if (all != null) required = all.columns();
        }
        switch (plan) {
            case ScanNode s -> {
                if (required == null) return s;
                List<String> keep = new ArrayList<>();
                for (String c : s.schema().names()) if (required.contains(c)) keep.add(c);
                if (keep.isEmpty()) {
                    // Rows still have to be counted: by a column the filter decodes anyway, else the cheapest.
                    keep.add(s.predicate() != null ? s.predicate().columns().iterator().next() : narrowest(s.schema().fields()));
                }
                return keep.size() == s.source().schema().size() && s.projection() == null ? s : s.withProjection(keep);
            }
            case FilterNode f -> {
                return new FilterNode(prune(f.input(), union(required, f.predicate().columns())), f.predicate());
            }
            case SelectNode s -> {
                List<Expr> kept = new ArrayList<>();
                for (Expr e : s.exprs()) if (required == null || required.contains(e.outputName())) kept.add(e);
                if (kept.isEmpty() && !s.exprs().isEmpty()) kept.add(s.exprs().get(0)); // keeps the row count
                return SelectNode.of(prune(s.input(), columnsOf(kept)), kept);
            }
            case WithColumnsNode w -> {
                List<Expr> kept = new ArrayList<>();
                for (Expr e : w.exprs()) if (required == null || required.contains(e.outputName())) kept.add(e);
                Set<String> below;
                if (required == null) {
                    below = null;
                } else {
                    below = new LinkedHashSet<>(required);
                    for (Expr e : kept) below.remove(e.outputName());
                    below.addAll(columnsOf(kept));
                    below.retainAll(w.input().schema().names());
                }
                LogicalPlan in = prune(w.input(), below);
                return kept.isEmpty() ? in : WithColumnsNode.of(in, kept);
            }
            case AggregateNode a -> {
                Set<String> below = columnsOf(a.keys());
                below.addAll(columnsOf(a.aggs()));
                return a.withInputs(List.of(prune(a.input(), below)));
            }
            case FooterAggregateNode f -> {
                return f.withInputs(List.of(prune(f.fallback(), null)));
            }
            case SortNode s -> {
                Set<String> keys = new LinkedHashSet<>();
                for (SortKey k : s.keys()) keys.addAll(k.expr().columns());
                return new SortNode(prune(s.input(), union(required, keys)), s.keys(), s.limit());
            }
            case SliceNode s -> {
                return s.withInputs(List.of(prune(s.input(), required)));
            }
            case DistinctNode d -> {
                // Distinctness is decided by all columns (or the subset): they must all be read.
                Set<String> below = d.subset().isEmpty() ? null : union(required, new LinkedHashSet<>(d.subset()));
                return d.withInputs(List.of(prune(d.input(), below)));
            }
            case UnionNode u -> {
                // Inputs must keep identical schemas: prune them all to the same columns, in order.
                List<LogicalPlan> in = new ArrayList<>();
                for (LogicalPlan p : u.inputs()) in.add(prune(p, required));
                for (LogicalPlan p : in) if (!p.schema().equals(in.get(0).schema())) return u;
                return new UnionNode(in);
            }
            case JoinNode j -> {
                // Keys always; a left column named like a kept right column stays too, so the right one keeps its suffix.
                Set<String> left = new LinkedHashSet<>(j.leftOn());
                Set<String> right = new LinkedHashSet<>(j.rightOn());
                for (JoinNode.Output o : j.outputs()) {
                    if (required == null || required.contains(o.name())) (o.fromLeft() ? left : right).add(o.input());
                }
                if (!j.how().outputsRightOnly()) for (String c : j.left().schema().names()) if (right.contains(c)) left.add(c);
                if (required == null) left = null;
                JoinNode pruned = JoinNode.of(prune(j.left(), left), prune(j.right(), required == null ? null : right),
                        j.leftOn(), j.rightOn(), j.how());
                // Suffixes chain (v, v_right, v_right_right): if pruning renamed a kept column, read both sides whole.
                if (!j.outputs().containsAll(pruned.outputs())) {
                    return JoinNode.of(prune(j.left(), null), prune(j.right(), null), j.leftOn(), j.rightOn(), j.how());
                }
                return pruned;
            }
            default -> {
                return plan;
            }
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        if (a == null) return null;
        Set<String> out = new LinkedHashSet<>(a);
        out.addAll(b);
        return out;
    }

    private static Set<String> columnsOf(List<Expr> exprs) {
        Set<String> out = new LinkedHashSet<>();
        for (Expr e : exprs) out.addAll(e.columns());
        return out;
    }

    /** A cheap column to decode when only the number of rows matters: fixed width if there is one. */
    private static String narrowest(List<Field> fields) {
        for (Field f : fields) {
            switch (f.type().kind()) {
                case BOOLEAN, INT8, INT16, INT32, UINT8, UINT16, UINT32, DATE -> { return f.name(); }
                default -> { }
            }
        }
        for (Field f : fields) if (!f.type().isNested() && f.type().kind() != DataType.Kind.STRING) return f.name();
        return fields.get(0).name();
    }
}
