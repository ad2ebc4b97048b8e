package dev.streamingadaptive.plan;

import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.plan.JoinNode.Kind;
import dev.streamingadaptive.reader.ParallelStreamReader;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the hash table of a join from its smaller input: the build side is the right input, so
 * where the left is estimated at less than half the right's bytes, the inputs swap and a select on
 * top restores the columns' order and names. INNER and FULL swap as they are; LEFT becomes RIGHT and
 * RIGHT becomes LEFT (the executor outputs unmatched build rows); SEMI and ANTI with a much larger right
 * become RIGHT_SEMI and RIGHT_ANTI, built from the side they output, or, where the right is a group-by,
 * reduce it by the left's keys first (see {@link #buildLargeLeft}); so does a LEFT join over a group-by on its keys
 * (see {@link #reducedGroupedRight}: SQL's correlated subqueries). Swapped joins output rows in another
 * order (probed by the other side). Sizes come from row counts in the Parquet footers (halved per filter, as selectivity is
 * unknown) or frame heights, times a row width from the column types; a join is estimated as a key join (the
 * larger input's rows, an outer side's, or half the left of a semi or anti join); an input of unknown size (an
 * aggregation of unknown groups) is left alone.
 */
final class JoinBuildSide implements OptimizerRule {

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return apply(plan, SemiJoinPushdown.sharedGroupBys(plan));
    }

    private LogicalPlan apply(LogicalPlan plan, Set<AggregateNode> sharedGroupBys) {
        LogicalPlan p = OptimizerRule.mapInputs(plan, in -> apply(in, sharedGroupBys));
        if (!(p instanceof JoinNode j)) return p;
        if (j.how() == Kind.SEMI || j.how() == Kind.ANTI) return buildLargeLeft(j, sharedGroupBys);
        if (j.how() == Kind.LEFT) {
            LogicalPlan grouped = SemiJoinPushdown.groupedInput(j.right(), j.rightOn(), sharedGroupBys);
            LogicalPlan reduced = grouped == null ? null : reducedGroupedRight(j, grouped);
            if (reduced != null) return reduced;
        }
        return swapIfSmallerLeft(j);
    }

    /**
     * Estimated bytes of a right input below which a semi or anti join builds it as it is: a table that small builds
     * fast (and, where the right is reduced, the reduction's second computation of the left costs more than it saves).
     */
    static final double MIN_REDUCED_BUILD_BYTES = 16 << 20;

    /** Test hook: replaces {@link #MIN_REDUCED_BUILD_BYTES}, so that tests reach these plans on small inputs. */
    static final String MIN_REDUCED_BUILD_PROPERTY = "streamingadaptive.join.minReducedBuildBytes";

    private static double minReducedBuildBytes() {
        String set = System.getProperty(MIN_REDUCED_BUILD_PROPERTY);
        return set == null ? MIN_REDUCED_BUILD_BYTES : Double.parseDouble(set);
    }

    /**
     * A semi or anti join outputs its left rows; when its right input is much larger than its left, and not small
     * ({@link #MIN_REDUCED_BUILD_BYTES}), it becomes a RIGHT_SEMI or RIGHT_ANTI join of the swapped inputs: the hash
     * table is built from the left rows, the right probes it and marks the rows it matches, and the marked (unmarked)
     * rows come out, in the left's order. SQL {@code EXISTS} in TPC-H Q4 built 30M lineitem rows for 570K orders at
     * SF 10, {@code NOT EXISTS} in Q22 all 15M orders for the customers it tests; now they build the orders and the
     * customers. Reducing the right by the left's keys first (as for a group-by, below) cost a second computation of
     * the left and a second probe: Q22 (LazyFrame) at SF 10 took 0.92-0.95 s that way, 0.66-0.80 s now.
     *
     * <p>A right that is a group-by (under filters and projections) is instead first reduced to the rows whose keys the
     * left has (a semi join the other way round, built from the small left), and the outer join builds from that.
     * Exact: a left row's match, if any, is such a row, so the reduced right matches the same left rows. Costs the left
     * computed twice (once when it holds a join: the executor shares it). A group-by has an unknown number of groups, so rows cannot be
     * compared; there the left must hold a much smaller share of the keys than the rows grouped ({@link #keyShare}), and
     * {@link SemiJoinPushdown} then moves the reduction below the group-by. TPC-H Q21 groups lineitem by order twice to
     * keep the orders of a few suppliers: it now groups only those orders' lines. Q18 keeps all orders on the left
     * (an unfiltered scan): its group-by is left whole.
     */
    private static LogicalPlan buildLargeLeft(JoinNode j, Set<AggregateNode> sharedGroupBys) {
        // A group-by the reduction would go below (on an aggregate column it could not, and the whole group-by would
        // still be computed: then the right's size is unknown and nothing is reduced).
        LogicalPlan grouped = SemiJoinPushdown.groupedInput(j.right(), j.rightOn(), sharedGroupBys);
        if (grouped != null) {
            LogicalPlan reduced = reducedGroupedRight(j, grouped);
            return reduced != null ? reduced : j;
        }
        double left = bytes(j.left()), right = bytes(j.right());
        if (left < 0 || right < minReducedBuildBytes() || left * 2 >= right) return j;
        return JoinNode.of(j.right(), j.left(), j.rightOn(), j.leftOn(), j.how() == Kind.SEMI ? Kind.RIGHT_SEMI : Kind.RIGHT_ANTI);
    }

    /**
     * The join with its right, a group-by on the join keys (under filters and projections) over {@code grouped},
     * first reduced to the rows whose keys the left has (see {@link #buildLargeLeft}); null when {@code grouped} is
     * small, or the left is not estimated to hold a much smaller share of the keys (for a LEFT join: is not filtered
     * at all). Exact for SEMI, ANTI and LEFT joins: a left row's matches, if any, are such rows. A LEFT join over a
     * group-by is how SQL's correlated subqueries come out (a scalar subquery's value, or an EXISTS decided on the
     * bounds of a group): TPC-H Q17 and Q21 grouped all of lineitem for the few parts, or orders, left of them.
     */
    private static LogicalPlan reducedGroupedRight(JoinNode j, LogicalPlan grouped) {
        double rows = rows(grouped);
        if (rows < 0 || rows * width(grouped) < minReducedBuildBytes()) return null;
        // A semi or anti join's right may be reduced little and cost a second computation of its left for nothing. A left
        // join's right is a correlated subquery's whole table grouped; its left, when filtered at all, is what the query
        // keeps: the probe of a key set costs less than the group-by's update it saves (TPC-H Q20: the parts named
        // 'forest%' of a year of lines, whose own filter the estimate cannot tell from a key filter).
        double leftShare = keyShare(j.left());
        boolean reduce = j.how() == Kind.LEFT ? leftShare < 1 : leftShare * 2 <= keyShare(grouped);
        if (!reduce) return null;
        LogicalPlan reduced = JoinNode.of(j.right(), j.left(), j.rightOn(), j.leftOn(), Kind.SEMI);
        return JoinNode.of(j.left(), reduced, j.leftOn(), j.rightOn(), j.how());
    }

    /**
     * The estimated share of its tables' keys that {@code p} still holds: a half per filter (as {@link #rows}), and
     * for a key join the product of both sides' (a row is kept when it passes its own filters and its partner row
     * exists: a foreign key to a filtered table). 1 when nothing filters or it is unknown.
     */
    private static double keyShare(LogicalPlan p) {
        return switch (p) {
            case ScanNode s -> s.predicate() != null ? 0.5 : 1;
            case FilterNode f -> keyShare(f.input()) / 2;
            case JoinNode j -> switch (j.how()) {
                case INNER, SEMI, RIGHT_SEMI -> keyShare(j.left()) * keyShare(j.right());
                case LEFT, ANTI -> keyShare(j.left());
                case RIGHT, RIGHT_ANTI -> keyShare(j.right());
                default -> 1;
            };
            case SelectNode s -> keyShare(s.input());
            case WithColumnsNode w -> keyShare(w.input());
            case AggregateNode a -> keyShare(a.input());
            case SortNode s -> keyShare(s.input());
            default -> 1;
        };
    }

    private static LogicalPlan swapIfSmallerLeft(JoinNode j) {
        JoinNode s = j.swapped();
        if (s == null) return j;
        double left = bytes(j.left()), right = bytes(j.right());
        if (left < 0 || right < 0 || left * 2 >= right) return j;
        List<String> columns = j.columnsIn(s);
        List<Expr> exprs = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            String from = columns.get(i), name = j.outputs().get(i).name();
            exprs.add(from.equals(name) ? Expr.col(from) : Expr.col(from).alias(name));
        }
        return SelectNode.of(s, exprs);
    }

    /** Estimated bytes of a plan's output, or -1 when unknown. */
    static double bytes(LogicalPlan p) {
        double rows = rows(p);
        return rows < 0 ? -1 : rows * width(p);
    }

    /** Estimated bytes of one row of {@code p}'s output. */
    private static double width(LogicalPlan p) {
        double width = 0;
        for (Field f : p.schema().fields()) width += width(f.type());
        return width;
    }

    /** Estimated rows of a plan's output, or -1 when unknown. */
    static double rows(LogicalPlan p) {
        return switch (p) {
            case ScanNode s -> {
                double n = tableRows(s);
                if (n < 0) yield -1;
                if (s.predicate() != null) n /= 2;
                yield s.limit() >= 0 ? Math.min(n, s.limit()) : n;
            }
            case FrameNode f -> f.frame().height();
            case FilterNode f -> rows(f.input()) / 2;
            case SelectNode s -> rows(s.input());
            case WithColumnsNode w -> rows(w.input());
            case SortNode s -> s.limit() >= 0 ? Math.min(rows(s.input()), s.limit()) : rows(s.input());
            case SliceNode s -> {
                double n = rows(s.input());
                yield n < 0 ? s.length() : Math.min(n, s.length());
            }
            case UnionNode u -> {
                double n = 0;
                for (LogicalPlan in : u.inputs()) {
                    double r = rows(in);
                    if (r < 0) yield -1;
                    n += r;
                }
                yield n;
            }
            case FooterAggregateNode f -> 1;
            case JoinNode j -> {
                // A key join mostly matches each row of the larger side with one of the smaller (a foreign key
                // to a primary key, filtered): about the larger side's rows; an outer join keeps its outer side's
                // rows at least; a semi or anti join filters its left (halved, as a filter). Unknown, a chain of
                // joins written in FROM order (SQL) kept its running result as the probe and built the next
                // table whole, however large (TPC-H Q5 and Q18: lineitem as a build side).
                double l = rows(j.left());
                yield switch (j.how()) {
                    case SEMI, ANTI -> l < 0 ? -1 : l / 2;
                    case RIGHT_SEMI, RIGHT_ANTI -> {
                        double r = rows(j.right());
                        yield r < 0 ? -1 : r / 2;
                    }
                    case LEFT -> l;
                    case RIGHT -> rows(j.right());
                    case CROSS -> {
                        double r = rows(j.right());
                        yield l < 0 || r < 0 ? -1 : l * r;
                    }
                    default -> {
                        double r = rows(j.right());
                        yield l < 0 || r < 0 ? -1 : Math.max(l, r);
                    }
                };
            }
            default -> -1;
        };
    }

    /** The rows a scan's files hold before its filter and limit (estimated for text), or -1 when unknown. */
    static double tableRows(ScanNode s) {
        if (s.source() instanceof TextSource t) {
            // No row counts in text: guess from the size, ~16 bytes of text per value.
            long bytes = t.dataset().bytesOnDisk();
            if (bytes < 0) return -1;
            return bytes * (t.dataset().compressed() ? 5.0 : 1.0) / (16.0 * Math.max(1, t.schema().size()));
        }
        try (ParallelStreamReader r = ((ParquetSource) s.source()).open()) {
            return r.totalRows();
        } catch (RuntimeException e) {
            return -1; // unreadable now: the scan itself will say why when it runs
        }
    }

    private static double width(DataType t) {
        return switch (t.kind()) {
            case BOOLEAN, INT8, UINT8 -> 1;
            case INT16, UINT16 -> 2;
            case INT32, UINT32, DATE, FLOAT32, FLOAT16 -> 4;
            case STRING, BINARY, JSON, BSON, ENUM -> 24;
            case LIST, MAP, STRUCT -> 64;
            default -> 8;
        };
    }
}
