package dev.streamingadaptive.plan;

import dev.streamingadaptive.expr.Aggregation;

/**
 * Answers {@code len()} over a whole unfiltered dataset from the footers' row counts, so counting
 * rows decodes nothing.
 */
final class AggregatePushdown implements OptimizerRule {

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        plan = OptimizerRule.mapInputs(plan, this::apply);
        if (plan instanceof AggregateNode a && a.keys().isEmpty() && a.aggs().size() == 1
                && AggregateNode.aggregateOf(a.aggs().get(0)).function() == Aggregation.LEN
                && a.input() instanceof ScanNode s && s.predicate() == null && s.limit() < 0) {
            return new FooterCountNode(s.source(), a.schema().fields().get(0).name());
        }
        return plan;
    }
}
