package dev.streamingadaptive.expr;

import dev.streamingadaptive.types.Types;

import dev.streamingadaptive.types.TextParser;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DataType.Kind;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.frame.TimeUnit;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Types expressions against a schema with DuckDB's rules, simplified where noted; see
 * {@link Expr#typeIn}. The choices made where DuckDB differs or is silent:
 * <ul>
 *   <li>integer arithmetic ({@code + - * // %}) of any integer types is INT64 (overflow is an
 *       error, never a wrap; UINT64 values above 2^63 - 1 are an error), where DuckDB keeps
 *       narrower types; {@code //} of non-integers is {@code floor(a / b)} as FLOAT64;</li>
 *   <li>a float operand makes the result FLOAT32 when no FLOAT64 is involved, else FLOAT64 (as
 *       DuckDB); decimals combine exactly (sum/difference: max scale, one more integer digit;
 *       product: scales add; modulo: max scale), capped at 38 digits; {@code /} is FLOAT64;</li>
 *   <li>a string literal compared with (or in a list, coalesce or conditional with) a value of
 *       another scalar type is cast to that type, as DuckDB binds it; text that does not parse
 *       is an error here, at typing time;</li>
 *   <li>YEAR … SECOND and WEEKDAY are INT64 (DuckDB's BIGINT); ROUND of DECIMAL(p,s) to d digits
 *       is DECIMAL(p, min(s, max(d, 0))) and FLOOR/CEIL of DECIMAL(p,s) is DECIMAL(p,0) (as
 *       DuckDB); FLOOR/CEIL/ROUND of integers keep the type; NEG of an unsigned integer is INT64;</li>
 *   <li>DATE ± an interval literal of whole days stays a DATE; other date/timestamp ± interval
 *       arithmetic gives a TIMESTAMP (the timestamp's own unit, microseconds for a date);
 *       DATE - DATE is INT64 days;</li>
 *   <li>an untyped null takes the type of its context; alone, or where every operand is one, it
 *       is INTEGER (DuckDB's materialised NULL).</li>
 * </ul>
 */
final class Typer {
    private Typer() {}

    private static final int MAX_LISTED_COLUMNS = 40;
    static final Pattern EVERY = Pattern.compile("(\\d+)(ns|us|ms|s|m|h|d|w|mo|q|y)");

    static DataType typeOf(Expr e, Schema schema) {
        DataType t = new Typer.Walk(schema).type(e, false);
        return t == null ? DataType.INT32 : t;
    }

    /** One typing pass; {@code type} returns null for an untyped null. */
    private record Walk(Schema schema) {

        DataType type(Expr e, boolean inAggregate) {
            return switch (e) {
                case ColumnRef c -> column(c.name());
                case Literal l -> l.type();
                case Alias a -> type(a.input(), inAggregate);
                case Cast c -> cast(c, type(c.input(), inAggregate));
                case BinaryExpr b -> binary(b, inAggregate);
                case FunctionCall f -> function(f, inAggregate);
                case Conditional c -> conditional(c, inAggregate);
                case AggregateExpr a -> aggregate(a, inAggregate);
            };
        }

        private DataType column(String name) {
            int i = schema.indexOf(name);
            if (i >= 0) return schema.fields().get(i).type();
            List<String> names = schema.names();
            StringBuilder sb = new StringBuilder("unknown column '").append(name).append("'; columns: ");
            for (int k = 0; k < names.size() && k < MAX_LISTED_COLUMNS; k++) sb.append(k > 0 ? ", " : "").append(names.get(k));
            if (names.isEmpty()) sb.append("(none)");
            if (names.size() > MAX_LISTED_COLUMNS) sb.append(", … (").append(names.size() - MAX_LISTED_COLUMNS).append(" more)");
            for (Field f : schema.fields()) {
                if (f.name().equalsIgnoreCase(name)) {
                    sb.append("; did you mean '").append(f.name()).append("'?");
                    break;
                }
            }
            throw new ExprTypeException(sb.toString());
        }

        private DataType aggregate(AggregateExpr a, boolean inAggregate) {
            if (inAggregate) throw new ExprTypeException("aggregate " + a + " inside another aggregate is not allowed");
            if (a.input() == null) return DataType.INT64;
            DataType in = type(a.input(), true);
            try {
                return a.function().resultType(in);
            } catch (ExprTypeException ex) {
                throw new ExprTypeException(ex.getMessage() + " in " + a);
            }
        }

        // ---- binary operators ----

        private DataType binary(BinaryExpr b, boolean inAggregate) {
            DataType l = type(b.left(), inAggregate), r = type(b.right(), inAggregate);
            BinaryOperator op = b.op();
            if (op == BinaryOperator.AND || op == BinaryOperator.OR) {
                if (!isBooleanOrNull(l) || !isBooleanOrNull(r)) throw bad(b, op.symbol + " needs BOOLEAN operands", l, r);
                return DataType.BOOLEAN;
            }
            if (op.isComparison()) {
                comparable(b, b.left(), l, b.right(), r);
                return DataType.BOOLEAN;
            }
            return arithmetic(b, l, r);
        }

        private DataType arithmetic(BinaryExpr b, DataType l, DataType r) {
            BinaryOperator op = b.op();
            if (l != null && r != null && (isDateOrTimestamp(l) || isDateOrTimestamp(r) || l.kind() == Kind.INTERVAL || r.kind() == Kind.INTERVAL)) {
                return temporalArithmetic(b, l, r);
            }
            if (l == null && r == null) return op == BinaryOperator.DIV ? DataType.FLOAT64 : DataType.INT64;
            if (l == null && isDateOrTimestamp(r) || r == null && isDateOrTimestamp(l)) {
                if (op == BinaryOperator.ADD || op == BinaryOperator.SUB) return l == null ? r : l;
            }
            DataType x = l == null ? r : l, y = r == null ? l : r;
            if (!Types.isNumeric(x) || !Types.isNumeric(y)) throw bad(b, "cannot apply " + op.symbol + " to", l, r);
            return numericResult(b, op, x, y);
        }

        private DataType temporalArithmetic(BinaryExpr b, DataType l, DataType r) {
            BinaryOperator op = b.op();
            boolean lInterval = l.kind() == Kind.INTERVAL, rInterval = r.kind() == Kind.INTERVAL;
            if (op == BinaryOperator.SUB && l.kind() == Kind.DATE && r.kind() == Kind.DATE) return DataType.INT64;
            if ((op == BinaryOperator.ADD || op == BinaryOperator.SUB) && isDateOrTimestamp(l) && rInterval) {
                return shifted(l, b.right());
            }
            if (op == BinaryOperator.ADD && lInterval && isDateOrTimestamp(r)) return shifted(r, b.left());
            throw bad(b, "cannot apply " + op.symbol + " to", l, r);
        }

        /** A date or timestamp shifted by an interval. */
        private static DataType shifted(DataType base, Expr interval) {
            if (base.kind() == Kind.TIMESTAMP) return base;
            if (interval instanceof Literal lit && lit.value() instanceof Duration d && d.toNanos() % 86_400_000_000_000L == 0) {
                return DataType.DATE;
            }
            return new DataType.Timestamp(TimeUnit.MICROS, false);
        }

        private static DataType numericResult(BinaryExpr b, BinaryOperator op, DataType x, DataType y) {
            if (op == BinaryOperator.DIV) return DataType.FLOAT64;
            boolean ints = Types.isInteger(x) && Types.isInteger(y);
            if (ints) return DataType.INT64;
            if (op == BinaryOperator.FLOOR_DIV) return DataType.FLOAT64;
            if (Types.isFloat(x) || Types.isFloat(y)) {
                return x.kind() == Kind.FLOAT64 || y.kind() == Kind.FLOAT64 ? DataType.FLOAT64 : DataType.FLOAT32;
            }
            DataType.Decimal p = Types.asDecimal(x), q = Types.asDecimal(y);
            int pi = p.precision() - p.scale(), qi = q.precision() - q.scale();
            return switch (op) {
                case ADD, SUB -> Types.decimal(Math.max(pi, qi) + 1, Math.max(p.scale(), q.scale()));
                case MOD -> Types.decimal(Math.max(pi, qi), Math.max(p.scale(), q.scale()));
                case MUL -> {
                    int scale = p.scale() + q.scale();
                    if (scale > 38) throw bad(b, "the product's scale " + scale + " exceeds 38 digits", x, y);
                    yield new DataType.Decimal(Math.min(38, p.precision() + q.precision()), scale);
                }
                default -> throw new IllegalStateException(op.name());
            };
        }

        /** Checks that {@code a} and {@code b} can be compared; a string literal on one side binds to the other's type. */
        private void comparable(Expr whole, Expr a, DataType ta, Expr b, DataType tb) {
            if (ta == null || tb == null) {
                DataType t = ta == null ? tb : ta;
                if (t != null && !Types.isOrderable(t)) throw bad(whole, "cannot compare", ta, tb);
                return;
            }
            if (bindsTo(b, ta, whole) || bindsTo(a, tb, whole)) return;
            DataType common = Types.common(ta, tb);
            if (common == null || !Types.isOrderable(common)) throw bad(whole, "cannot compare", ta, tb);
        }

        /**
         * True when {@code e} is a string literal and {@code target} a non-string scalar type: then
         * the literal must parse as that type (else an ExprTypeException naming {@code whole}).
         */
        private boolean bindsTo(Expr e, DataType target, Expr whole) {
            if (!(e instanceof Literal l) || !(l.value() instanceof String s) || Types.isString(target)) return false;
            if (!Types.isOrderable(target)) return false;
            try {
                TextParser.parse(s, target);
            } catch (IllegalArgumentException ex) {
                throw new ExprTypeException("in " + whole + ": " + ex.getMessage());
            }
            return true;
        }

        // ---- functions ----

        private DataType function(FunctionCall f, boolean inAggregate) {
            List<Expr> args = f.args();
            DataType[] t = new DataType[args.size()];
            for (int i = 0; i < t.length; i++) t[i] = type(args.get(i), inAggregate);
            DataType x = t[0];
            return switch (f.function()) {
                case NEG -> {
                    arity(f, 1);
                    if (x == null) yield DataType.INT64;
                    if (!Types.isNumeric(x)) throw bad(f, "cannot negate", t);
                    yield Types.isUnsigned(x) ? DataType.INT64 : x;
                }
                case NOT -> {
                    arity(f, 1);
                    if (!isBooleanOrNull(x)) throw bad(f, "NOT needs a BOOLEAN operand", t);
                    yield DataType.BOOLEAN;
                }
                case IS_NULL, IS_NOT_NULL -> {
                    arity(f, 1);
                    yield DataType.BOOLEAN;
                }
                case IS_IN -> {
                    for (int i = 1; i < t.length; i++) comparable(f, args.get(0), x, args.get(i), t[i]);
                    yield DataType.BOOLEAN;
                }
                case IS_BETWEEN -> {
                    arity(f, 3);
                    comparable(f, args.get(0), x, args.get(1), t[1]);
                    comparable(f, args.get(0), x, args.get(2), t[2]);
                    yield DataType.BOOLEAN;
                }
                case COALESCE -> common(f, args, t);
                case ABS -> {
                    arity(f, 1);
                    if (x != null && !Types.isNumeric(x)) throw bad(f, "ABS needs a number", t);
                    yield x == null ? DataType.INT32 : x;
                }
                case ROUND -> {
                    arity(f, 2);
                    int digits = intLiteral(f, 1, "the number of decimals");
                    if (x == null) yield DataType.INT32;
                    if (!Types.isNumeric(x)) throw bad(f, "ROUND needs a number", t);
                    if (x instanceof DataType.Decimal d) yield new DataType.Decimal(d.precision(), Math.min(d.scale(), Math.max(digits, 0)));
                    yield x;
                }
                case FLOOR, CEIL -> {
                    arity(f, 1);
                    if (x == null) yield DataType.INT32;
                    if (!Types.isNumeric(x)) throw bad(f, f.function().sqlName().toUpperCase(Locale.ROOT) + " needs a number", t);
                    yield x instanceof DataType.Decimal d ? new DataType.Decimal(d.precision(), 0) : x;
                }
                case STARTS_WITH, ENDS_WITH, CONTAINS, LIKE -> {
                    arity(f, 2);
                    string(f, x, t);
                    stringLiteral(f, 1);
                    yield DataType.BOOLEAN;
                }
                case LOWER, UPPER -> {
                    arity(f, 1);
                    string(f, x, t);
                    yield DataType.STRING;
                }
                case LENGTH -> {
                    arity(f, 1);
                    string(f, x, t);
                    yield DataType.INT64;
                }
                case SUBSTRING -> {
                    arity(f, 3);
                    string(f, x, t);
                    if (intLiteral(f, 1, "the offset") < 0) throw bad(f, "the offset must not be negative", t);
                    if (intLiteral(f, 2, "the length") < 0) throw bad(f, "the length must not be negative", t);
                    yield DataType.STRING;
                }
                case YEAR, MONTH, DAY, WEEKDAY -> {
                    arity(f, 1);
                    if (x != null && !isDateOrTimestamp(x)) throw bad(f, f.function().sqlName() + " needs a DATE or TIMESTAMP", t);
                    yield DataType.INT64;
                }
                case HOUR, MINUTE, SECOND -> {
                    arity(f, 1);
                    if (x != null && !Types.isTemporal(x)) throw bad(f, f.function().sqlName() + " needs a DATE, TIMESTAMP or TIME", t);
                    yield DataType.INT64;
                }
                case TRUNCATE -> {
                    arity(f, 2);
                    if (x != null && !isDateOrTimestamp(x)) throw bad(f, "truncate needs a DATE or TIMESTAMP", t);
                    String every = stringLiteral(f, 1);
                    java.util.regex.Matcher m = EVERY.matcher(every);
                    if (!m.matches() || m.group(1).length() > 9 || Long.parseLong(m.group(1)) <= 0) {
                        throw new ExprTypeException("in " + f + ": cannot truncate to '" + every
                                + "'; expected a positive count and a unit: ns, us, ms, s, m, h, d, w, mo, q, y (e.g. 15m, 1d, 1mo)");
                    }
                    yield x == null ? DataType.DATE : x;
                }
            };
        }

        private DataType conditional(Conditional c, boolean inAggregate) {
            for (Expr cond : c.conditions()) {
                DataType t = type(cond, inAggregate);
                if (!isBooleanOrNull(t)) throw bad(c, "a WHEN condition must be BOOLEAN, not " + Types.name(t) + " (" + cond + ")");
            }
            List<Expr> values = new java.util.ArrayList<>(c.values());
            values.add(c.otherwise());
            DataType[] t = new DataType[values.size()];
            for (int i = 0; i < t.length; i++) t[i] = type(values.get(i), inAggregate);
            return common(c, values, t);
        }

        /** The common type of values (coalesce, when/then): string literals bind to a non-string type when there is one. */
        private DataType common(Expr whole, List<Expr> values, DataType[] t) {
            DataType common = null;
            boolean any = false;
            for (int i = 0; i < t.length; i++) {
                if (isStringLiteral(values.get(i))) continue;
                if (t[i] == null) continue;
                DataType next = any ? Types.common(common, t[i]) : t[i];
                if (next == null) throw bad(whole, "values have no common type", t);
                common = next;
                any = true;
            }
            for (int i = 0; i < t.length; i++) {
                if (!isStringLiteral(values.get(i))) continue;
                if (common == null || Types.isString(common)) {
                    common = DataType.STRING;
                } else if (!bindsTo(values.get(i), common, whole)) {
                    throw bad(whole, "values have no common type", t);
                }
            }
            return common == null ? DataType.INT32 : common;
        }

        // ---- casts ----

        private DataType cast(Cast c, DataType from) {
            DataType to = c.type();
            if (from == null) return to;
            if (!castable(from, to)) throw bad(c, "cannot cast " + Types.name(from) + " to " + Types.name(to));
            if (c.input() instanceof Literal l && l.value() instanceof String s && !Types.isString(to)) {
                try {
                    TextParser.parse(s, to);
                } catch (IllegalArgumentException ex) {
                    throw new ExprTypeException("in " + c + ": " + ex.getMessage());
                }
            }
            return to;
        }

        private static boolean castable(DataType from, DataType to) {
            if (from.equals(to)) return !to.isNested();
            Kind f = from.kind(), t = to.kind();
            if (to.isNested() || t == Kind.INTERVAL || t == Kind.FLOAT16 || t == Kind.FIXED_BINARY || t == Kind.ENUM || t == Kind.BSON) {
                return false;
            }
            boolean numberOrBool = Types.isNumeric(from) || f == Kind.BOOLEAN;
            if (Types.isNumeric(to) || t == Kind.BOOLEAN) return numberOrBool || Types.isString(from);
            if (t == Kind.STRING || t == Kind.JSON) {
                return numberOrBool || Types.isString(from) || Types.isTemporal(from) || f == Kind.UUID;
            }
            if (Types.isString(from)) return t == Kind.DATE || t == Kind.TIME || t == Kind.TIMESTAMP || t == Kind.UUID || t == Kind.BINARY;
            return switch (t) {
                case DATE -> f == Kind.TIMESTAMP;
                case TIMESTAMP -> f == Kind.DATE || f == Kind.TIMESTAMP;
                case TIME -> f == Kind.TIME || f == Kind.TIMESTAMP;
                case BINARY -> Types.isBinaryLike(from);
                default -> false;
            };
        }

        // ---- helpers ----

        private static void arity(FunctionCall f, int n) {
            if (f.args().size() != n) {
                throw new ExprTypeException(f.function().sqlName() + " takes " + n + " argument" + (n == 1 ? "" : "s")
                        + ", got " + f.args().size() + " in " + f);
            }
        }

        private static void string(FunctionCall f, DataType x, DataType[] t) {
            if (x != null && !Types.isString(x)) throw bad(f, f.function().sqlName() + " needs a VARCHAR", t);
        }

        private static String stringLiteral(FunctionCall f, int i) {
            if (f.args().get(i) instanceof Literal l && l.value() instanceof String s) return s;
            throw new ExprTypeException("in " + f + ": argument " + (i + 1) + " of " + f.function().sqlName() + " must be a string constant");
        }

        private static int intLiteral(FunctionCall f, int i, String what) {
            if (f.args().get(i) instanceof Literal l && (l.value() instanceof Integer || l.value() instanceof Long
                    || l.value() instanceof Short || l.value() instanceof Byte)) {
                long v = ((Number) l.value()).longValue();
                if (v == (int) v) return (int) v;
            }
            throw new ExprTypeException("in " + f + ": " + what + " must be an integer constant");
        }

        private static boolean isBooleanOrNull(DataType t) {
            return t == null || t.kind() == Kind.BOOLEAN;
        }

        private static boolean isDateOrTimestamp(DataType t) {
            return t != null && (t.kind() == Kind.DATE || t.kind() == Kind.TIMESTAMP);
        }

        private static boolean isStringLiteral(Expr e) {
            return e instanceof Literal l && l.value() instanceof String;
        }

        private static ExprTypeException bad(Expr e, String what, DataType... operands) {
            StringBuilder sb = new StringBuilder(what);
            if (operands.length > 0) {
                sb.append(operands.length == 1 ? " " : " ");
                for (int i = 0; i < operands.length; i++) {
                    if (i > 0) sb.append(i == operands.length - 1 ? " and " : ", ");
                    sb.append(Types.name(operands[i]));
                }
            }
            return new ExprTypeException(sb.append(" in ").append(e).toString());
        }
    }
}
