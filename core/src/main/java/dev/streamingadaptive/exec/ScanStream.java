package dev.streamingadaptive.exec;

import dev.streamingadaptive.exec.eval.CompiledExpression;
import dev.streamingadaptive.exec.eval.ExpressionCompiler;
import dev.streamingadaptive.exec.eval.Filter;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.plan.ScanFilter;
import dev.streamingadaptive.plan.ScanNode;
import dev.streamingadaptive.reader.ParallelStreamReader;

import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The scan operator: the dataset reader with the projection and the pruning part of the filter
 * pushed into it, the residual filter applied to each decoded batch, the filter-only columns
 * dropped, and the row limit enforced by stopping the reader.
 */
final class ScanStream implements BatchStream {
    private final ScanNode scan;
    private final ParallelStreamReader reader;
    private final Stream<DataFrame> batches;
    private final Iterator<DataFrame> it;
    private final CompiledExpression residual;
    private final String[] projection;
    private final Schema schema;
    private final ExecutionStatistics statistics;
    private final List<BatchStep> deferred;
    private long remaining;
    private boolean closed;

    /** {@code ordered}: batches in file order; else as row groups finish decoding (all in parallel). */
    ScanStream(ScanNode scan, ExecutionConfig config, ExecutionStatistics statistics, boolean ordered) {
        this.scan = scan;
        this.statistics = statistics;
        this.schema = scan.schema();
        this.remaining = scan.limit() < 0 ? Long.MAX_VALUE : scan.limit();
        ParallelStreamReader r = ((dev.streamingadaptive.plan.ParquetSource) scan.source()).open().withThreads(config.threads()).withMemoryManager(config.memory());
        if (config.liveStatistics() != null) r.withStatistics(config.liveStatistics());
        try {
            List<String> read = scan.columnsToRead();
            r.withColumns(read.toArray(String[]::new));
            ScanFilter filter = scan.predicate() == null ? null : ScanFilter.split(scan.predicate(), scan.source().schema());
            if (filter != null && filter.pruning() != null) r.withPredicate(filter.pruning());
            // Without a residual filter the reader's own limit applies (it decodes only the rows
            // needed); with one, rows are counted here after that filter.
            if (scan.limit() >= 0 && (filter == null || filter.residual() == null)) r.withRowLimit(scan.limit());
            Schema readSchema = r.schema();
            CompiledExpression rest = filter == null || filter.residual() == null ? null : ExpressionCompiler.compile(filter.residual(), readSchema);
            String[] keep = read.size() == schema.size() ? null : schema.names().toArray(String[]::new);
            if (scan.limit() < 0) {
                // No limit to count against: the residual filter and the projection run on the
                // pipeline's workers instead of under the source's lock.
                List<BatchStep> steps = new java.util.ArrayList<>();
                if (rest != null) steps.add(batch -> Filter.apply(batch, rest));
                if (keep != null) steps.add(batch -> batch.select(keep));
                this.deferred = List.copyOf(steps);
                this.residual = null;
                this.projection = null;
            } else {
                this.deferred = List.of();
                this.residual = rest;
                this.projection = keep;
            }
            this.reader = r;
            this.batches = remaining == 0 ? Stream.empty() : ordered || scan.limit() >= 0 ? r.stream() : r.streamUnordered();
            this.it = batches.iterator();
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    @Override public Schema schema() { return schema; }

    /** Row-wise steps the caller must apply to every batch (the residual filter and projection when there is no limit). */
    List<BatchStep> deferredSteps() { return deferred; }

    @Override
    public DataFrame next() {
        while (!closed && remaining > 0 && it.hasNext()) {
            DataFrame df = it.next();
            if (residual != null) df = Filter.apply(df, residual);
            if (projection != null) df = df.select(projection);
            if (df.height() == 0) continue;
            if (df.height() >= remaining) {
                df = df.head((int) remaining);
                remaining = 0;
                close(); // the limit is reached: stop decoding what nobody will read
            } else {
                remaining -= df.height();
            }
            return df;
        }
        close();
        return null;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            batches.close();
        } finally {
            statistics.addScan(scan.source().toString(), reader.scanStatistics(), reader.filesToRead().size(), reader.files().size());
            reader.close();
        }
    }
}
