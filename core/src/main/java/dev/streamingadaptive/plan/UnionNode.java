package dev.streamingadaptive.plan;

import dev.streamingadaptive.frame.Schema;

import java.util.List;

/** The rows of every input, one after the other; the inputs must have the same schema. */
public record UnionNode(List<LogicalPlan> inputs) implements LogicalPlan {
    public UnionNode {
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty()) throw new IllegalArgumentException("concat needs at least one frame");
        Schema first = inputs.get(0).schema();
        for (int i = 1; i < inputs.size(); i++) {
            if (!inputs.get(i).schema().equals(first)) {
                throw new IllegalArgumentException("concat of frames with different schemas: " + first + " and " + inputs.get(i).schema());
            }
        }
    }

    @Override public Schema schema() { return inputs.get(0).schema(); }
    @Override public LogicalPlan withInputs(List<LogicalPlan> inputs) { return new UnionNode(inputs); }
    @Override public String describe() { return "CONCAT " + inputs.size() + " inputs"; }
}
