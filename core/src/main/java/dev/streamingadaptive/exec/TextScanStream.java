package dev.streamingadaptive.exec;

import dev.streamingadaptive.exec.eval.CompiledExpression;
import dev.streamingadaptive.exec.eval.ExpressionCompiler;
import dev.streamingadaptive.exec.eval.Filter;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.plan.ScanNode;
import dev.streamingadaptive.plan.TextSource;
import dev.streamingadaptive.reader.ScanStatistics;
import dev.streamingadaptive.text.TextScan;

import java.util.ArrayList;
import java.util.List;

/**
 * The scan operator over CSV or JSON-lines files: only the columns read are parsed; the filter
 * (nothing to prune in text) and the projection run on each parsed batch, on the pipeline's
 * workers when there is no limit to count against; a limit stops the reading.
 */
final class TextScanStream implements BatchStream {
    private final ScanNode scan;
    private final TextScan reader;
    private final ExecutionStatistics statistics;
    private final Schema schema;
    private final CompiledExpression filter;
    private final String[] projection;
    private final List<BatchStep> deferred;
    private long remaining;
    private long matched;
    private boolean closed;

    TextScanStream(ScanNode scan, ExecutionConfig config, ExecutionStatistics statistics) {
        this.scan = scan;
        this.statistics = statistics;
        this.schema = scan.schema();
        this.remaining = scan.limit() < 0 ? Long.MAX_VALUE : scan.limit();
        TextSource source = (TextSource) scan.source();
        List<String> read = scan.columnsToRead();
        List<dev.streamingadaptive.frame.Field> readFields = new ArrayList<>();
        for (String c : read) readFields.add(source.schema().field(c));
        Schema readSchema = new Schema(readFields);
        CompiledExpression f = scan.predicate() == null ? null : ExpressionCompiler.compile(scan.predicate(), readSchema);
        String[] keep = read.size() == schema.size() ? null : schema.names().toArray(String[]::new);
        if (scan.limit() < 0) {
            List<BatchStep> steps = new ArrayList<>();
            if (f != null) steps.add(batch -> Filter.apply(batch, f));
            if (keep != null) steps.add(batch -> batch.select(keep));
            this.deferred = List.copyOf(steps);
            this.filter = null;
            this.projection = null;
        } else {
            this.deferred = List.of();
            this.filter = f;
            this.projection = keep;
        }
        this.reader = source.dataset().scan(read, config.threads(), config.memory(), config.liveStatistics());
    }

    @Override public Schema schema() { return schema; }

    /** Row-wise steps the caller must apply to every batch (the filter and projection when there is no limit). */
    List<BatchStep> deferredSteps() { return deferred; }

    @Override
    public DataFrame next() {
        while (!closed && remaining > 0) {
            DataFrame df = reader.next();
            if (df == null) break;
            if (filter != null) df = Filter.apply(df, filter);
            if (projection != null) df = df.select(projection);
            if (df.height() == 0) continue;
            matched += df.height();
            if (df.height() >= remaining) {
                df = df.head((int) remaining);
                remaining = 0;
                close();
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
            reader.close();
        } finally {
            long rows = filter == null && deferred.isEmpty() ? reader.rowsRead() : matched;
            statistics.addScan(scan.source().toString(), ScanStatistics.ofText(reader.bytesRead(), reader.rowsRead(), rows),
                    reader.filesOpened(), scan.source().fileCount());
        }
    }
}
