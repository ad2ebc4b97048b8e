package dev.streamingadaptive.plan;

import dev.streamingadaptive.expr.BinaryExpr;
import dev.streamingadaptive.expr.BinaryOperator;
import dev.streamingadaptive.expr.ColumnRef;
import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.expr.FunctionCall;
import dev.streamingadaptive.expr.Literal;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.predicate.AndPredicate;
import dev.streamingadaptive.predicate.ColumnFilterPredicate;
import dev.streamingadaptive.predicate.ComparisonPredicate;
import dev.streamingadaptive.predicate.NotPredicate;
import dev.streamingadaptive.predicate.NullPredicate;
import dev.streamingadaptive.predicate.OrPredicate;
import dev.streamingadaptive.predicate.RowPredicate;
import dev.streamingadaptive.predicate.StartsWithPredicate;

import java.util.ArrayList;
import java.util.List;

/**
 * A scan's filter split in two: the conjuncts the pruning levels understand (comparisons of a
 * column with a constant, IN lists, null checks, prefixes, and and/or/not of those), handed to
 * the reader as a {@link RowPredicate} that skips row groups, pages and files and keeps matching
 * rows; and the residual, evaluated on each decoded batch.
 *
 * @param pruning     the reader's predicate, or null
 * @param pruningExpr the same conjuncts as an expression (for explain), or null
 * @param residual    what the reader cannot evaluate, or null
 */
public record ScanFilter(RowPredicate pruning, Expr pruningExpr, Expr residual) {

    /** Splits {@code predicate} over a dataset of {@code schema}. */
    public static ScanFilter split(Expr predicate, Schema schema) {
        RowPredicate pruning = null;
        Expr pruningExpr = null, residual = null;
        for (Expr c : conjuncts(predicate)) {
            RowPredicate p = translate(c, schema);
            if (p != null) {
                pruning = pruning == null ? p : new AndPredicate(pruning, p);
                pruningExpr = pruningExpr == null ? c : pruningExpr.and(c);
            } else {
                residual = residual == null ? c : residual.and(c);
            }
        }
        return new ScanFilter(pruning, pruningExpr, residual);
    }

    /** The operands of a chain of {@code and}s, left to right. */
    public static List<Expr> conjuncts(Expr e) {
        List<Expr> out = new ArrayList<>();
        addConjuncts(e, out);
        return out;
    }

    private static void addConjuncts(Expr e, List<Expr> out) {
        if (e instanceof BinaryExpr b && b.op() == BinaryOperator.AND) {
            addConjuncts(b.left(), out);
            addConjuncts(b.right(), out);
        } else {
            out.add(e);
        }
    }

    /** The reader predicate equal to {@code e}, bound to {@code schema}, or null when there is none. */
    static RowPredicate translate(Expr e, Schema schema) {
        RowPredicate p = toPredicate(e);
        if (p == null) return null;
        try {
            p.bind(schema);
            return p;
        } catch (IllegalArgumentException ex) { // PredicateBindingException among them
            return null; // the expression evaluator has its own rules and messages
        }
    }

    private static RowPredicate toPredicate(Expr e) {
        if (e instanceof BinaryExpr b) {
            switch (b.op()) {
                case AND, OR -> {
                    RowPredicate l = toPredicate(b.left()), r = toPredicate(b.right());
                    if (l == null || r == null) return null;
                    return b.op() == BinaryOperator.AND ? new AndPredicate(l, r) : new OrPredicate(l, r);
                }
                case EQ, NE, LT, LE, GT, GE -> {
                    if (b.left() instanceof ColumnRef c && constant(b.right()) != null) {
                        return new ComparisonPredicate(c.name(), op(b.op()), constant(b.right()));
                    }
                    if (b.right() instanceof ColumnRef c && constant(b.left()) != null) {
                        return new ComparisonPredicate(c.name(), op(b.op().flip()), constant(b.left()));
                    }
                    return null;
                }
                default -> { return null; }
            }
        }
        if (e instanceof FunctionCall f && f.args().get(0) instanceof ColumnRef c) {
            switch (f.function()) {
                case IS_NULL -> { return new NullPredicate(c.name(), true); }
                case IS_NOT_NULL -> { return new NullPredicate(c.name(), false); }
                case STARTS_WITH -> {
                    return constant(f.args().get(1)) instanceof String s ? new StartsWithPredicate(c.name(), s) : null;
                }
                case IS_IN -> {
                    List<Object> values = new ArrayList<>();
                    for (Expr v : f.args().subList(1, f.args().size())) {
                        Object k = constant(v);
                        if (k == null) return null; // a null in the list changes the result for non-matches
                        values.add(k);
                    }
                    return new ColumnFilterPredicate(c.name(), values);
                }
                case IS_BETWEEN -> {
                    Object lo = constant(f.args().get(1)), hi = constant(f.args().get(2));
                    if (lo == null || hi == null) return null;
                    return new AndPredicate(new ComparisonPredicate(c.name(), ComparisonPredicate.Op.GE, lo),
                            new ComparisonPredicate(c.name(), ComparisonPredicate.Op.LE, hi));
                }
                default -> { }
            }
        }
        if (e instanceof FunctionCall f && f.function() == dev.streamingadaptive.expr.ScalarFunction.NOT) {
            RowPredicate inner = toPredicate(f.args().get(0));
            return inner == null ? null : new NotPredicate(inner);
        }
        return null;
    }

    /** The value of a non-null constant the reader's binder accepts, or null. */
    private static Object constant(Expr e) {
        if (!(e instanceof Literal l) || l.value() == null) return null;
        Object v = l.value();
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) return ((Number) v).longValue();
        if (v instanceof Float f) return (double) f;
        if (v instanceof java.time.Duration || v instanceof byte[]) return null;
        return v;
    }

    private static ComparisonPredicate.Op op(BinaryOperator op) {
        return ComparisonPredicate.Op.valueOf(op.name());
    }
}
