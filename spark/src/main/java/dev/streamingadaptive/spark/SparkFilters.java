package dev.streamingadaptive.spark;

import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Schema;
import org.apache.spark.sql.sources.AlwaysFalse;
import org.apache.spark.sql.sources.AlwaysTrue;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualNullSafe;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.IsNotNull;
import org.apache.spark.sql.sources.IsNull;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;
import org.apache.spark.sql.sources.Not;
import org.apache.spark.sql.sources.Or;
import org.apache.spark.sql.sources.StringContains;
import org.apache.spark.sql.sources.StringEndsWith;
import org.apache.spark.sql.sources.StringStartsWith;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.lit;

/**
 * Spark's data source filters as our expressions, so the scan prunes row groups and pages with them and keeps
 * exactly the rows Spark would: a filter we translate is fully handled (Spark does not evaluate it again).
 * Translated: comparisons, IN, null tests, string prefix/suffix/contains, AND/OR/NOT of those, on top-level
 * columns that reach Spark in their own type ({@link SparkTypes#unchanged}) with values of a type our literals
 * take. Anything else (nested fields, reshaped columns, other values) is left to Spark.
 */
final class SparkFilters {
    private SparkFilters() {}

    /** Our expression for {@code f}, or null when it is left to Spark. */
    static Expr toExpr(Filter f, Schema schema) {
        return switch (f) {
            case EqualTo e -> compare(e.attribute(), e.value(), schema, Op.EQ);
            case EqualNullSafe e -> e.value() == null ? column(e.attribute(), schema) == null ? null : col(e.attribute()).isNull()
                    : compare(e.attribute(), e.value(), schema, Op.EQ);
            case GreaterThan e -> compare(e.attribute(), e.value(), schema, Op.GT);
            case GreaterThanOrEqual e -> compare(e.attribute(), e.value(), schema, Op.GE);
            case LessThan e -> compare(e.attribute(), e.value(), schema, Op.LT);
            case LessThanOrEqual e -> compare(e.attribute(), e.value(), schema, Op.LE);
            case In e -> {
                if (column(e.attribute(), schema) == null) yield null;
                List<Object> values = new ArrayList<>();
                for (Object v : e.values()) {
                    Object ours = value(v);
                    if (ours == null) yield null;   // a null in the list, or a value of a type we do not take
                    values.add(ours);
                }
                yield values.isEmpty() ? null : col(e.attribute()).isIn(values);
            }
            case IsNull e -> column(e.attribute(), schema) == null ? null : col(e.attribute()).isNull();
            case IsNotNull e -> column(e.attribute(), schema) == null ? null : col(e.attribute()).isNotNull();
            case StringStartsWith e -> string(e.attribute(), schema) ? col(e.attribute()).startsWith(e.value()) : null;
            case StringEndsWith e -> string(e.attribute(), schema) ? col(e.attribute()).endsWith(e.value()) : null;
            case StringContains e -> string(e.attribute(), schema) ? col(e.attribute()).contains(e.value()) : null;
            case And e -> {
                Expr l = toExpr(e.left(), schema), r = toExpr(e.right(), schema);
                yield l == null || r == null ? null : l.and(r);
            }
            case Or e -> {
                Expr l = toExpr(e.left(), schema), r = toExpr(e.right(), schema);
                yield l == null || r == null ? null : l.or(r);
            }
            case Not e -> {
                Expr inner = toExpr(e.child(), schema);
                yield inner == null ? null : inner.not();
            }
            case AlwaysTrue t -> lit(true);
            case AlwaysFalse t -> lit(false);
            default -> null;
        };
    }

    /** {@code schema} without the columns filters must not be pushed on (INT96 timestamps: Spark's instants, our local times). */
    static Schema pushable(Schema schema, List<String> int96Columns) {
        if (int96Columns.isEmpty()) return schema;
        List<dev.streamingadaptive.frame.Field> kept = new ArrayList<>();
        for (var f : schema.fields()) if (!int96Columns.contains(f.name())) kept.add(f);
        return new Schema(kept);
    }

    /** The conjunction of the filters we translate (null when none). */
    static Expr conjunction(Filter[] filters, Schema schema) {
        Expr all = null;
        for (Filter f : filters) {
            Expr e = toExpr(f, schema);
            if (e != null) all = all == null ? e : all.and(e);
        }
        return all;
    }

    private enum Op { EQ, GT, GE, LT, LE }

    private static Expr compare(String attribute, Object value, Schema schema, Op op) {
        if (column(attribute, schema) == null) return null;
        Object v = value(value);
        if (v == null) return null;
        Expr c = col(attribute), l = lit(v);
        return switch (op) {
            case EQ -> c.eq(l);
            case GT -> c.gt(l);
            case GE -> c.gtEq(l);
            case LT -> c.lt(l);
            case LE -> c.ltEq(l);
        };
    }

    /** The column's type when it is a top-level column Spark sees in its own type, else null. */
    private static DataType column(String attribute, Schema schema) {
        int i = schema.indexOf(attribute);
        if (i < 0) return null;
        DataType t = schema.fields().get(i).type();
        return t.isNested() || !SparkTypes.unchanged(t) || t.kind() == DataType.Kind.INTERVAL ? null : t;
    }

    private static boolean string(String attribute, Schema schema) {
        DataType t = column(attribute, schema);
        return t != null && t.kind() == DataType.Kind.STRING;
    }

    /** Spark's filter value as our literal's value, or null when we do not take it. */
    private static Object value(Object v) {
        return switch (v) {
            case null -> null;
            case Boolean b -> b;
            case Byte b -> b;
            case Short s -> s;
            case Integer i -> i;
            case Long l -> l;
            case Float f -> f;
            case Double d -> d;
            case String s -> s;
            case BigDecimal d -> d;
            case java.time.LocalDate d -> d;
            case java.time.Instant t -> t;
            case java.time.LocalDateTime t -> t;
            // Spark's default (non-java8) external types: the same day and the same instant.
            case java.sql.Date d -> d.toLocalDate();
            case java.sql.Timestamp t -> t.toInstant();
            default -> null;
        };
    }
}
