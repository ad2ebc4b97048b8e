package dev.streamingadaptive.sql;

import dev.streamingadaptive.expr.Conditional;
import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.expr.Literal;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.TimeUnit;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.IntegerDivision;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.create.table.ColDataType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SQL expressions to engine expressions. Column references and whole sub-expressions that the
 * query around them has already computed (aggregates, group keys, subqueries) come from a
 * {@link Resolver}. Literal arithmetic is folded here, exactly: {@code 0.06 + 0.01} is the decimal
 * 0.07 (as in DuckDB), and {@code date '1998-12-01' - interval '90' day} a date.
 */
final class ExpressionTranslator {
    private ExpressionTranslator() {}

    /** Where column references and precomputed sub-expressions come from. */
    interface Resolver {
        /** The expression of a SQL column reference. */
        Expr column(Column c);

        /** The column holding {@code e} when the query computed it already (an aggregate, a group key, a subquery), else null. */
        default Expr replace(Expression e) {
            return null;
        }
    }

    /** SQL names of the aggregate functions. */
    static final Set<String> AGGREGATES = Set.of("sum", "avg", "mean", "min", "max", "count", "stddev", "stddev_samp", "std",
            "variance", "var_samp", "median", "first", "last", "any_value", "arbitrary");

    static boolean isAggregate(Expression e) {
        return e instanceof Function f && AGGREGATES.contains(f.getName().toLowerCase(Locale.ROOT));
    }

    static Expr translate(Expression e, Resolver r) {
        Expr replaced = r.replace(e);
        if (replaced != null) return replaced;
        return switch (e) {
            case Column c -> r.column(c);
            // As DuckDB: an integer literal is INTEGER when it fits (so 1 - price stays a narrow decimal), else BIGINT.
            case LongValue v -> v.getValue() == (int) v.getValue() ? Literal.of((int) v.getValue()) : Literal.of(v.getValue());
            case DoubleValue v -> number(v.toString());
            case StringValue v -> Literal.of(v.getValue());
            case NullValue v -> Literal.of(null);
            case net.sf.jsqlparser.expression.BooleanValue b -> Literal.of(b.getValue());
            case DateTimeLiteralExpression d -> temporal(d.getType().name(), unquote(d.getValue()), e);
            case TimeKeyExpression t -> timeKey(t);
            case SignedExpression s -> negate(translate(s.getExpression(), r), s.getSign());
            case ParenthesedExpressionList<?> p when p.size() == 1 -> translate(p.get(0), r);
            case Addition a -> arithmetic('+', translate(a.getLeftExpression(), r), translate(a.getRightExpression(), r), e);
            case Subtraction a -> arithmetic('-', translate(a.getLeftExpression(), r), translate(a.getRightExpression(), r), e);
            case Multiplication a -> arithmetic('*', translate(a.getLeftExpression(), r), translate(a.getRightExpression(), r), e);
            case Division a -> arithmetic('/', translate(a.getLeftExpression(), r), translate(a.getRightExpression(), r), e);
            case IntegerDivision a -> translate(a.getLeftExpression(), r).floorDiv(translate(a.getRightExpression(), r));
            case Modulo a -> translate(a.getLeftExpression(), r).mod(translate(a.getRightExpression(), r));
            case EqualsTo c -> translate(c.getLeftExpression(), r).eq(translate(c.getRightExpression(), r));
            case NotEqualsTo c -> translate(c.getLeftExpression(), r).neq(translate(c.getRightExpression(), r));
            case GreaterThan c -> translate(c.getLeftExpression(), r).gt(translate(c.getRightExpression(), r));
            case GreaterThanEquals c -> translate(c.getLeftExpression(), r).gtEq(translate(c.getRightExpression(), r));
            case MinorThan c -> translate(c.getLeftExpression(), r).lt(translate(c.getRightExpression(), r));
            case MinorThanEquals c -> translate(c.getLeftExpression(), r).ltEq(translate(c.getRightExpression(), r));
            case AndExpression a -> translate(a.getLeftExpression(), r).and(translate(a.getRightExpression(), r));
            case OrExpression o -> translate(o.getLeftExpression(), r).or(translate(o.getRightExpression(), r));
            case NotExpression n -> translate(n.getExpression(), r).not();
            case IsNullExpression n -> n.isNot() ? translate(n.getLeftExpression(), r).isNotNull() : translate(n.getLeftExpression(), r).isNull();
            case Between b -> {
                Expr x = translate(b.getLeftExpression(), r).isBetween(translate(b.getBetweenExpressionStart(), r),
                        translate(b.getBetweenExpressionEnd(), r));
                yield b.isNot() ? x.not() : x;
            }
            case InExpression in -> inList(in, r);
            case LikeExpression l -> like(l, r);
            case CaseExpression c -> caseWhen(c, r);
            case CastExpression c -> cast(c, r);
            case ExtractExpression x -> datePart(x.getName(), translate(x.getExpression(), r), e);
            // Only date arithmetic takes an interval: it folds this literal away, or turns days into a duration.
            case IntervalExpression i -> new Literal(interval(i), DataType.INTERVAL);
            case Function f -> function(f, r);
            case net.sf.jsqlparser.statement.select.ParenthesedSelect s ->
                    throw unsupported(e, "a subquery here (subqueries go in FROM, or in WHERE/HAVING as IN, EXISTS or a comparison)");
            default -> throw unsupported(e, "the expression " + e.getClass().getSimpleName());
        };
    }

    static SqlException unsupported(Expression e, String what) {
        return new SqlException("not supported: " + what + ", in '" + e + "'");
    }

    private static Expr number(String text) {
        if (text.contains("e") || text.contains("E")) return Literal.of(Double.parseDouble(text));
        return Literal.of(new BigDecimal(text));
    }

    private static String unquote(String s) {
        s = s.trim();
        if (s.length() >= 2 && s.startsWith("'") && s.endsWith("'")) s = s.substring(1, s.length() - 1).replace("''", "'");
        return s;
    }

    private static Expr temporal(String type, String text, Expression at) {
        try {
            return switch (type.toUpperCase(Locale.ROOT)) {
                case "DATE" -> Literal.of(LocalDate.parse(text.trim()));
                case "TIMESTAMP", "DATETIME" -> Literal.of(LocalDateTime.parse(text.trim().replace(' ', 'T')));
                default -> throw unsupported(at, "a " + type + " literal");
            };
        } catch (DateTimeParseException ex) {
            throw new SqlException("not a valid " + type.toLowerCase(Locale.ROOT) + ": '" + text + "' in '" + at + "'");
        }
    }

    private static Expr timeKey(TimeKeyExpression t) {
        return switch (t.getStringValue().toUpperCase(Locale.ROOT)) {
            case "CURRENT_DATE" -> Literal.of(LocalDate.now());
            case "CURRENT_TIMESTAMP" -> Literal.of(LocalDateTime.now());
            default -> throw unsupported(t, t.getStringValue());
        };
    }

    private static Expr negate(Expr x, char sign) {
        if (sign == '+') return x;
        if (x instanceof Literal l && l.value() instanceof BigDecimal d) return Literal.of(d.negate());
        if (x instanceof Literal l && l.value() instanceof Long v) return Literal.of(-v);
        if (x instanceof Literal l && l.value() instanceof Integer v) return v == Integer.MIN_VALUE ? Literal.of(-(long) v) : Literal.of(-v);
        if (x instanceof Literal l && l.value() instanceof Double v) return Literal.of(-v);
        return x.neg();
    }

    /** Folds literal arithmetic exactly (numbers as DuckDB's decimals, dates with intervals); otherwise the engine's operator. */
    private static Expr arithmetic(char op, Expr a, Expr b, Expression at) {
        Object x = a instanceof Literal l ? l.value() : null, y = b instanceof Literal l ? l.value() : null;
        if (x instanceof LocalDate d && y instanceof Interval i && (op == '+' || op == '-')) return Literal.of(i.shift(d, op == '-'));
        if (x instanceof Interval i && y instanceof LocalDate d && op == '+') return Literal.of(i.shift(d, false));
        if (x instanceof LocalDateTime d && y instanceof Interval i && (op == '+' || op == '-')) return Literal.of(i.shift(d, op == '-'));
        if (x instanceof Interval || y instanceof Interval) {
            Interval i = (Interval) (x instanceof Interval ? x : y);
            if (i.months != 0) throw unsupported(at, "month or year intervals added to a column (only to a literal date)");
            Expr duration = Literal.of(java.time.Duration.ofDays(i.days));
            if (x instanceof Interval) {
                if (op != '+') throw unsupported(at, "an interval minus a value");
                return b.add(duration);
            }
            return op == '+' ? a.add(duration) : op == '-' ? a.sub(duration) : (Expr) (Object) failArith(at);
        }
        if (isExact(x) && isExact(y)) {
            BigDecimal p = exact(x), q = exact(y);
            BigDecimal out = switch (op) {
                case '+' -> p.add(q);
                case '-' -> p.subtract(q);
                case '*' -> p.multiply(q);
                default -> null;
            };
            if (out != null) {
                if (!(x instanceof BigDecimal) && !(y instanceof BigDecimal)) {
                    long v = out.longValueExact();
                    return v == (int) v && x instanceof Integer && y instanceof Integer ? Literal.of((int) v) : Literal.of(v);
                }
                return Literal.of(out);
            }
        }
        return switch (op) {
            case '+' -> a.add(b);
            case '-' -> a.sub(b);
            case '*' -> a.mul(b);
            default -> a.div(b);
        };
    }

    private static Expr failArith(Expression at) {
        throw unsupported(at, "this arithmetic with an interval");
    }

    private static boolean isExact(Object v) {
        return v instanceof BigDecimal || v instanceof Long || v instanceof Integer;
    }

    private static BigDecimal exact(Object v) {
        return v instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) v).longValue());
    }

    /** An SQL interval literal: months and days (DuckDB keeps them apart: a month is not 30 days). */
    record Interval(long months, long days) {
        LocalDate shift(LocalDate d, boolean minus) {
            return minus ? d.minusMonths(months).minusDays(days) : d.plusMonths(months).plusDays(days);
        }

        LocalDateTime shift(LocalDateTime d, boolean minus) {
            return minus ? d.minusMonths(months).minusDays(days) : d.plusMonths(months).plusDays(days);
        }
    }

    /** {@code interval '3' month}; as an Expr it is a literal only date arithmetic folds away. */
    static Object interval(IntervalExpression i) {
        String p = i.getParameter() != null ? unquote(i.getParameter())
                : i.getExpression() instanceof StringValue s ? s.getValue() : i.getExpression() != null ? i.getExpression().toString() : null;
        String unit = i.getIntervalType();
        if (p == null) throw unsupported(i, "this interval");
        String[] parts = p.trim().split("\\s+");
        if (unit == null && parts.length == 2) {
            unit = parts[1];
            p = parts[0];
        }
        long n;
        try {
            n = Long.parseLong(p.trim());
        } catch (NumberFormatException ex) {
            throw new SqlException("not a whole number of interval units: '" + p + "' in '" + i + "'");
        }
        String u = unit == null ? "day" : unit.toLowerCase(Locale.ROOT);
        if (u.endsWith("s")) u = u.substring(0, u.length() - 1);
        return switch (u) {
            case "day" -> new Interval(0, n);
            case "week" -> new Interval(0, 7 * n);
            case "month" -> new Interval(n, 0);
            case "quarter" -> new Interval(3 * n, 0);
            case "year" -> new Interval(12 * n, 0);
            default -> throw unsupported(i, "interval unit " + unit);
        };
    }

    private static Expr inList(InExpression in, Resolver r) {
        if (!(in.getRightExpression() instanceof ExpressionList<?> list)) {
            throw unsupported(in, "IN over a subquery here (it must be a condition of WHERE or HAVING joined by AND)");
        }
        Expr x = translate(in.getLeftExpression(), r);
        List<Object> values = new ArrayList<>();
        boolean literals = true;
        List<Expr> items = new ArrayList<>();
        for (Expression v : list) {
            Expr t = translate(v, r);
            items.add(t);
            if (t instanceof Literal l) values.add(l.value());
            else literals = false;
        }
        Expr out;
        if (literals) {
            out = x.isIn(values);
        } else {
            out = null;
            for (Expr t : items) out = out == null ? x.eq(t) : out.or(x.eq(t));
        }
        return in.isNot() ? out.not() : out;
    }

    private static Expr like(LikeExpression l, Resolver r) {
        if (l.getEscape() != null) throw unsupported(l, "LIKE … ESCAPE");
        Expr x = translate(l.getLeftExpression(), r);
        Expr p = translate(l.getRightExpression(), r);
        if (!(p instanceof Literal lit) || !(lit.value() instanceof String pattern)) throw unsupported(l, "a LIKE pattern that is not a string literal");
        Expr out = switch (l.getLikeKeyWord()) {
            case LIKE -> x.like(pattern);
            case ILIKE -> x.lower().like(pattern.toLowerCase(Locale.ROOT));
            default -> throw unsupported(l, l.getLikeKeyWord().name());
        };
        return l.isNot() ? out.not() : out;
    }

    private static Expr caseWhen(CaseExpression c, Resolver r) {
        Expr subject = c.getSwitchExpression() == null ? null : translate(c.getSwitchExpression(), r);
        Conditional out = null;
        for (WhenClause w : c.getWhenClauses()) {
            Expr cond = translate(w.getWhenExpression(), r);
            if (subject != null) cond = subject.eq(cond);
            Expr value = translate(w.getThenExpression(), r);
            out = out == null ? Expr.when(cond).then(value) : out.when(cond).then(value);
        }
        return c.getElseExpression() == null ? out : out.otherwise(translate(c.getElseExpression(), r));
    }

    private static Expr cast(CastExpression c, Resolver r) {
        DataType type = type(c.getColDataType(), c);
        Expr x = translate(c.getLeftExpression(), r);
        if (x instanceof Literal l && l.value() instanceof String s) {
            if (type.equals(DataType.DATE)) return temporal("DATE", s, c);
            if (type instanceof DataType.Timestamp) return temporal("TIMESTAMP", s, c);
            if (type instanceof DataType.Decimal d) {
                try {
                    return new Literal(new BigDecimal(s.trim()).setScale(d.scale(), RoundingMode.HALF_UP), d);
                } catch (NumberFormatException ex) {
                    throw new SqlException("not a number: '" + s + "' in '" + c + "'");
                }
            }
        }
        return x.cast(type);
    }

    /** A SQL type name as one of ours. */
    static DataType type(ColDataType t, Expression at) {
        String name = t.getDataType().toLowerCase(Locale.ROOT).trim();
        List<String> args = t.getArgumentsStringList();
        return switch (name) {
            case "boolean", "bool", "logical" -> DataType.BOOLEAN;
            case "tinyint", "int1" -> DataType.INT8;
            case "smallint", "int2", "short" -> DataType.INT16;
            case "integer", "int", "int4", "signed" -> DataType.INT32;
            case "bigint", "int8", "long" -> DataType.INT64;
            case "utinyint" -> DataType.UINT8;
            case "usmallint" -> DataType.UINT16;
            case "uinteger" -> DataType.UINT32;
            case "ubigint" -> DataType.UINT64;
            case "real", "float", "float4" -> DataType.FLOAT32;
            case "double", "float8", "double precision" -> DataType.FLOAT64;
            case "varchar", "text", "string", "char", "bpchar", "character varying", "character" -> DataType.STRING;
            case "blob", "bytea", "binary", "varbinary" -> DataType.BINARY;
            case "date" -> DataType.DATE;
            case "timestamp", "datetime" -> new DataType.Timestamp(TimeUnit.MICROS, false);
            case "timestamptz", "timestamp with time zone" -> new DataType.Timestamp(TimeUnit.MICROS, true);
            case "decimal", "numeric", "dec" -> {
                int p = args != null && !args.isEmpty() ? Integer.parseInt(args.get(0).trim()) : 18;
                int s = args != null && args.size() > 1 ? Integer.parseInt(args.get(1).trim()) : args != null && !args.isEmpty() ? 0 : 3;
                if (p < 1 || p > 38 || s < 0 || s > p) throw new SqlException("DECIMAL(" + p + "," + s + ") is not a valid decimal type, in '" + at + "'");
                yield new DataType.Decimal(p, s);
            }
            default -> throw unsupported(at, "the type " + t.getDataType());
        };
    }

    private static Expr datePart(String part, Expr x, Expression at) {
        return switch (part.toLowerCase(Locale.ROOT)) {
            case "year", "years" -> x.year();
            case "month", "months" -> x.month();
            case "day", "days" -> x.day();
            case "hour", "hours" -> x.hour();
            case "minute", "minutes" -> x.minute();
            case "second", "seconds" -> x.second();
            case "dow", "weekday", "isodow" -> x.weekday();
            default -> throw unsupported(at, "the date part " + part);
        };
    }

    private static List<Expr> args(Function f, Resolver r) {
        List<Expr> out = new ArrayList<>();
        if (f.getParameters() != null) for (Expression p : f.getParameters()) out.add(translate(p, r));
        return out;
    }

    private static Expr function(Function f, Resolver r) {
        String name = f.getName().toLowerCase(Locale.ROOT);
        if (AGGREGATES.contains(name)) throw unsupported(f, "an aggregate here (aggregates go in SELECT, HAVING or ORDER BY of a grouped query)");
        if (f.getNamedParameters() != null) {
            // substring(x FROM a FOR b)
            if (!name.equals("substring")) throw unsupported(f, "named arguments of " + f.getName());
            var named = f.getNamedParameters();
            List<Expr> a = new ArrayList<>();
            for (Object p : named.getExpressions()) a.add(translate((Expression) p, r));
            return substring(a, f);
        }
        List<Expr> a = args(f, r);
        return switch (name) {
            case "abs" -> one(a, f).abs();
            case "round" -> a.size() == 1 ? a.get(0).round(0) : a.get(0).round(intArg(a, 1, f));
            case "floor" -> one(a, f).floor();
            case "ceil", "ceiling" -> one(a, f).ceil();
            case "lower", "lcase" -> one(a, f).lower();
            case "upper", "ucase" -> one(a, f).upper();
            case "length", "char_length", "character_length", "len" -> one(a, f).length();
            case "substring", "substr" -> substring(a, f);
            case "starts_with", "prefix" -> a.get(0).startsWith(stringArg(a, 1, f));
            case "ends_with", "suffix" -> a.get(0).endsWith(stringArg(a, 1, f));
            case "contains" -> a.get(0).contains(stringArg(a, 1, f));
            case "coalesce", "ifnull" -> Expr.coalesce(a.toArray(Expr[]::new));
            case "year", "month", "day", "hour", "minute", "second", "dayofweek" ->
                    datePart(name.equals("dayofweek") ? "dow" : name, one(a, f), f);
            case "date_part", "datepart" -> datePart(stringArg(a, 0, f), a.get(1), f);
            default -> throw unsupported(f, "the function " + f.getName());
        };
    }

    private static Expr substring(List<Expr> a, Function f) {
        if (a.size() < 2 || a.size() > 3) throw new SqlException("substring takes a string, a start and a length, in '" + f + "'");
        int start = intArg(a, 1, f);
        int length = a.size() == 3 ? intArg(a, 2, f) : Integer.MAX_VALUE;
        // SQL counts from 1; a start before 1 shortens the length, as DuckDB does.
        int from = Math.max(start - 1, 0);
        long end = a.size() == 3 ? (long) start - 1 + length : Long.MAX_VALUE;
        int len = (int) Math.max(0, Math.min(Integer.MAX_VALUE, end - from));
        return a.get(0).substring(from, len);
    }

    private static Expr one(List<Expr> a, Function f) {
        if (a.size() != 1) throw new SqlException(f.getName() + " takes one argument, got " + a.size() + ", in '" + f + "'");
        return a.get(0);
    }

    private static int intArg(List<Expr> a, int i, Function f) {
        if (a.size() > i && a.get(i) instanceof Literal l && l.value() instanceof Integer v) return v;
        throw unsupported(f, "argument " + (i + 1) + " of " + f.getName() + " must be an integer literal");
    }

    private static String stringArg(List<Expr> a, int i, Function f) {
        if (a.size() > i && a.get(i) instanceof Literal l && l.value() instanceof String s) return s;
        throw unsupported(f, "argument " + (i + 1) + " of " + f.getName() + " must be a string literal");
    }

    /** An aggregate call with its argument translated by {@code r}. */
    static Expr aggregate(Function f, Resolver r) {
        String name = f.getName().toLowerCase(Locale.ROOT);
        if (f.isAllColumns() || (name.equals("count") && f.getParameters() != null && f.getParameters().size() == 1
                && f.getParameters().get(0) instanceof net.sf.jsqlparser.statement.select.AllColumns)) {
            if (!name.equals("count")) throw unsupported(f, name + "(*)");
            return Expr.len();
        }
        if (f.getParameters() == null || f.getParameters().size() != 1) {
            throw new SqlException(f.getName() + " takes one argument, in '" + f + "'");
        }
        Expr x = translate(f.getParameters().get(0), r);
        if (f.isDistinct()) {
            if (!name.equals("count")) throw unsupported(f, name + "(DISTINCT …)");
            return x.nUnique();
        }
        return switch (name) {
            case "sum" -> x.sum();
            case "avg", "mean" -> x.mean();
            case "min" -> x.min();
            case "max" -> x.max();
            case "count" -> x.count();
            case "stddev", "stddev_samp", "std" -> x.std();
            case "variance", "var_samp" -> x.var();
            case "median" -> x.median();
            case "first", "any_value", "arbitrary" -> x.first();
            case "last" -> x.last();
            default -> throw unsupported(f, "the aggregate " + f.getName());
        };
    }
}
