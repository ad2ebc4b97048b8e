package dev.streamingadaptive.plan;

import dev.streamingadaptive.expr.AggregateExpr;
import dev.streamingadaptive.expr.ColumnRef;
import dev.streamingadaptive.expr.Expr;

/**
 * Answers aggregates of a whole unfiltered dataset from its footers, so that they decode nothing:
 * {@code len()} from the row counts, {@code min}/{@code max} of a column from its statistics (when
 * every aggregate of the node is one of these).
 */
final class AggregatePushdown implements OptimizerRule {

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        plan = OptimizerRule.mapInputs(plan, this::apply);
        if (plan instanceof AggregateNode a && a.keys().isEmpty() && !a.aggs().isEmpty()
                && a.input() instanceof ScanNode s && s.source() instanceof ParquetSource source && s.predicate() == null && s.limit() < 0
                && a.aggs().stream().allMatch(AggregatePushdown::fromFooters)) {
            return new FooterAggregateNode(source, a);
        }
        return plan;
    }

    private static boolean fromFooters(Expr e) {
        AggregateExpr agg = AggregateNode.aggregateOf(e);
        return switch (agg.function()) {
            case LEN -> true;
            case MIN, MAX -> agg.input() instanceof ColumnRef;
            default -> false;
        };
    }
}
