package dev.streamingadaptive.scan;

import dev.streamingadaptive.frame.DataFrame;

import java.util.Iterator;
import java.util.List;

/**
 * One pass of a {@link ScanRequest} over its {@link DatasetPlan}: the shaped batches, grouped by the
 * file they come from. {@link #start} holds the one scheduling policy: a dataset of one file read
 * in file order streams its batches on the consumer's thread (columns decoded side by side, every
 * batch waiting for the shared budget: bounded memory whatever the row group size); otherwise the
 * row groups of all files are units on a work-stealing pool ({@link RowGroupScheduler}).
 */
public interface DatasetScan extends Iterator<DatasetScan.UnitResult>, AutoCloseable {
    /** Frames of one file (file: its index among the request's files). */
    record UnitResult(int file, List<DataFrame> frames) {}

    /**
     * @param maxFiles files mapped at once by a multi-file pass (at least 1)
     * @param onClose  run once when the pass ends or is closed
     */
    static DatasetScan start(DatasetPlan plan, ScanRequest request, ScanContext context, int maxFiles, Runnable onClose) {
        if (plan.files().size() == 1 && request.order() == ScanRequest.Order.FILE_ORDER) {
            return new FileBatchScan(plan, plan.files().get(0), request, context, onClose);
        }
        return new RowGroupScheduler(plan, request, context, maxFiles, onClose);
    }

    /** Stops the pass: running work finishes, every reservation is released and every file unmapped. */
    @Override
    void close();
}
