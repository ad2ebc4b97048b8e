package dev.streamingadaptive.scan;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.predicate.AndPredicate;
import dev.streamingadaptive.predicate.PredicatePushdown;
import dev.streamingadaptive.predicate.RowPredicate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The predicate of a scan request, with every capability the pruning levels and the batch
 * evaluation need. A user's {@link PredicatePushdown} is adapted once, when the request is built
 * ({@link #of}): a row-level predicate (every {@link RowPredicate}: WhereParser's, ColumnFilter,
 * And/Or/Not, comparisons) names its columns, so it is bound to each file's types, split into
 * conjuncts across partition keys and file columns, pruned with statistics, bloom filters,
 * dictionaries and the page index, and evaluated on its own columns first (late
 * materialisation). Any other PredicatePushdown is opaque: it skips row groups by its own
 * {@code shouldSkipRowGroup} and filters whole decoded batches with {@code apply}.
 */
public final class ScanPredicate {
    private final PredicatePushdown pushdown;
    /** The same predicate when it is row-level, else null. */
    private final RowPredicate rows;

    private ScanPredicate(PredicatePushdown pushdown, RowPredicate rows) {
        this.pushdown = pushdown;
        this.rows = rows;
    }

    /** The scan form of a user's predicate (null stays null: no filter). */
    public static ScanPredicate of(PredicatePushdown predicate) {
        if (predicate == null) return null;
        // The one place that tells row-level predicates from opaque ones.
        return predicate instanceof RowPredicate rp ? new ScanPredicate(rp, rp) : new ScanPredicate(predicate, null);
    }

    /** All of these (at least one), as one predicate. */
    public static ScanPredicate allOf(List<ScanPredicate> conjuncts) {
        RowPredicate out = null;
        for (ScanPredicate c : conjuncts) out = out == null ? c.rowLevel() : new AndPredicate(out, c.rowLevel());
        return new ScanPredicate(out, out);
    }

    /** Whether the predicate names its columns (so it is bound, split, pruned on every level and evaluated first). */
    public boolean isRowLevel() {
        return rows != null;
    }

    /** The columns a row-level predicate reads (in first-use order); empty for an opaque one. */
    public Set<String> columns() {
        return rows == null ? Set.of() : rows.columns();
    }

    /**
     * Checked against {@code schema} with literals converted to its column types (row-level only;
     * an opaque predicate is returned as it is).
     *
     * @throws dev.streamingadaptive.predicate.PredicateBindingException for an unknown column or a
     *         literal that cannot be compared with its column
     */
    public ScanPredicate bind(Schema schema) {
        if (rows == null) return this;
        RowPredicate bound = rows.bind(schema);
        return bound == rows ? this : new ScanPredicate(bound, bound);
    }

    /** The top-level AND operands of a row-level predicate (an opaque one is its only conjunct). */
    public List<ScanPredicate> conjuncts() {
        if (rows == null) return List.of(this);
        List<ScanPredicate> out = new ArrayList<>();
        collect(rows, out);
        return out;
    }

    private static void collect(RowPredicate p, List<ScanPredicate> out) {
        if (p instanceof AndPredicate a) {
            collect(a.left(), out);
            collect(a.right(), out);
        } else {
            out.add(new ScanPredicate(p, p));
        }
    }

    /**
     * Whether row group {@code group} of {@code file} is read, cheapest evidence first, and which of its
     * rows the page index leaves (see {@link RowGroupPruning}).
     */
    public RowGroupPruning.Decision prune(ParquetFile file, int group, boolean verifyChecksums) {
        return RowGroupPruning.check(file, group, pushdown, rows, verifyChecksums);
    }

    /** The rows of a decoded batch that match. */
    public DataFrame filter(DataFrame batch) {
        return pushdown.apply(batch);
    }

    /** Row-level only: which rows of a frame of (at least) {@link #columns()} match. */
    public boolean[] matches(DataFrame columns) {
        return rowLevel().matches(columns);
    }

    /** Row-level only: TRUE on row {@code row} (unknown counts as no match). */
    public boolean matchesRow(DataFrame columns, int row) {
        return rowLevel().evaluate(columns, row) == Boolean.TRUE;
    }

    private RowPredicate rowLevel() {
        return Objects.requireNonNull(rows, "an opaque PredicatePushdown has no row-level evaluation");
    }


    @Override
    public String toString() {
        return String.valueOf(pushdown);
    }
}
