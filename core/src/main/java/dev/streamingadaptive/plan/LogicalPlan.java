package dev.streamingadaptive.plan;

import dev.streamingadaptive.frame.Schema;

import java.util.List;

/**
 * A node of the logical plan a {@code LazyFrame} builds: what to compute, not how. Nodes are
 * immutable and typed: {@link #schema()} is known when the node is made, so a wrong column fails
 * when the query is written, not when it runs. The optimizer rewrites trees of them; the
 * executor lowers the result to streaming operators.
 */
public sealed interface LogicalPlan
        permits ScanNode, FrameNode, FilterNode, SelectNode, WithColumnsNode, AggregateNode, SortNode, SliceNode,
                DistinctNode, UnionNode, FooterAggregateNode, JoinNode {

    /** The columns this node produces. */
    Schema schema();

    /** The nodes this one reads, in order. */
    List<LogicalPlan> inputs();

    /** This node over other inputs (same count). */
    LogicalPlan withInputs(List<LogicalPlan> inputs);

    /** One line for {@code explain()}: the operator and its arguments. */
    String describe();
}
