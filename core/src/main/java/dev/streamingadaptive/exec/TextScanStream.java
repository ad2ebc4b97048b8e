package dev.streamingadaptive.exec;

import dev.streamingadaptive.exec.eval.CompiledExpression;
import dev.streamingadaptive.exec.eval.ExpressionCompiler;
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
    private final ScanRows rows;
    /** Rows matched, added to as batches pass the filter (the statistics keep this object). */
    private final ScanStatistics matched = ScanStatistics.ofText(0, 0, 0);
    private boolean closed;

    TextScanStream(ScanNode scan, ExecutionConfig config, ExecutionStatistics statistics) {
        this.scan = scan;
        this.statistics = statistics;
        this.schema = scan.schema();
        TextSource source = (TextSource) scan.source();
        List<String> read = scan.columnsToRead();
        List<dev.streamingadaptive.frame.Field> readFields = new ArrayList<>();
        for (String c : read) readFields.add(source.schema().field(c));
        Schema readSchema = new Schema(readFields);
        CompiledExpression f = scan.predicate() == null ? null : ExpressionCompiler.compile(scan.predicate(), readSchema);
        String[] keep = read.size() == schema.size() ? null : schema.names().toArray(String[]::new);
        this.rows = new ScanRows(f, keep, scan.limit(), n -> matched.add(ScanStatistics.ofText(0, 0, n)));
        this.reader = source.dataset().scan(read, config.threads(), config.memory(), config.liveStatistics());
    }

    @Override public Schema schema() { return schema; }

    /** Row-wise steps the caller must apply to every batch (the filter and projection when there is no limit). */
    List<BatchStep> deferredSteps() { return rows.deferredSteps(); }

    @Override
    public DataFrame next() {
        while (!closed && !rows.exhausted()) {
            DataFrame df = reader.next();
            if (df == null) break;
            df = rows.admit(df);
            if (df == null) continue;
            if (rows.exhausted()) close();
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
            // The live object: a deferred filter may still be counting rows on a worker.
            matched.add(ScanStatistics.ofText(reader.bytesRead(), reader.rowsRead(), 0));
            statistics.addScan(scan.source().toString(), matched,
                    reader.filesOpened(), scan.source().fileCount());
        }
    }
}
