package dev.streamingadaptive.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * SQL {@code CASE WHEN c1 THEN v1 WHEN c2 THEN v2 ... ELSE otherwise END}: the value of the first
 * branch whose condition is true (a null condition counts as false), else {@code otherwise}
 * (null unless given). Built with {@link Expr#when}.
 */
public record Conditional(List<Expr> conditions, List<Expr> values, Expr otherwise) implements Expr {
    public Conditional {
        conditions = List.copyOf(conditions);
        values = List.copyOf(values);
        Objects.requireNonNull(otherwise, "otherwise");
        if (conditions.isEmpty() || conditions.size() != values.size()) {
            throw new IllegalArgumentException("a conditional needs as many values as conditions, at least one");
        }
    }

    /** A further branch, tried when the earlier ones are not true. */
    public When when(Expr condition) {
        return new When(conditions, values, condition);
    }

    /** The value where no condition is true. */
    public Conditional otherwise(Expr value) {
        return new Conditional(conditions, values, value);
    }

    /** The constant where no condition is true. */
    public Conditional otherwise(Object value) {
        return otherwise(Literal.from(value));
    }

    @Override public List<Expr> children() {
        List<Expr> out = new ArrayList<>(conditions.size() * 2 + 1);
        for (int i = 0; i < conditions.size(); i++) {
            out.add(conditions.get(i));
            out.add(values.get(i));
        }
        out.add(otherwise);
        return out;
    }

    @Override public Expr mapChildren(UnaryOperator<Expr> f) {
        List<Expr> c = new ArrayList<>(), v = new ArrayList<>();
        boolean changed = false;
        for (int i = 0; i < conditions.size(); i++) {
            Expr mc = f.apply(conditions.get(i)), mv = f.apply(values.get(i));
            changed |= mc != conditions.get(i) || mv != values.get(i);
            c.add(mc);
            v.add(mv);
        }
        Expr o = f.apply(otherwise);
        return changed || o != otherwise ? new Conditional(c, v, o) : this;
    }

    /** Named after the first branch's value, as Polars does. */
    @Override public String outputName() {
        return values.get(0).outputName();
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("CASE");
        for (int i = 0; i < conditions.size(); i++) sb.append(" WHEN ").append(conditions.get(i)).append(" THEN ").append(values.get(i));
        return sb.append(" ELSE ").append(otherwise).append(" END").toString();
    }

    /** A condition waiting for its value: {@code when(c).then(v)}. */
    public record When(List<Expr> conditions, List<Expr> values, Expr condition) {
        public When {
            conditions = List.copyOf(conditions);
            values = List.copyOf(values);
            Objects.requireNonNull(condition, "condition");
        }

        /** The value where this condition is true. */
        public Conditional then(Expr value) {
            List<Expr> c = new ArrayList<>(conditions), v = new ArrayList<>(values);
            c.add(condition);
            v.add(value);
            return new Conditional(c, v, new Literal(null, null));
        }

        /** The constant where this condition is true. */
        public Conditional then(Object value) {
            return then(Literal.from(value));
        }
    }
}
