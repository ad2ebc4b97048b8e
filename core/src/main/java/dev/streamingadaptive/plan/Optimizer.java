package dev.streamingadaptive.plan;

import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.expr.Literal;

import java.util.List;
import java.util.function.Function;

/**
 * Rewrites a logical plan into a cheaper one with the same result, rule by rule: expressions
 * simplified, filters pushed into the scans, inner joins ordered by estimated sizes, joins built from their smaller input, distinct rows of one side of a
 * join taken from a semi join, semi and anti joins below the
 * group-bys they filter, footer-answerable counts, only the columns used read,
 * row limits pushed into the scans.
 */
public final class Optimizer {
    private final List<OptimizerRule> rules;

    /** {@code fold} evaluates an expression without columns to a literal (or throws when it cannot). */
    public Optimizer(Function<Expr, Literal> fold) {
        this.rules = List.of(new SimplifyExpressions(fold), new PredicatePushdown(), new JoinOrder(), new JoinBuildSide(), new DistinctJoinAsSemiJoin(),
                new SemiJoinPushdown(),
                new AggregatePushdown(),
                new ProjectionPushdown(), new SlicePushdown());
    }

    /** The optimized plan. */
    public LogicalPlan optimize(LogicalPlan plan) {
        for (OptimizerRule r : rules) plan = r.apply(plan);
        return plan;
    }

    /** The plan as an indented tree, the root first (what {@code explain()} prints). */
    public static String explain(LogicalPlan plan) {
        StringBuilder sb = new StringBuilder();
        append(plan, 0, sb);
        return sb.toString();
    }

    private static void append(LogicalPlan plan, int depth, StringBuilder sb) {
        String pad = "  ".repeat(depth);
        for (String line : plan.describe().split("\n")) sb.append(pad).append(line).append('\n');
        for (LogicalPlan in : plan.inputs()) append(in, depth + 1, sb);
    }
}
