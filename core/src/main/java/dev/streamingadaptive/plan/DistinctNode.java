package dev.streamingadaptive.plan;

import dev.streamingadaptive.frame.Schema;

import java.util.List;

/**
 * The distinct rows of {@code input} (nulls equal to each other, as SQL's DISTINCT); with a
 * {@code subset}, one row per distinct combination of those columns (the first one seen).
 */
public record DistinctNode(LogicalPlan input, List<String> subset) implements LogicalPlan {
    public DistinctNode {
        subset = List.copyOf(subset);
        for (String c : subset) input.schema().field(c);
    }

    @Override public Schema schema() { return input.schema(); }
    @Override public List<LogicalPlan> inputs() { return List.of(input); }
    @Override public LogicalPlan withInputs(List<LogicalPlan> inputs) { return new DistinctNode(inputs.get(0), subset); }
    @Override public String describe() { return "DISTINCT" + (subset.isEmpty() ? "" : " ON " + Projections.list(subset)); }
}
