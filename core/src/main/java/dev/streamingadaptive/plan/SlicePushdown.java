package dev.streamingadaptive.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Pushes row limits toward the scans: through row-wise projections, into each input of a concat,
 * into a scan as a limit on the rows it produces, so {@code head(10)} decodes one row group, and into
 * a sort, which then keeps only the top rows.
 */
final class SlicePushdown implements OptimizerRule {

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        plan = OptimizerRule.mapInputs(plan, this::apply);
        if (!(plan instanceof SliceNode s)) return plan;
        long end = s.offset() + s.length() < 0 ? Long.MAX_VALUE : s.offset() + s.length();
        return switch (s.input()) {
            case SliceNode inner -> {
                long offset = inner.offset() + s.offset();
                long length = Math.max(0, Math.min(s.length(), inner.length() - s.offset()));
                yield apply(new SliceNode(inner.input(), offset, length));
            }
            case SelectNode sel -> sel.withInputs(List.of(apply(new SliceNode(sel.input(), s.offset(), s.length()))));
            case WithColumnsNode w -> w.withInputs(List.of(apply(new SliceNode(w.input(), s.offset(), s.length()))));
            case ScanNode scan when scan.limit() < 0 || scan.limit() > end -> {
                ScanNode limited = scan.withLimit(end);
                yield s.offset() == 0 ? limited : new SliceNode(limited, s.offset(), s.length());
            }
            case ScanNode scan when s.offset() == 0 -> scan;
            // Only the first offset + length sorted rows are needed: a top-k instead of a full sort.
            case SortNode sort when end != Long.MAX_VALUE && (sort.limit() < 0 || sort.limit() > end) ->
                    new SliceNode(sort.withLimit(end), s.offset(), s.length());
            case UnionNode u -> {
                List<LogicalPlan> in = new ArrayList<>();
                for (LogicalPlan p : u.inputs()) in.add(apply(new SliceNode(p, 0, end)));
                yield new SliceNode(new UnionNode(in), s.offset(), s.length());
            }
            default -> s;
        };
    }
}
