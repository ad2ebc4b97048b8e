package dev.streamingadaptive.plan;

import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.predicate.RowPredicate;

import java.util.ArrayList;
import java.util.List;

/**
 * A dataset scan with what the optimizer pushed into it: the columns to decode
 * ({@code projection}, null for all), a filter ({@code predicate}, null for none: its conjuncts
 * that pruning understands skip a Parquet dataset's row groups, pages and files, the rest is evaluated on each
 * decoded batch before it leaves the scan) and a row limit ({@code limit}, -1 for none: the scan
 * stops once that many rows passed the filter). {@code keyFilter} (null for none): a test of each row the filter
 * passes that no expression states, set at run time from a join's build keys ({@link dev.streamingadaptive.predicate.KeySetPredicate}).
 */
public record ScanNode(ScanSource source, List<String> projection, Expr predicate, long limit,
                       RowPredicate keyFilter) implements LogicalPlan {
    public ScanNode {
        if (projection != null) {
            projection = List.copyOf(projection);
            for (String c : projection) source.schema().field(c);
        }
    }

    /** The whole dataset, nothing pushed yet. */
    public static ScanNode of(ScanSource source) {
        return new ScanNode(source, null, null, -1, null);
    }

    @Override public Schema schema() {
        if (projection == null) return source.schema();
        List<Field> out = new ArrayList<>(projection.size());
        for (String c : projection) out.add(source.schema().field(c));
        return new Schema(out);
    }

    /** The columns the scan must decode: the projection and the filter's columns. */
    public List<String> columnsToRead() {
        List<String> out = new ArrayList<>(projection == null ? source.schema().names() : projection);
        if (predicate != null) for (String c : predicate.columns()) if (!out.contains(c)) out.add(c);
        if (keyFilter != null) for (String c : keyFilter.columns()) if (!out.contains(c)) out.add(c);
        return out;
    }

    public ScanNode withProjection(List<String> columns) { return new ScanNode(source, columns, predicate, limit, keyFilter); }
    public ScanNode withPredicate(Expr p) { return new ScanNode(source, projection, p, limit, keyFilter); }
    public ScanNode withLimit(long rows) { return new ScanNode(source, projection, predicate, rows, keyFilter); }
    /** This scan also keeping only the rows {@code test} holds for (with the key filter it has, if any). */
    public ScanNode withKeyFilter(RowPredicate test) {
        return new ScanNode(source, projection, predicate, limit, keyFilter == null ? test : keyFilter.and(test));
    }

    @Override public List<LogicalPlan> inputs() { return List.of(); }
    @Override public LogicalPlan withInputs(List<LogicalPlan> inputs) { return this; }

    @Override public String describe() {
        StringBuilder sb = new StringBuilder("SCAN ").append(source.format()).append(' ').append(source);
        int total = source.schema().size();
        List<String> read = columnsToRead();
        sb.append("\n  columns: ").append(read.size() == total ? "all " + total
                : read.size() + "/" + total + " [" + Projections.list(read) + "]");
        if (projection != null && read.size() > projection.size()) {
            sb.append(" (").append(Projections.list(read.subList(projection.size(), read.size()))).append(" only for the filter)");
        }
        if (predicate != null && !(source instanceof ParquetSource)) {
            sb.append("\n  filter evaluated in the scan: ").append(predicate);
        } else if (predicate != null) {
            ScanFilter f = ScanFilter.split(predicate, source.schema());
            if (f.pruning() != null) sb.append("\n  pushed filter (prunes row groups, pages, files): ").append(f.pruningExpr());
            if (f.residual() != null) sb.append("\n  filter evaluated in the scan: ").append(f.residual());
        }
        if (keyFilter != null) sb.append("\n  key filter evaluated in the scan: ").append(keyFilter);
        if (limit >= 0) sb.append("\n  limit: ").append(limit).append(" rows");
        return sb.toString();
    }
}
