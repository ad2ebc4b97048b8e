package dev.streamingadaptive.plan;

import dev.streamingadaptive.expr.Alias;
import dev.streamingadaptive.expr.ColumnRef;
import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.frame.DataType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The distinct rows of an inner join's columns that all come from one side are that side's distinct rows with a
 * match: {@code DISTINCT(SELECT o_orderkey, o_orderpriority FROM lineitem JOIN orders ...)} needs only which orders
 * some line matched, not one joined row per line (TPC-H Q4 as Polars writes it: the join makes 1.4M rows at SF 10
 * where 570K orders can match). The join becomes a RIGHT_SEMI join when the columns come from its right (build) side,
 * a SEMI join when from its left; a left key stands for its right key, and the reverse, where both have one type that
 * is not a float (an equal float key can differ in sign: -0.0 joins 0.0). Distinct rows have no order, so the order
 * the semi join keeps does not matter.
 */
final class DistinctJoinAsSemiJoin implements OptimizerRule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        LogicalPlan p = OptimizerRule.mapInputs(plan, this::apply);
        if (p instanceof DistinctNode d && d.input() instanceof SelectNode s && s.input() instanceof JoinNode j && j.how() == JoinNode.Kind.INNER
                && coversAll(d, s)) {
            LogicalPlan rewritten = semiJoin(s, j, false);
            if (rewritten == null) rewritten = semiJoin(s, j, true);
            if (rewritten != null) return new DistinctNode(rewritten, d.subset());
        }
        return p;
    }

    /** A distinct over a subset keeps the other columns of some row: only a distinct over every column is rewritten. */
    private static boolean coversAll(DistinctNode d, SelectNode s) {
        return d.subset().isEmpty() || new HashSet<>(d.subset()).containsAll(s.schema().names());
    }

    /**
     * {@code s} over the semi join of {@code j} keeping the {@code left} (else right) side, or null when a column of
     * {@code s} is not a plain column of that side (or a key standing for one).
     */
    private static LogicalPlan semiJoin(SelectNode s, JoinNode j, boolean left) {
        List<Expr> exprs = new ArrayList<>(s.exprs().size());
        for (Expr e : s.exprs()) {
            String name = e instanceof Alias a ? a.name() : e instanceof ColumnRef c ? c.name() : null;
            Expr inner = e instanceof Alias a ? a.input() : e;
            if (name == null || !(inner instanceof ColumnRef ref)) return null;
            String source = sideColumn(j, ref.name(), left);
            if (source == null) return null;
            exprs.add(source.equals(name) ? Expr.col(source) : Expr.col(source).alias(name));
        }
        JoinNode semi = JoinNode.of(j.left(), j.right(), j.leftOn(), j.rightOn(), left ? JoinNode.Kind.SEMI : JoinNode.Kind.RIGHT_SEMI);
        return SelectNode.of(semi, exprs);
    }

    /** The column of {@code j}'s left (or right) input that the join's output column {@code output} holds, or null. */
    private static String sideColumn(JoinNode j, String output, boolean left) {
        for (JoinNode.Output o : j.outputs()) {
            if (!o.name().equals(output)) continue;
            if (o.fromLeft() == left) return o.input();
            List<String> from = o.fromLeft() ? j.leftOn() : j.rightOn(), to = o.fromLeft() ? j.rightOn() : j.leftOn();
            int k = from.indexOf(o.input());
            if (k < 0 || !sameExactType(j, k)) return null;
            return to.get(k);
        }
        return null;
    }

    /** Whether key pair {@code k} has one type on both sides, not a float: then both keys hold the same value. */
    private static boolean sameExactType(JoinNode j, int k) {
        DataType lt = j.left().schema().field(j.leftOn().get(k)).type(), rt = j.right().schema().field(j.rightOn().get(k)).type();
        DataType.Kind kind = lt.kind();
        return lt.equals(rt) && kind != DataType.Kind.FLOAT16 && kind != DataType.Kind.FLOAT32 && kind != DataType.Kind.FLOAT64;
    }
}
