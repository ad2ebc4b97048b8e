package dev.streamingadaptive.exec;

import dev.streamingadaptive.exec.eval.CompiledExpression;
import dev.streamingadaptive.exec.eval.Filter;
import dev.streamingadaptive.frame.DataFrame;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * What a scan does to its batches after reading them: the filter the reader could not apply and
 * the projection dropping filter-only columns. Without a row limit these are steps for the
 * pipeline's workers (run in parallel, off the source's lock); with one they run here, before
 * the rows are counted against it, and the last batch is cut at the limit.
 */
final class ScanRows {
    private final CompiledExpression filter;
    private final String[] projection;
    private final List<BatchStep> deferred;
    private final boolean filterDeferred;
    private long remaining;
    /** Told the rows each batch keeps, wherever its filter runs (here or on a worker); may be null. */
    private final LongConsumer passed;

    /**
     * @param filter     null for none
     * @param projection null to keep every column
     * @param limit      -1 for none
     * @param passed     told how many rows of each batch are handed on (for "rows matched"), or null
     */
    ScanRows(CompiledExpression filter, String[] projection, long limit, LongConsumer passed) {
        this.passed = passed;
        if (limit < 0) {
            List<BatchStep> steps = new ArrayList<>();
            if (filter != null) {
                steps.add(batch -> {
                    DataFrame out = Filter.apply(batch, filter);
                    if (passed != null) passed.accept(out.height());
                    return out;
                });
            }
            if (projection != null) steps.add(batch -> batch.select(projection));
            this.deferred = List.copyOf(steps);
            this.filterDeferred = filter != null;
            this.filter = null;
            this.projection = null;
            this.remaining = Long.MAX_VALUE;
        } else {
            this.deferred = List.of();
            this.filterDeferred = false;
            this.filter = filter;
            this.projection = projection;
            this.remaining = limit;
        }
    }

    /** Row-wise steps the caller must apply to every batch (the filter and projection when there is no limit). */
    List<BatchStep> deferredSteps() { return deferred; }

    /** Whether the limit has been reached. */
    boolean exhausted() { return remaining == 0; }

    /** The batch to hand on (filtered, projected, cut at the limit), or null when none of its rows are. */
    DataFrame admit(DataFrame df) {
        if (filter != null) df = Filter.apply(df, filter);
        if (projection != null) df = df.select(projection);
        if (df.height() == 0) return null;
        if (df.height() >= remaining) {
            df = df.head((int) remaining);
            remaining = 0;
        } else if (remaining != Long.MAX_VALUE) {
            remaining -= df.height();
        }
        if (passed != null && !filterDeferred) passed.accept(df.height());
        return df;
    }
}
