package dev.streamingadaptive.scan;

import dev.streamingadaptive.frame.DataFrame;

import java.util.Iterator;
import java.util.List;

/**
 * One pass of a {@link ScanRequest} over its {@link DatasetPlan}: the shaped batches, grouped by the
 * file they come from. {@link #start} holds the one scheduling policy: the row groups of all files
 * are units on a work-stealing pool ({@link RowGroupScheduler}, in file order when asked), except
 * for a dataset of one file read in file order whose row groups could not be decoded in parallel
 * within the memory available (one thread, one row group, or row groups too large), or need not be
 * (a row limit the first row group may satisfy): that one
 * streams its batches on the consumer's thread (columns decoded side by side, every batch waiting
 * for the shared budget: bounded memory whatever the row group size).
 */
public interface DatasetScan extends Iterator<DatasetScan.UnitResult>, AutoCloseable {
    /** Frames of one file (file: its index among the request's files). */
    record UnitResult(int file, List<DataFrame> frames) {}

    /**
     * @param maxFiles files mapped at once by a multi-file pass (at least 1)
     * @param onClose  run once when the pass ends or is closed
     */
    static DatasetScan start(DatasetPlan plan, ScanRequest request, ScanContext context, int maxFiles, Runnable onClose) {
        if (plan.files().size() == 1 && request.order() == ScanRequest.Order.FILE_ORDER
                && (!rowGroupsFitSideBySide(plan.files().get(0), context) || limitWithinOneRowGroup(plan.files().get(0), request))) {
            return new FileBatchScan(plan, plan.files().get(0), request, context, onClose);
        }
        return new RowGroupScheduler(plan, request, context, maxFiles, onClose);
    }

    /** A limit the first row group may satisfy: decoding others side by side would be wasted (head(10)). */
    private static boolean limitWithinOneRowGroup(PlannedFile file, ScanRequest request) {
        long[] groups = file.rowGroupRows();
        return groups.length > 0 && request.rowLimit() <= groups[0];
    }

    /**
     * Whether each of the context's threads can decode a whole row group of {@code file} at once in
     * half the memory available: decoded values twice over (decoded, then filtered) plus their pages,
     * taken as three times the decoded size. A unit holds its whole row group until consumed.
     */
    private static boolean rowGroupsFitSideBySide(PlannedFile file, ScanContext context) {
        int threads = context.threads();
        long[] groups = file.rowGroupRows();
        if (threads < 2 || groups.length < 2) return false;
        long rows = 0;
        long largest = 0;
        for (long g : groups) {
            rows += g;
            largest = Math.max(largest, g);
        }
        if (rows == 0) return false;
        double largestGroupBytes = (double) file.estimatedBytes() * largest / rows;
        return 3 * largestGroupBytes * threads <= context.memory().availableBytes() / 2.0;
    }

    /** Stops the pass: running work finishes, every reservation is released and every file unmapped. */
    @Override
    void close();
}
