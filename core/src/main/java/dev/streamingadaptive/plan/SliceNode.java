package dev.streamingadaptive.plan;

import dev.streamingadaptive.frame.Schema;

import java.util.List;

/** Rows [offset, offset + length) of {@code input} in its order. */
public record SliceNode(LogicalPlan input, long offset, long length) implements LogicalPlan {
    public SliceNode {
        if (offset < 0) throw new IllegalArgumentException("negative slice offset " + offset);
        if (length < 0) throw new IllegalArgumentException("negative slice length " + length);
    }

    @Override public Schema schema() { return input.schema(); }
    @Override public List<LogicalPlan> inputs() { return List.of(input); }
    @Override public LogicalPlan withInputs(List<LogicalPlan> inputs) { return new SliceNode(inputs.get(0), offset, length); }
    @Override public String describe() { return offset == 0 ? "LIMIT " + length : "SLICE offset " + offset + ", length " + length; }
}
