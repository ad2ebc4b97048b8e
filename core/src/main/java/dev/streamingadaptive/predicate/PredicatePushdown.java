package dev.streamingadaptive.predicate;

import dev.streamingadaptive.frame.DataFrame;

/**
 * A row filter that readers push down: whole row groups it proves empty are never read, and
 * {@link #apply} keeps the matching rows of each decoded batch.
 */
public interface PredicatePushdown {
    /** True when no row of this row group can match (for example its min/max statistics exclude the value). */
    boolean shouldSkipRowGroup(RowGroupMetadata stats);

    /** The rows of {@code df} that match. */
    DataFrame apply(DataFrame df);
}
