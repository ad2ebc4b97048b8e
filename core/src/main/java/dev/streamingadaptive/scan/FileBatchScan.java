package dev.streamingadaptive.scan;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.memory.AdaptiveChunkStrategy;
import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.reader.internal.ScratchBuffers;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The pass over a dataset of one file in file order: the file's batches as {@link RowGroupBatches}
 * makes them (sized by the budget, waiting for it, columns decoded on the context's pool), each
 * shaped to the dataset's output. What {@code AdaptiveStreamingReader.stream()} does, plus the
 * dataset's partition, file-path and post-filter columns.
 */
final class FileBatchScan implements DatasetScan {
    private final PlannedFile planned;
    private final ScanRequest request;
    private final ScanContext context;
    private final BatchShaper shaper;
    private final Runnable onClose;
    private ParquetFile file;
    private RowGroupBatches batches;
    private ScanPredicate post;
    private UnitResult next;
    private boolean closed;

    FileBatchScan(DatasetPlan plan, PlannedFile planned, ScanRequest request, ScanContext context, Runnable onClose) {
        this.planned = planned;
        this.request = request;
        this.context = context;
        this.shaper = new BatchShaper(plan, request.filePathColumn());
        this.onClose = onClose;
        try {
            file = ParquetFile.open(planned.path());
            DatasetPlan.FileRead read = plan.fileRead(ParquetFile.schemaOf(file.allFields()));
            post = read.post();
            var source = new RowGroupBatches.Source(file, file.project(read.columns()), read.pushed(), planned.firstGroup(),
                    planned.firstGroup() + planned.rowGroupRows().length,
                    request.rowLimit(), request.verifyChecksums(), request.fullPageCounts(), true);
            batches = new RowGroupBatches(source, AdaptiveChunkStrategy.defaults(), context.memory(), false, context, context.counters())
                    .withPagePool(new ScratchBuffers());
        } catch (ParquetFormatException | UncheckedIOException e) {
            unreadable(e);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    @Override
    public boolean hasNext() {
        while (next == null && !closed) {
            try {
                if (!batches.hasNext()) {
                    close();
                    break;
                }
                // The limit is the batches' own (counted after the predicate); the post-filter only narrows.
                DataFrame shaped = shaper.shape(batches.next(), planned, post);
                if (shaped.height() > 0) next = new UnitResult(planned.index(), List.of(shaped));
            } catch (ParquetFormatException | UncheckedIOException e) {
                unreadable(e);
            } catch (RuntimeException | Error e) {
                close();
                throw e;
            }
        }
        return next != null;
    }

    @Override
    public UnitResult next() {
        if (!hasNext()) throw new NoSuchElementException();
        UnitResult r = next;
        next = null;
        return r;
    }

    /** Skips the file when the request allows it (the pass then ends), else fails the pass. */
    private void unreadable(RuntimeException e) {
        close();
        if (!request.skipUnreadable()) throw e;
        context.skip(planned.path(), e.getMessage());
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            if (batches != null) batches.release();
        } finally {
            if (file != null) file.close();
            onClose.run();
        }
    }
}
