package dev.streamingadaptive.plan;

import dev.streamingadaptive.expr.ColumnRef;
import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.plan.JoinNode.Kind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves a semi or anti join below a group-by whose group keys are its join keys: {@code SEMI(agg(X), B)} becomes
 * {@code agg(SEMI(X, B))}, and the same for ANTI. Exact: a group is kept or dropped as a whole by its key, so the rows
 * of the groups a join keeps are exactly the rows of {@code X} whose key it keeps (null keys: SEMI drops them and ANTI
 * keeps them, row or group alike). The group-by then only aggregates the groups that survive: TPC-H Q21 grouped all
 * 15M orders of its lineitem (SF 10) twice to keep the few whose supplier is Saudi; with the build side reduced
 * ({@link JoinBuildSide}) it now groups only those orders' lines. Through filters, projections (the keys renamed or
 * not) and added columns that keep the keys, on the way to the group-by; where no group-by is reached the join stays.
 */
final class SemiJoinPushdown implements OptimizerRule {

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return apply(plan, sharedGroupBys(plan));
    }

    /**
     * The group-bys {@code plan} uses in two places, which a semi or anti join must not go below: the executor computes
     * such a group-by once, and filtering one use would compute it twice. A subtree repeated whole counts its group-bys
     * once: both copies are rewritten alike (a reduced build side repeats its left, which holds TPC-H Q21's first
     * group-by when its second is reduced). Empty without a semi, anti or left join (the plan is not hashed then: an
     * in-memory frame hashes by value).
     */
    static Set<AggregateNode> sharedGroupBys(LogicalPlan plan) {
        if (!hasReducibleJoin(plan)) return Set.of();
        Map<AggregateNode, Integer> uses = new HashMap<>();
        countGroupBys(plan, new HashSet<>(), uses);
        uses.values().removeIf(n -> n < 2);
        return uses.keySet();
    }

    private static void countGroupBys(LogicalPlan plan, Set<LogicalPlan> seen, Map<AggregateNode, Integer> uses) {
        if (plan instanceof AggregateNode a) uses.merge(a, 1, Integer::sum);
        if (!seen.add(plan)) return; // a repeated subtree: what is inside it counted once
        for (LogicalPlan child : plan.inputs()) countGroupBys(child, seen, uses);
    }

    /** Whether a join of {@code plan} could be reduced below a group-by: a semi, anti or left join (JoinBuildSide). */
    private static boolean hasReducibleJoin(LogicalPlan plan) {
        if (plan instanceof JoinNode j && (j.how() == Kind.SEMI || j.how() == Kind.ANTI || j.how() == Kind.LEFT)) return true;
        for (LogicalPlan child : plan.inputs()) if (hasReducibleJoin(child)) return true;
        return false;
    }

    private LogicalPlan apply(LogicalPlan plan, Set<AggregateNode> shared) {
        LogicalPlan p = OptimizerRule.mapInputs(plan, in -> apply(in, shared));
        if (!(p instanceof JoinNode j) || !(j.how() == Kind.SEMI || j.how() == Kind.ANTI)) return p;
        LogicalPlan moved = below(j.left(), j.leftOn(), j, shared);
        return moved == null ? p : moved;
    }

    /**
     * The input of the group-by that a semi or anti join on {@code keys} of {@code plan} would go below (see
     * {@link #apply}), or null when the keys reach none or only one of the {@code shared} group-bys.
     */
    static LogicalPlan groupedInput(LogicalPlan plan, List<String> keys, Set<AggregateNode> shared) {
        return below(plan, keys, null, shared);
    }

    /**
     * {@code plan} (the join's left, or a part of it) with the join applied under its group-by on the keys that are
     * {@code keys} there, or null when no such group-by is reached. With {@code j} null, only that group-by's input.
     */
    private static LogicalPlan below(LogicalPlan plan, List<String> keys, JoinNode j, Set<AggregateNode> shared) {
        return switch (plan) {
            case FilterNode f -> rebuilt(f, below(f.input(), keys, j, shared), j);
            case SelectNode s -> {
                List<String> inner = passedOn(s.exprs(), keys);
                yield inner == null ? null : rebuilt(s, below(s.input(), inner, j, shared), j);
            }
            case WithColumnsNode w -> {
                List<String> inner = keysBelow(w.exprs(), keys);
                yield inner == null ? null : rebuilt(w, below(w.input(), inner, j, shared), j);
            }
            case AggregateNode a when !shared.contains(a) -> {
                List<String> inner = passedOn(a.keys(), keys);
                if (inner == null || j == null) yield inner == null ? null : a.input();
                yield a.withInputs(List.of(JoinNode.of(a.input(), j.right(), inner, j.rightOn(), j.how())));
            }
            default -> null;
        };
    }

    /** {@code plan} over {@code input} (null when input is), or input itself when only finding ({@code j} null). */
    private static LogicalPlan rebuilt(LogicalPlan plan, LogicalPlan input, JoinNode j) {
        return input == null || j == null ? input : plan.withInputs(List.of(input));
    }

    /** The input columns that output {@code columns} of {@code exprs} pass on unchanged, or null when one is computed. */
    private static List<String> passedOn(List<Expr> exprs, List<String> columns) {
        return passedOn(exprs, columns, false);
    }

    /**
     * The input columns that are {@code columns} below added columns {@code exprs}: a column not added is itself, an
     * added copy of a column (SQL's join keys, {@code __rk0 = o_orderkey}) is that column; null when one is computed.
     */
    private static List<String> keysBelow(List<Expr> exprs, List<String> columns) {
        return passedOn(exprs, columns, true);
    }

    /** As {@link #passedOn(List, List)}; a column no expression outputs is itself when {@code othersKept}, else null. */
    private static List<String> passedOn(List<Expr> exprs, List<String> columns, boolean othersKept) {
        List<String> out = new ArrayList<>(columns.size());
        for (String column : columns) {
            String from = othersKept ? column : null;
            for (Expr e : exprs) {
                if (e.outputName().equals(column)) {
                    from = ColumnRef.passedOn(e);
                    break;
                }
            }
            if (from == null) return null;
            out.add(from);
        }
        return out;
    }
}
