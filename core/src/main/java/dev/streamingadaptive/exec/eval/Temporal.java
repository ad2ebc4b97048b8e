package dev.streamingadaptive.exec.eval;

import dev.streamingadaptive.expr.BinaryExpr;
import dev.streamingadaptive.expr.BinaryOperator;
import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.expr.ExprTypeException;
import dev.streamingadaptive.expr.Literal;
import dev.streamingadaptive.expr.ScalarFunction;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DataType.Kind;
import dev.streamingadaptive.frame.TimeUnit;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Date and time parts, truncation and interval arithmetic on stored day/unit counts, with
 * integer civil-calendar arithmetic (no per-row objects). Parts are INT64; WEEKDAY is ISO (Monday
 * 1 … Sunday 7); SECOND is the whole second. TRUNCATE floors to multiples of the unit counted from
 * the epoch (weeks from Monday 1969-12-29; months, quarters and years on the calendar).
 */
final class Temporal {
    private Temporal() {}

    private static final Pattern EVERY = Pattern.compile("(\\d+)(ns|us|ms|s|m|h|d|w|mo|q|y)");

    static UnaryOperator<Column> kernel(ScalarFunction f, DataType in, List<Expr> args) {
        if (f == ScalarFunction.TRUNCATE) return truncate(in, (String) ((Literal) args.get(1)).value());
        long perSecond = perSecond(in);
        long perDay = perSecond * 86_400L;
        Kind k = in.kind();
        return c -> {
            long[] v = Vectors.longs(c);
            int n = c.size();
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                long x = v[i];
                long days = k == Kind.DATE ? x : k == Kind.TIME ? 0 : Math.floorDiv(x, perDay);
                long ofDay = k == Kind.DATE ? 0 : k == Kind.TIME ? x : Math.floorMod(x, perDay);
                out[i] = switch (f) {
                    case YEAR -> civil(days)[0];
                    case MONTH -> civil(days)[1];
                    case DAY -> civil(days)[2];
                    case WEEKDAY -> Math.floorMod(days + 3, 7) + 1;
                    case HOUR -> ofDay / (perSecond * 3600);
                    case MINUTE -> ofDay / (perSecond * 60) % 60;
                    case SECOND -> ofDay / perSecond % 60;
                    default -> throw new IllegalStateException(f.name());
                };
            }
            return new dev.streamingadaptive.frame.LongColumn(Vectors.NAME, DataType.INT64, out, n, Vectors.nulls(c));
        };
    }

    private static long perSecond(DataType t) {
        return switch (t) {
            case DataType.Timestamp ts -> ts.unit().perSecond;
            case DataType.Time tm -> tm.unit().perSecond;
            default -> 1;
        };
    }

    /** {year, month, day} of days since 1970-01-01 (Howard Hinnant's civil_from_days). */
    static long[] civil(long days) {
        long z = days + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        return new long[] {m <= 2 ? y + 1 : y, m, d};
    }

    /** Days since 1970-01-01 of a civil date. */
    static long days(long y, long m, long d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    private static UnaryOperator<Column> truncate(DataType in, String every) {
        Matcher m = EVERY.matcher(every);
        if (!m.matches()) throw new ExprTypeException("cannot truncate to '" + every + "'");
        long count = Long.parseLong(m.group(1));
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        long perSecond = perSecond(in);
        boolean date = in.kind() == Kind.DATE;
        long perDayUnits = date ? 1 : perSecond * 86_400L;
        boolean calendar = unit.equals("mo") || unit.equals("q") || unit.equals("y");
        long months = unit.equals("mo") ? count : unit.equals("q") ? 3 * count : 12 * count;
        // Fixed-length steps in the column's units (for dates: in days; sub-day steps leave dates unchanged).
        long step = switch (unit) {
            case "ns" -> date ? 0 : Math.max(1, count * perSecond / 1_000_000_000L);
            case "us" -> date ? 0 : Math.max(1, count * perSecond / 1_000_000L);
            case "ms" -> date ? 0 : Math.max(1, count * perSecond / 1000L);
            case "s" -> date ? 0 : count * perSecond;
            case "m" -> date ? 0 : count * perSecond * 60;
            case "h" -> date ? 0 : count * perSecond * 3600;
            case "d" -> count * perDayUnits;
            case "w" -> 7 * count * perDayUnits;
            default -> 0;
        };
        long origin = unit.equals("w") ? -3 * perDayUnits : 0; // Monday 1969-12-29
        return c -> {
            long[] v = Vectors.longs(c);
            int n = c.size();
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                long x = v[i];
                if (calendar) {
                    long days = date ? x : Math.floorDiv(x, perDayUnits);
                    long[] ymd = civil(days);
                    long idx = ymd[0] * 12 + (ymd[1] - 1);
                    idx = Math.floorDiv(idx, months) * months;
                    long d = days(Math.floorDiv(idx, 12), Math.floorMod(idx, 12) + 1, 1);
                    out[i] = date ? d : d * perDayUnits;
                } else if (step == 0) {
                    out[i] = x;
                } else {
                    out[i] = Math.floorDiv(x - origin, step) * step + origin;
                }
            }
            return Vectors.ofLongs(in, out, n, Vectors.nulls(c));
        };
    }

    // ---- arithmetic ----

    static boolean isTemporalArithmetic(DataType l, DataType r) {
        return l != null && r != null && (isDateOrTs(l) || isDateOrTs(r) || l.kind() == Kind.INTERVAL || r.kind() == Kind.INTERVAL);
    }

    private static boolean isDateOrTs(DataType t) {
        return t.kind() == Kind.DATE || t.kind() == Kind.TIMESTAMP;
    }

    /** date/timestamp ± interval constant, interval + date/timestamp, date - date (days). */
    static Node arithmetic(BinaryExpr b, Node left, Node right, DataType result, String what) {
        if (left.type.kind() == Kind.DATE && right.type.kind() == Kind.DATE) {
            return new Node.Computed(DataType.INT64, batch -> Arithmetic.longs(BinaryOperator.SUB, value(left, batch),
                    left instanceof Node.Const, value(right, batch), right instanceof Node.Const, batch.height(), what));
        }
        boolean intervalLeft = left.type.kind() == Kind.INTERVAL;
        Expr intervalExpr = intervalLeft ? b.left() : b.right();
        Node base = intervalLeft ? right : left;
        if (!(intervalExpr instanceof Literal lit && lit.value() instanceof Duration d)) {
            throw new ExprTypeException("only interval constants (java.time.Duration) are supported in " + what);
        }
        Duration shift = b.op() == BinaryOperator.SUB ? d.negated() : d;
        long unitsPerSecond = result instanceof DataType.Timestamp ts ? ts.unit().perSecond : 1;
        long delta;
        if (result.kind() == Kind.DATE) {
            delta = shift.toDays();
        } else {
            long nanosPerUnit = 1_000_000_000L / unitsPerSecond;
            long seconds = shift.getSeconds(), nanos = shift.getNano();
            if (seconds < 0 && nanos > 0) { // truncate toward zero, as DuckDB's interval arithmetic
                seconds++;
                nanos -= 1_000_000_000L;
            }
            delta = Math.addExact(Math.multiplyExact(seconds, unitsPerSecond), nanos / nanosPerUnit);
        }
        UnaryOperator<Column> k = c -> {
            Column in = c.type().equals(result) ? c : Casts.cast(c, result, what);
            long[] v = Vectors.longs(in);
            int n = in.size();
            long[] out = new long[n];
            long overflow = 0;
            for (int i = 0; i < n; i++) {
                long x = v[i], r = x + delta;
                out[i] = r;
                overflow |= (x ^ r) & (delta ^ r);
            }
            if (overflow < 0) throw new EvaluationException("timestamp overflow in " + what);
            return Vectors.ofLongs(result, out, n, Vectors.nulls(in));
        };
        if (base instanceof Node.Const cst) return new Node.Const(k.apply(cst.one));
        return new Node.Unary(result, base, k);
    }

    private static Column value(Node n, DataFrame batch) {
        return n instanceof Node.Const c ? c.one : n.eval(batch);
    }

    static long unitsPerDay(TimeUnit u) {
        return u.perSecond * 86_400L;
    }
}
