package dev.streamingadaptive.plan;

import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.expr.ExprTypeException;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The schema rules shared by select, withColumns and agg: names must be unique, types come from the expressions. */
final class Projections {
    private Projections() {}

    /** The fields {@code exprs} produce over {@code input}; duplicate output names are an error. */
    static List<Field> fields(String operator, List<Expr> exprs, Schema input) {
        List<Field> out = new ArrayList<>(exprs.size());
        Set<String> seen = new HashSet<>();
        for (Expr e : exprs) {
            String name = e.outputName();
            if (!seen.add(name)) {
                throw new ExprTypeException(operator + " produces the column '" + name + "' twice; give one of them another name with alias(...)");
            }
            out.add(Field.of(name, e.typeIn(input)));
        }
        return out;
    }

    static String list(List<?> items) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < items.size(); i++) sb.append(i > 0 ? ", " : "").append(items.get(i));
        return sb.toString();
    }
}
