package dev.streamingadaptive.plan;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Schema;

import java.util.List;

/** An in-memory frame as a source ({@code df.lazy()}). */
public record FrameNode(DataFrame frame) implements LogicalPlan {
    @Override public Schema schema() { return frame.schema(); }
    @Override public List<LogicalPlan> inputs() { return List.of(); }
    @Override public LogicalPlan withInputs(List<LogicalPlan> inputs) { return this; }
    @Override public String describe() { return "FRAME " + frame.height() + " rows x " + frame.width() + " columns"; }
}
