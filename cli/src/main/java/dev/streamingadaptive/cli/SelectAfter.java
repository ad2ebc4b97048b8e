package dev.streamingadaptive.cli;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.predicate.PredicatePushdown;
import dev.streamingadaptive.predicate.RowGroupMetadata;

import java.util.List;

/** Filters with a predicate, then keeps only the columns to show (the filter may need others). */
record SelectAfter(PredicatePushdown predicate, List<String> shown) implements PredicatePushdown {
    @Override
    public boolean shouldSkipRowGroup(RowGroupMetadata stats) {
        return predicate.shouldSkipRowGroup(stats);
    }

    @Override
    public DataFrame apply(DataFrame df) {
        DataFrame kept = predicate.apply(df);
        return kept.width() == shown.size() ? kept : kept.select(shown.toArray(String[]::new));
    }
}
