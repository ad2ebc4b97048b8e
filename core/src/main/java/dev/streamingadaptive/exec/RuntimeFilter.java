package dev.streamingadaptive.exec;

import dev.streamingadaptive.exec.agg.KeyRange;
import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.plan.AggregateNode;
import dev.streamingadaptive.plan.JoinNode;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.plan.ParquetSource;
import dev.streamingadaptive.predicate.KeySetPredicate;
import dev.streamingadaptive.predicate.RowPredicate;
import dev.streamingadaptive.plan.JoinNode.Kind;
import dev.streamingadaptive.plan.LogicalPlan;
import dev.streamingadaptive.plan.FilterNode;
import dev.streamingadaptive.plan.ScanNode;
import dev.streamingadaptive.plan.SelectNode;
import dev.streamingadaptive.plan.WithColumnsNode;
import dev.streamingadaptive.expr.ColumnRef;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A join's probe side narrowed by its build side, known only once the build side is read: where
 * a key of the probe input is an integer or date column of a Parquet scan below it (through
 * filters, projections, group keys and other joins that pass it on), the build keys become a
 * predicate on that column: the keys themselves when there are few (an IN list), else their min/max, with a bitmap
 * of the keys beside it when they fill little of a range narrow enough ({@link KeySetPredicate}). Row groups and
 * pages whose statistics rule the keys out are never decoded, and the other columns only for the rows that pass. Only for joins that drop probe rows without a match (INNER, RIGHT, SEMI, RIGHT_SEMI,
 * RIGHT_ANTI).
 */
final class RuntimeFilter {
    /** System property: {@code false} turns runtime filters off (to measure what they save). */
    static final String ENABLED_PROPERTY = "streamingadaptive.join.runtimeFilter";

    /** System property: {@code false} keeps build keys past the IN list's out of the probe scan (their range only). */
    static final String BITMAP_PROPERTY = "streamingadaptive.join.keyBitmap";

    private final JoinNode join;
    private final Predicate<LogicalPlan> shared;
    private final KeyRange[] ranges;

    /** Ranges for the key pairs this join can narrow by (none when it cannot). */
    RuntimeFilter(JoinNode join, Predicate<LogicalPlan> shared) {
        this.join = join;
        this.shared = shared;
        this.ranges = new KeyRange[join.leftOn().size()];
        Kind how = join.how();
        if (!Boolean.parseBoolean(System.getProperty(ENABLED_PROPERTY, "true"))) return;
        // Joins to which a left row without a match is nothing.
        if (!(how == Kind.INNER || how == Kind.RIGHT || how == Kind.SEMI || how.outputsRightOnly())) return;
        for (int i = 0; i < ranges.length; i++) {
            if (narrowed(join.left(), join.leftOn().get(i), null) == null) continue;
            DataType probeType = join.left().schema().field(join.leftOn().get(i)).type();
            DataType keyType = join.keyTypes().get(i);
            if (KeyRange.supports(probeType) && KeyRange.supports(keyType) && probeType.kind() != DataType.Kind.DATE == (keyType.kind() != DataType.Kind.DATE)) {
                ranges[i] = new KeyRange();
            }
        }
    }

    /** Widens the ranges by a batch of the build side. */
    void add(DataFrame build) {
        int rows = build.height();
        for (int i = 0; i < ranges.length; i++) {
            if (ranges[i] == null) continue;
            Column c = build.column(join.rightOn().get(i));
            if (!c.type().equals(join.keyTypes().get(i))) c = Join.keys(build, List.of(join.rightOn().get(i)), List.of(join.keyTypes().get(i))).get(0);
            ranges[i].add(c, rows);
        }
    }

    /**
     * The join's probe input with the build keys as predicates of the scans it reads, or the probe input unchanged:
     * few keys as an IN list; more as their range, and where they lie {@link #MAX_BITMAP_SPAN close enough} and
     * {@link #MAX_BITMAP_DENSITY sparse enough} in it, a bitmap of them ({@link KeySetPredicate}) the scan tests rows
     * with. The keys come from the {@link KeyRange}s while it kept them, else from {@code build} (the whole build side,
     * in memory; null when it was not held). The bitmaps are reserved in {@code memory} (their reservations added to
     * {@code held}, which the join closes); one that does not fit is left out.
     */
    LogicalPlan probe(DataFrame build, MemoryManager memory, List<MemoryManager.Reservation> held) {
        LogicalPlan probe = join.left();
        for (int i = 0; i < ranges.length; i++) {
            KeyRange r = ranges[i];
            if (r == null || r.isEmpty()) continue; // no non-null build key: nothing matches, but keep the plan simple
            boolean date = join.keyTypes().get(i).kind() == DataType.Kind.DATE;
            long[] keys = r.distinctValues();
            Function<String, Expr> test;
            Expr min = Expr.lit(value(r.min(), date)), max = Expr.lit(value(r.max(), date));
            Function<String, Expr> range = column -> Expr.col(column).gtEq(min).and(Expr.col(column).ltEq(max));
            boolean settable = KeySetPredicate.supports(join.left().schema().field(join.leftOn().get(i)).type());
            long[] bits = null;
            if (keys != null && keys.length <= KeyRange.MAX_DISTINCT && settable) {
                // Few build keys: the scan tests each row against them (its IN list keeps row groups, pages and bloom
                // filters pruned as the range would), and decodes the join's other columns only for the rows that pass.
                List<Object> list = new ArrayList<>(keys.length);
                for (long k : keys) list.add(value(k, date));
                test = column -> Expr.col(column).isIn(list);
            } else {
                // More: the range prunes, and a bitmap of the keys, where it pays, tests the rows.
                test = range;
                if (settable && (keys != null || build != null) && Boolean.parseBoolean(System.getProperty(BITMAP_PROPERTY, "true"))) {
                    bits = bitmap(i, keys, build, memory, held);
                }
            }
            long[] set = bits;
            Function<String, RowPredicate> keySet = set == null ? null : column -> KeySetPredicate.ofBitmap(column, r.min(), set);
            probe = narrowed(probe, join.leftOn().get(i), new Narrowing(test, keySet));
        }
        return probe;
    }

    /** Widest range of build keys a bitmap tests ({@link #probe}): 8 MiB. TPC-H's order keys at SF 10 fit. */
    static final long MAX_BITMAP_SPAN = 1L << 26;

    /**
     * Densest set of build keys, in keys per value of their range, a bitmap tests: a probe side whose rows the keys
     * keep for the most part pays the test and a copy of its rows for little. TPC-H's order keys are a quarter of their
     * range (all 15M orders at SF 10, which every line matches); Q3's orders 2%, Q10's 1%.
     */
    static final int MAX_BITMAP_DENSITY = 8;

    /**
     * The bitmap of key {@code i}'s build keys (bit {@code k - min} for key {@code k}), or null: when their range is
     * wider than {@link #MAX_BITMAP_SPAN}, they fill more than 1/{@link #MAX_BITMAP_DENSITY} of it, the probe column
     * is not one a set tests, or the budget does not have room (the bitmap's reservation then goes to {@code held}).
     */
    private long[] bitmap(int i, long[] keys, DataFrame build, MemoryManager memory, List<MemoryManager.Reservation> held) {
        KeyRange r = ranges[i];
        long span = r.max() - r.min() + 1;   // not positive when wider than 2^63
        if (span <= 0 || span > MAX_BITMAP_SPAN) return null;
        if (keys != null ? keys.length * (long) MAX_BITMAP_DENSITY > span : build.height() == 0) return null;
        long words = (span + 63) >>> 6;
        MemoryManager.Reservation reserved = memory.tryAcquire(words * 8 + 16, this);
        if (reserved == null) return null;
        held.add(reserved);
        long[] bits = new long[(int) words];
        Column c;
        if (keys != null) {
            c = new LongColumn("keys", keys, keys.length, null);
        } else {
            c = build.column(join.rightOn().get(i));
            if (!c.type().equals(join.keyTypes().get(i))) c = Join.keys(build, List.of(join.rightOn().get(i)), List.of(join.keyTypes().get(i))).get(0);
        }
        long distinct = r.mark(c, c.size(), bits);
        if (distinct * MAX_BITMAP_DENSITY <= span) return bits;
        held.remove(reserved);
        reserved.close();
        return null;
    }

    /**
     * What narrows a probe scan: {@code expr} of its key column added to its predicate, and, unless null, {@code keys}
     * of that column (a bitmap of the build keys) to its key filter.
     */
    private record Narrowing(Function<String, Expr> expr, Function<String, RowPredicate> keys) {
        ScanNode applyTo(ScanNode s, String column) {
            Expr e = expr.apply(column);
            ScanNode out = s.withPredicate(s.predicate() == null ? e : s.predicate().and(e));
            return keys == null || !(s.source() instanceof ParquetSource) ? out : out.withKeyFilter(keys.apply(column));
        }
    }

    /**
     * {@code plan} with {@code test} of the scan column that its output {@code column} passes on unchanged added to
     * that scan's predicate, or null when the column is computed, comes from no scan, or would be read through a
     * shared subplan (which a narrowed copy would compute again). With {@code test} null, only whether it can.
     *
     * <p>Through filters, projections and renames; through group-bys when the column is a group key (a dropped row
     * only fed groups whose key the join drops); and through joins of any kind to the side the column comes from: a
     * row narrowed away there only yielded output rows carrying its key, which the join above drops, or left the
     * other side's rows unmatched, which an outer join then outputs with this column null, and the join above drops
     * null keys too.
     */
    private LogicalPlan narrowed(LogicalPlan plan, String column, Narrowing test) {
        if (shared.test(plan)) return null;
        return switch (plan) {
            case ScanNode s when s.limit() < 0 -> test == null ? s : test.applyTo(s, column);
            case FilterNode f -> within(f, 0, column, test);
            case SelectNode s -> within(s, 0, passedOn(s.exprs(), column), test);
            case WithColumnsNode w -> {
                for (Expr e : w.exprs()) if (e.outputName().equals(column)) yield null;
                yield within(w, 0, column, test);
            }
            case AggregateNode a -> within(a, 0, passedOn(a.keys(), column), test);
            case JoinNode j -> {
                for (JoinNode.Output o : j.outputs()) {
                    if (o.name().equals(column)) yield within(j, o.fromLeft() ? 0 : 1, o.input(), test);
                }
                yield null;
            }
            default -> null;
        };
    }

    /** The input column that output {@code column} of {@code exprs} is (renamed or not), or null when it is computed or absent. */
    private static String passedOn(List<Expr> exprs, String column) {
        for (Expr e : exprs) {
            if (e.outputName().equals(column)) return ColumnRef.passedOn(e);
        }
        return null;
    }

    /** {@code plan} with its input {@code at} narrowed on {@code column}, or null when that input (or column) cannot be. */
    private LogicalPlan within(LogicalPlan plan, int at, String column, Narrowing test) {
        if (column == null) return null;
        LogicalPlan input = narrowed(plan.inputs().get(at), column, test);
        if (input == null || test == null) return input == null ? null : plan;
        List<LogicalPlan> inputs = new ArrayList<>(plan.inputs());
        inputs.set(at, input);
        return plan.withInputs(inputs);
    }

    private static Object value(long v, boolean date) {
        return date ? LocalDate.ofEpochDay(v) : (Object) v;
    }
}
