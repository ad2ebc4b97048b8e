package dev.streamingadaptive.predicate;

import java.util.List;

/**
 * Row-group pruning from split-block bloom filters: an equality or IN predicate whose values are
 * all certainly absent from a column chunk's filter cannot match any row of that row group.
 */
public final class BloomFilterPruning {
    private BloomFilterPruning() {}

    /**
     * True only when the bloom filters prove no row can match: AND needs one side excluded, OR
     * both; other predicates (ranges, NOT, IS NULL) are never pruned this way.
     */
    public static boolean excludes(RowPredicate p, RowGroupMetadata rg) {
        if (rg.file() == null) return false;
        return switch (p) {
            case AndPredicate a -> excludes(a.left(), rg) || excludes(a.right(), rg);
            case OrPredicate o -> excludes(o.left(), rg) && excludes(o.right(), rg);
            case ComparisonPredicate c when c.op() == ComparisonPredicate.Op.EQ ->
                    BloomFilterProbe.excludes(rg, c.column(), List.of(c.value()));
            case ColumnFilterPredicate in -> BloomFilterProbe.excludes(rg, in.column(), in.values());
            default -> false;
        };
    }
}
