package dev.streamingadaptive.lazy;

import dev.streamingadaptive.expr.BinaryExpr;
import dev.streamingadaptive.expr.BinaryOperator;
import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.expr.Literal;
import dev.streamingadaptive.predicate.AndPredicate;
import dev.streamingadaptive.predicate.ColumnFilterPredicate;
import dev.streamingadaptive.predicate.ComparisonPredicate;
import dev.streamingadaptive.predicate.NotPredicate;
import dev.streamingadaptive.predicate.NullPredicate;
import dev.streamingadaptive.predicate.OrPredicate;
import dev.streamingadaptive.predicate.RowPredicate;
import dev.streamingadaptive.predicate.StartsWithPredicate;
import dev.streamingadaptive.predicate.WhereParser;

import static dev.streamingadaptive.expr.Expr.col;

/** SQL-style WHERE text ({@link WhereParser}'s language) as an expression. */
final class WhereExpressions {
    private WhereExpressions() {}

    static Expr parse(String where) {
        return of(WhereParser.parse(where));
    }

    static Expr of(RowPredicate p) {
        return switch (p) {
            case AndPredicate a -> of(a.left()).and(of(a.right()));
            case OrPredicate o -> of(o.left()).or(of(o.right()));
            case NotPredicate n -> of(n.inner()).not();
            case NullPredicate n -> n.isNull() ? col(n.column()).isNull() : col(n.column()).isNotNull();
            case StartsWithPredicate s -> col(s.column()).startsWith(s.prefix());
            case ColumnFilterPredicate f -> col(f.column()).isIn(f.values());
            case ComparisonPredicate c -> new BinaryExpr(BinaryOperator.valueOf(c.op().name()), col(c.column()), Literal.of(c.value()));
            default -> throw new IllegalArgumentException("cannot express " + p + " as an expression");
        };
    }
}
