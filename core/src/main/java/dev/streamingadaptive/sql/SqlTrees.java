package dev.streamingadaptive.sql;

import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Walks of SQL expression trees that stop at subqueries (whose columns belong to another scope). */
final class SqlTrees {
    private SqlTrees() {}

    /** The conditions of a conjunction: {@code a AND (b AND c)} is [a, b, c]; null is []. */
    static List<Expression> conjuncts(Expression e) {
        List<Expression> out = new ArrayList<>();
        addConjuncts(e, out);
        return out;
    }

    private static void addConjuncts(Expression e, List<Expression> out) {
        if (e == null) return;
        if (e instanceof AndExpression a) {
            addConjuncts(a.getLeftExpression(), out);
            addConjuncts(a.getRightExpression(), out);
        } else if (e instanceof net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList<?> p && p.size() == 1
                && p.get(0) instanceof AndExpression) {
            addConjuncts(p.get(0), out);
        } else {
            out.add(e);
        }
    }

    /** The alternatives of a disjunction: {@code a OR (b OR c)} is [a, b, c]. */
    static List<Expression> disjuncts(Expression e) {
        List<Expression> out = new ArrayList<>();
        addDisjuncts(e, out);
        return out;
    }

    private static void addDisjuncts(Expression e, List<Expression> out) {
        if (e instanceof OrExpression o) {
            addDisjuncts(o.getLeftExpression(), out);
            addDisjuncts(o.getRightExpression(), out);
        } else if (e instanceof net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList<?> p && p.size() == 1
                && p.get(0) instanceof OrExpression) {
            addDisjuncts(p.get(0), out);
        } else {
            out.add(e);
        }
    }

    static Expression and(List<Expression> conjuncts) {
        Expression out = null;
        for (Expression c : conjuncts) out = out == null ? c : new AndExpression(out, c);
        return out;
    }

    static Expression or(List<Expression> disjuncts) {
        Expression out = null;
        for (Expression d : disjuncts) {
            Expression p = new net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList<>(d);
            out = out == null ? p : new OrExpression(out, p);
        }
        return out;
    }

    /**
     * Conditions with the conditions common to every alternative of an OR taken out of it
     * ({@code (a AND b) OR (a AND c)} is {@code a AND (b OR c)}), so an equality a join needs, written
     * in every alternative (TPC-H Q19), is found.
     */
    static List<Expression> factorOr(List<Expression> conditions) {
        List<Expression> out = new ArrayList<>();
        for (Expression c : conditions) {
            List<Expression> alternatives = disjuncts(c);
            if (alternatives.size() < 2) {
                out.add(c);
                continue;
            }
            List<List<Expression>> parts = new ArrayList<>();
            for (Expression a : alternatives) parts.add(new ArrayList<>(conjuncts(a)));
            List<Expression> common = new ArrayList<>();
            for (Expression x : parts.get(0)) {
                String text = x.toString();
                boolean everywhere = true;
                for (List<Expression> p : parts) everywhere &= p.stream().anyMatch(y -> y.toString().equals(text));
                if (everywhere && common.stream().noneMatch(y -> y.toString().equals(text))) common.add(x);
            }
            if (common.isEmpty()) {
                out.add(c);
                continue;
            }
            out.addAll(common);
            List<Expression> rest = new ArrayList<>();
            boolean alwaysTrue = false;
            for (List<Expression> p : parts) {
                p.removeIf(y -> common.stream().anyMatch(z -> z.toString().equals(y.toString())));
                if (p.isEmpty()) alwaysTrue = true;
                else rest.add(and(p));
            }
            if (!alwaysTrue) out.add(or(rest));
        }
        return out;
    }

    /** Column references of {@code e}, outside its subqueries. */
    static List<Column> columns(Expression e) {
        List<Column> out = new ArrayList<>();
        walk(e, x -> {
            if (x instanceof Column c) out.add(c);
        });
        return out;
    }

    /** Subqueries of {@code e} (not those nested in them), EXISTS included. */
    static List<ParenthesedSelect> subqueries(Expression e) {
        List<ParenthesedSelect> out = new ArrayList<>();
        walk(e, x -> {
            if (x instanceof ParenthesedSelect s) out.add(s);
        });
        return out;
    }

    /** Aggregate calls of {@code e}, outside subqueries. */
    static List<Function> aggregates(Expression e) {
        List<Function> out = new ArrayList<>();
        walk(e, x -> {
            if (ExpressionTranslator.isAggregate(x)) out.add((Function) x);
        });
        return out;
    }

    /** Calls {@code visit} on {@code e} and its sub-expressions, not descending into subqueries nor aggregate arguments' subqueries. */
    static void walk(Expression e, Consumer<Expression> visit) {
        if (e == null) return;
        visit.accept(e);
        switch (e) {
            case BinaryExpression b -> {
                walk(b.getLeftExpression(), visit);
                walk(b.getRightExpression(), visit);
            }
            case NotExpression n -> walk(n.getExpression(), visit);
            case SignedExpression s -> walk(s.getExpression(), visit);
            case IsNullExpression n -> walk(n.getLeftExpression(), visit);
            case Between b -> {
                walk(b.getLeftExpression(), visit);
                walk(b.getBetweenExpressionStart(), visit);
                walk(b.getBetweenExpressionEnd(), visit);
            }
            case InExpression in -> {
                walk(in.getLeftExpression(), visit);
                walk(in.getRightExpression(), visit);
            }
            case ExistsExpression x -> walk(x.getRightExpression(), visit);
            case CaseExpression c -> {
                walk(c.getSwitchExpression(), visit);
                for (WhenClause w : c.getWhenClauses()) {
                    walk(w.getWhenExpression(), visit);
                    walk(w.getThenExpression(), visit);
                }
                walk(c.getElseExpression(), visit);
            }
            case CastExpression c -> walk(c.getLeftExpression(), visit);
            case ExtractExpression x -> walk(x.getExpression(), visit);
            case Function f -> {
                if (f.getParameters() != null) for (Expression p : f.getParameters()) walk(p, visit);
                if (f.getNamedParameters() != null) for (Object p : f.getNamedParameters().getExpressions()) walk((Expression) p, visit);
            }
            case ParenthesedSelect s -> { }
            case ExpressionList<?> l -> {
                for (Expression x : l) walk(x, visit);
            }
            default -> { }
        }
    }

    /** The column name without quotes; whether it was quoted (then it matches exactly). */
    static String name(Column c) {
        return unquote(c.getColumnName());
    }

    static boolean quoted(Column c) {
        String n = c.getColumnName();
        return n.length() >= 2 && (n.startsWith("\"") || n.startsWith("`"));
    }

    /** The qualifier of a column reference ({@code t} of {@code t.x}), or null. */
    static String qualifier(Column c) {
        return c.getTable() == null || c.getTable().getName() == null ? null : unquote(c.getTable().getName());
    }

    static String unquote(String s) {
        if (s != null && s.length() >= 2 && ((s.startsWith("\"") && s.endsWith("\"")) || (s.startsWith("`") && s.endsWith("`")))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
