package dev.streamingadaptive.scan;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.scan.ScanCounters.Counter;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * The eager path of a dataset scan without predicate or limit: every row is kept, so each file is
 * decoded whole straight into whole-file arrays ({@link ParquetFile#readAll}; no per-row-group
 * copies to join). With many files, files are decoded side by side, one thread each; with few,
 * one after the other, each on all threads (its row group × column tasks share a work-stealing pool).
 */
public final class WholeFileCollector {
    private WholeFileCollector() {}

    /** One shaped frame per planned file, in file order (unreadable files left out when the request skips them). */
    public static List<DataFrame> collect(DatasetPlan plan, ScanRequest request, ScanContext context) {
        List<PlannedFile> todo = plan.files();
        int threads = context.threads();
        BatchShaper shaper = new BatchShaper(plan, request.filePathColumn());
        boolean filesInParallel = threads > 1 && todo.size() >= 2 * threads;
        ForkJoinPool pool = DecodingThreads.start(threads, "streaming-adaptive-scan-file-");
        try {
            List<DataFrame> out = new ArrayList<>();
            if (!filesInParallel) {
                ForkJoinPool columns = threads > 1 ? pool : null;
                for (PlannedFile f : todo) {
                    DataFrame df = decodeWhole(plan, f, request, context, shaper, columns);
                    if (df != null) out.add(df);
                }
                return out;
            }
            List<Future<DataFrame>> futures = new ArrayList<>();
            for (PlannedFile f : todo) futures.add(pool.submit(() -> decodeWhole(plan, f, request, context, shaper, null)));
            for (var f : futures) {
                DataFrame df = DecodingThreads.join(f);
                if (df != null) out.add(df);
            }
            return out;
        } finally {
            DecodingThreads.stop(pool);   // no decoding thread outlives the call
        }
    }

    /** One file decoded whole and shaped, or null when it is unreadable and such files are skipped. */
    private static DataFrame decodeWhole(DatasetPlan plan, PlannedFile f, ScanRequest request, ScanContext context, BatchShaper shaper,
                                         ForkJoinPool columns) {
        try (ParquetFile r = ParquetFile.open(f.path())) {
            List<String> need = new ArrayList<>();
            for (Field o : plan.outputSchema().fields()) if (f.schema().indexOf(o.name()) >= 0) need.add(o.name());
            DataFrame df;
            long bytes = 0;
            if (need.isEmpty()) {
                df = Frames.rowsOnly(r.totalRows());
            } else {
                var fields = r.project(need);
                MemoryFit.require(r.fileBytes(fields), context.memory(), "readAll() of " + r.fileName(),
                        "read it in batches with AdaptiveStreamingReader.stream()");
                df = r.readAll(fields, request.verifyChecksums(), columns);
                for (int g = 0; g < r.numRowGroups(); g++) bytes += r.rowGroupCompressedBytes(g, fields);
            }
            ScanCounters counters = context.counters();
            counters.add(Counter.BYTES_READ, bytes);
            counters.add(Counter.ROW_GROUPS_TOTAL, r.numRowGroups());
            counters.add(Counter.ROW_GROUPS_READ, r.numRowGroups());
            counters.add(Counter.ROWS_DECODED, df.height());
            counters.add(Counter.ROWS_MATCHED, df.height());
            return shaper.shape(df, f, null);
        } catch (ParquetFormatException | UncheckedIOException e) {
            if (!request.skipUnreadable()) throw e;
            context.skip(f.path(), e.getMessage());
            return null;
        }
    }
}
