package dev.streamingadaptive.exec;

import dev.streamingadaptive.exec.eval.CompiledExpression;
import dev.streamingadaptive.exec.eval.ExpressionCompiler;
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
    private final Schema schema;
    private final ExecutionStatistics statistics;
    private final ScanRows rows;
    private boolean closed;

    /** {@code ordered}: batches in file order; else as row groups finish decoding (all in parallel). */
    ScanStream(ScanNode scan, ExecutionConfig config, ExecutionStatistics statistics, boolean ordered) {
        this.scan = scan;
        this.statistics = statistics;
        this.schema = scan.schema();
        ParallelStreamReader r = ((dev.streamingadaptive.plan.ParquetSource) scan.source()).open().withThreads(config.threads()).withMemoryManager(config.memory());
        if (config.liveStatistics() != null) r.withStatistics(config.liveStatistics());
        try {
            List<String> read = scan.columnsToRead();
            r.withColumns(read.toArray(String[]::new));
            ScanFilter filter = scan.predicate() == null ? null : ScanFilter.split(scan.predicate(), scan.source().schema());
            dev.streamingadaptive.predicate.RowPredicate pushed = filter == null ? null : filter.pruning();
            if (scan.keyFilter() != null) pushed = pushed == null ? scan.keyFilter() : pushed.and(scan.keyFilter());
            if (pushed != null) r.withPredicate(pushed);
            // Without a residual filter the reader's own limit applies (it decodes only the rows
            // needed); with one, rows are counted here after that filter.
            if (scan.limit() >= 0 && (filter == null || filter.residual() == null)) r.withRowLimit(scan.limit());
            Schema readSchema = r.schema();
            CompiledExpression rest = filter == null || filter.residual() == null ? null : ExpressionCompiler.compile(filter.residual(), readSchema);
            String[] keep = read.size() == schema.size() ? null : schema.names().toArray(String[]::new);
            this.rows = new ScanRows(rest, keep, scan.limit(), null);
            this.reader = r;
            this.batches = rows.exhausted() ? Stream.empty() : ordered || scan.limit() >= 0 ? r.stream() : r.streamUnordered();
            this.it = batches.iterator();
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    @Override public Schema schema() { return schema; }

    /** Row-wise steps the caller must apply to every batch (the residual filter and projection when there is no limit). */
    List<BatchStep> deferredSteps() { return rows.deferredSteps(); }

    @Override
    public DataFrame next() {
        while (!closed && !rows.exhausted() && it.hasNext()) {
            DataFrame df = rows.admit(it.next());
            if (df == null) continue;
            if (rows.exhausted()) close(); // the limit is reached: stop decoding what nobody will read
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
