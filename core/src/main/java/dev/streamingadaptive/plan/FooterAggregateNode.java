package dev.streamingadaptive.plan;

import dev.streamingadaptive.frame.Schema;

import java.util.List;

/**
 * Aggregates of a whole unfiltered dataset answered from its footers: {@code len()} from the row
 * counts, {@code min}/{@code max} of a column from exact statistics. Its input is the aggregate as
 * written, which the executor runs instead when some row group's statistics cannot answer
 * (missing, truncated, floating point).
 */
public record FooterAggregateNode(ParquetSource source, AggregateNode fallback) implements LogicalPlan {
    @Override public Schema schema() { return fallback.schema(); }
    @Override public List<LogicalPlan> inputs() { return List.of(fallback); }
    @Override public LogicalPlan withInputs(List<LogicalPlan> inputs) {
        return new FooterAggregateNode(source, (AggregateNode) inputs.get(0));
    }
    @Override public String describe() {
        return "AGGREGATE FROM FOOTERS: " + Projections.list(fallback.aggs()) + " (else:)";
    }
}
