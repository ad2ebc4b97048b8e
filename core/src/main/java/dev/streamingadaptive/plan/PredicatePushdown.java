package dev.streamingadaptive.plan;

import dev.streamingadaptive.expr.ColumnRef;
import dev.streamingadaptive.expr.Expr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves filters as close to the scans as the plan allows and into them: through sorts, through
 * projections that pass the filtered columns on unchanged (renames followed), below group-bys
 * when they test only group keys, into every input of a concat; what reaches a scan becomes its
 * predicate (see {@link ScanFilter}).
 */
final class PredicatePushdown implements OptimizerRule {

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        if (plan instanceof FilterNode f) return push(apply(f.input()), f.predicate());
        return OptimizerRule.mapInputs(plan, this::apply);
    }

    /** {@code node} filtered by {@code predicate}, the filter as deep as it can go. */
    private LogicalPlan push(LogicalPlan node, Expr predicate) {
        switch (node) {
            case ScanNode s when s.limit() < 0 -> {
                return s.withPredicate(s.predicate() == null ? predicate : s.predicate().and(predicate));
            }
            case FilterNode g -> {
                return push(g.input(), g.predicate().and(predicate));
            }
            case SortNode s when s.limit() < 0 -> {
                // Filtering commutes with a full sort, not with a top-k (the filter would pick other rows).
                return new SortNode(push(s.input(), predicate), s.keys());
            }
            case UnionNode u -> {
                List<LogicalPlan> in = new ArrayList<>();
                for (LogicalPlan p : u.inputs()) in.add(push(p, predicate));
                return new UnionNode(in);
            }
            case SelectNode s -> {
                return throughProjection(node, s.input(), s.exprs(), predicate);
            }
            case WithColumnsNode w -> {
                return throughProjection(node, w.input(), w.exprs(), predicate);
            }
            case AggregateNode a -> {
                Map<String, String> keys = new HashMap<>();
                for (Expr k : a.keys()) if (k instanceof ColumnRef c) keys.put(c.name(), c.name());
                return split(node, a.input(), keys, predicate, below -> a.withInputs(List.of(below)));
            }
            case JoinNode j -> {
                return throughJoin(j, predicate);
            }
            default -> {
                return new FilterNode(node, predicate);
            }
        }
    }

    /**
     * Through a join: conjuncts over left columns only go below the left side of INNER, LEFT, SEMI
     * and ANTI joins (they decide about left rows alone, and a LEFT join's unmatched rows keep
     * their left values); conjuncts over right columns only below the right side of INNER and RIGHT
     * joins. A conjunct over the left keys of an INNER or SEMI join also goes below the right side,
     * on the right keys (a right row with other key values cannot match a row that passes), where
     * each key pair has one type. Everything else stays above.
     */
    private LogicalPlan throughJoin(JoinNode j, Expr predicate) {
        JoinNode.Kind how = j.how();
        boolean leftOk = how == JoinNode.Kind.INNER || how == JoinNode.Kind.LEFT || how == JoinNode.Kind.SEMI
                || how == JoinNode.Kind.ANTI || how == JoinNode.Kind.CROSS;
        boolean rightOk = how == JoinNode.Kind.INNER || how == JoinNode.Kind.RIGHT || how == JoinNode.Kind.CROSS;
        Map<String, String> keyToRight = keyTransfer(j);
        Map<String, String> left = new HashMap<>(), right = new HashMap<>();
        for (JoinNode.Output o : j.outputs()) (o.fromLeft() ? left : right).put(o.name(), o.input());
        Expr l = null, r = null, above = null;
        for (Expr c : ScanFilter.conjuncts(predicate)) {
            if (leftOk && left.keySet().containsAll(c.columns())) {
                Expr e = rename(c, left);
                l = l == null ? e : l.and(e);
                if (!c.columns().isEmpty() && keyToRight.keySet().containsAll(c.columns())) {
                    Expr onRight = rename(c, keyToRight);
                    r = r == null ? onRight : r.and(onRight);
                }
            } else if (rightOk && right.keySet().containsAll(c.columns())) {
                Expr e = rename(c, right);
                r = r == null ? e : r.and(e);
            } else {
                above = above == null ? c : above.and(c);
            }
        }
        LogicalPlan out = j;
        if (l != null || r != null) {
            out = JoinNode.of(l == null ? j.left() : push(j.left(), l), r == null ? j.right() : push(j.right(), r),
                    j.leftOn(), j.rightOn(), how);
        }
        return above == null ? out : new FilterNode(out, above);
    }

    /** INNER and SEMI joins: output names of left keys to their right keys, for key pairs of one type. */
    private static Map<String, String> keyTransfer(JoinNode j) {
        Map<String, String> out = new HashMap<>();
        if (j.how() != JoinNode.Kind.INNER && j.how() != JoinNode.Kind.SEMI) return out;
        for (JoinNode.Output o : j.outputs()) {
            int k = o.fromLeft() ? j.leftOn().indexOf(o.input()) : -1;
            if (k < 0) continue;
            String rightKey = j.rightOn().get(k);
            if (j.left().schema().field(o.input()).type().equals(j.right().schema().field(rightKey).type())) out.put(o.name(), rightKey);
        }
        return out;
    }

    /** Through a select or withColumns: conjuncts over passed-on columns go below, renamed to the input's names. */
    private LogicalPlan throughProjection(LogicalPlan node, LogicalPlan input, List<Expr> exprs, Expr predicate) {
        Map<String, String> passed = new HashMap<>();
        if (node instanceof WithColumnsNode) {
            for (String n : input.schema().names()) passed.put(n, n);
        }
        for (Expr e : exprs) {
            String out = e.outputName(), from = ColumnRef.passedOn(e);
            if (from != null) passed.put(out, from);
            else passed.remove(out); // computed here: the filter must stay above
        }
        return split(node, input, passed, predicate, below -> node.withInputs(List.of(below)));
    }

    /**
     * Pushes the conjuncts of {@code predicate} that read only {@code passed} columns (output name
     * to input name) below {@code node}, keeping the others above it.
     */
    private LogicalPlan split(LogicalPlan node, LogicalPlan input, Map<String, String> passed, Expr predicate,
                              java.util.function.Function<LogicalPlan, LogicalPlan> rebuild) {
        Expr below = null, above = null;
        for (Expr c : ScanFilter.conjuncts(predicate)) {
            if (passed.keySet().containsAll(c.columns())) {
                Expr renamed = rename(c, passed);
                below = below == null ? renamed : below.and(renamed);
            } else {
                above = above == null ? c : above.and(c);
            }
        }
        LogicalPlan out = below == null ? node : rebuild.apply(push(input, below));
        return above == null ? out : new FilterNode(out, above);
    }

    private static Expr rename(Expr e, Map<String, String> names) {
        if (e instanceof ColumnRef c) {
            String to = names.get(c.name());
            return to.equals(c.name()) ? c : new ColumnRef(to);
        }
        return e.mapChildren(child -> rename(child, names));
    }
}
