package dev.streamingadaptive.exec;

import dev.streamingadaptive.exec.eval.ExpressionCompiler;
import dev.streamingadaptive.expr.AggregateExpr;
import dev.streamingadaptive.expr.ColumnRef;
import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.expr.Literal;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.NullColumn;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.plan.AggregateNode;
import dev.streamingadaptive.plan.FooterAggregateNode;
import dev.streamingadaptive.predicate.ColumnBounds;
import dev.streamingadaptive.reader.ParallelStreamReader;
import dev.streamingadaptive.reader.ScanStatistics;
import dev.streamingadaptive.scan.ParquetFile;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link FooterAggregateNode}: {@code len()} from the footers' row counts and {@code min}/
 * {@code max} from every row group's exact statistics ({@link ColumnBounds}); null when some row
 * group cannot answer (the caller then runs the aggregate as written).
 */
final class FooterAggregates {
    private FooterAggregates() {}

    /** The answer, its scan recorded in {@code statistics} as read from the footers alone; null when it cannot answer. */
    static DataFrame answer(FooterAggregateNode node, ExecutionStatistics statistics) {
        AggregateNode a = node.fallback();
        Map<String, ColumnBounds> bounds = new HashMap<>();
        for (Expr e : a.aggs()) {
            AggregateExpr agg = AggregateNode.aggregateOf(e);
            if (agg.input() instanceof ColumnRef c) bounds.put(c.name(), ColumnBounds.EMPTY);
        }
        long rows;
        try (ParallelStreamReader r = node.source().open()) {
            rows = r.totalRows();
            // A split reads some row groups only: their rows are planned, but min/max would need their own statistics.
            if (!bounds.isEmpty() && (r.isSplit() || !collectBounds(r.filesToRead(), bounds))) return null;
            statistics.addScan(node.source().toString(), ScanStatistics.answeredFromFooters(r.totalRowGroups()), 0, r.filesToRead().size());
        }
        Schema schema = a.schema();
        List<Column> out = new ArrayList<>(a.aggs().size());
        for (int i = 0; i < a.aggs().size(); i++) {
            Field field = schema.fields().get(i);
            AggregateExpr agg = AggregateNode.aggregateOf(a.aggs().get(i));
            Column c = switch (agg.function()) {
                case LEN -> new LongColumn(field.name(), field.type(), new long[] {rows}, 1, null);
                case MIN -> valueColumn(field, bounds.get(((ColumnRef) agg.input()).name()).min());
                case MAX -> valueColumn(field, bounds.get(((ColumnRef) agg.input()).name()).max());
                default -> null;
            };
            if (c == null) return null;
            out.add(c);
        }
        return new DataFrame(out, 1);
    }

    /** Merges every row group's bounds of each column into {@code bounds}; false when one cannot answer. */
    private static boolean collectBounds(List<Path> files, Map<String, ColumnBounds> bounds) {
        for (Path path : files) {
            try (ParquetFile file = ParquetFile.open(path)) {
                for (int g = 0; g < file.numRowGroups(); g++) {
                    var rg = file.rowGroupMetadata(g);
                    for (Map.Entry<String, ColumnBounds> e : bounds.entrySet()) {
                        ColumnBounds b = ColumnBounds.exact(rg, e.getKey());
                        if (b == null) return false;
                        e.setValue(e.getValue().merge(b));
                    }
                }
            } catch (ParquetFormatException | UncheckedIOException e) {
                return false;   // the scan reports (or skips) the file as it would without this shortcut
            }
        }
        return true;
    }

    /** A one-row column of {@code value} (a value as Column.get returns it) typed as the field; null on doubt. */
    private static Column valueColumn(Field field, Object value) {
        if (value == null) return new NullColumn(field.name(), field.type(), 1);
        try {
            Column c = ExpressionCompiler.compile(new Literal(value, field.type()), new Schema(List.of()))
                    .evaluate(new DataFrame(List.of(), 1));
            return c.size() == 1 && !c.isNull(0) ? c.rename(field.name()) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
