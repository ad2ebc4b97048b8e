package dev.streamingadaptive.plan;

import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;

import java.util.List;

/** The number of rows of a dataset, answered from its footers: nothing is decoded. */
public record FooterCountNode(ScanSource source, String name) implements LogicalPlan {
    @Override public Schema schema() { return new Schema(List.of(Field.of(name, DataType.INT64))); }
    @Override public List<LogicalPlan> inputs() { return List.of(); }
    @Override public LogicalPlan withInputs(List<LogicalPlan> inputs) { return this; }
    @Override public String describe() { return "COUNT ROWS FROM FOOTERS " + source + " AS " + name; }
}
