package dev.streamingadaptive.exec.eval;

import dev.streamingadaptive.types.TextParser;
import dev.streamingadaptive.types.TypeNames;
import dev.streamingadaptive.expr.AggregateExpr;
import dev.streamingadaptive.expr.Alias;
import dev.streamingadaptive.expr.BinaryExpr;
import dev.streamingadaptive.expr.BinaryOperator;
import dev.streamingadaptive.expr.Cast;
import dev.streamingadaptive.expr.ColumnRef;
import dev.streamingadaptive.expr.Conditional;
import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.expr.ExprTypeException;
import dev.streamingadaptive.expr.FunctionCall;
import dev.streamingadaptive.expr.Literal;
import dev.streamingadaptive.expr.ScalarFunction;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.ColumnConcat;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.NullColumn;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.predicate.Rows;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a typed expression into a tree of whole-batch kernels. Types come from the expression
 * typer ({@link Expr#typeIn}); the compiler inserts the implicit conversions (operands to their
 * common type, string literals to the type they are compared with), folds constant
 * sub-expressions once, and keeps constant operands of comparisons and arithmetic as scalars.
 */
public final class ExpressionCompiler {
    private static final DataFrame ONE_ROW = new DataFrame(List.of(), 1);

    private final Schema schema;

    private ExpressionCompiler(Schema schema) {
        this.schema = schema;
    }

    /**
     * Types {@code expr} against {@code schema} once and prepares it for evaluating many batches of
     * that schema.
     *
     * @throws ExprTypeException when the expression does not type, or contains an aggregate
     *         ("aggregate mean(price) outside of agg")
     */
    public static CompiledExpression compile(Expr expr, Schema schema) {
        AggregateExpr agg = firstAggregate(expr);
        if (agg != null) throw new ExprTypeException("aggregate " + agg + " outside of agg");
        DataType type = expr.typeIn(schema);
        Node node = new ExpressionCompiler(schema).node(expr);
        if (isUntypedNull(expr)) node = new Node.Const(new NullColumn(Vectors.NAME, type, 1));
        return new Compiled(node, type, expr.outputName(), schema);
    }

    private static AggregateExpr firstAggregate(Expr e) {
        if (e instanceof AggregateExpr a) return a;
        for (Expr c : e.children()) {
            AggregateExpr a = firstAggregate(c);
            if (a != null) return a;
        }
        return null;
    }

    /** The compiled form handed to executors; immutable and safe to share between threads. */
    private record Compiled(Node node, DataType type, String name, Schema schema) implements CompiledExpression {
        @Override public Column evaluate(DataFrame batch) {
            if (!batch.schema().equals(schema)) {
                throw new IllegalArgumentException("batch schema " + batch.schema() + " differs from the compiled schema " + schema);
            }
            Column c = node.eval(batch);
            if (c.size() != batch.height()) c = Vectors.broadcast(c, batch.height());
            return c.rename(name);
        }
    }

    // ---- the walk ----

    private DataType typeOf(Expr e) {
        return e.typeIn(schema);
    }

    private static boolean isUntypedNull(Expr e) {
        return e instanceof Literal l && l.type() == null || e instanceof Alias a && isUntypedNull(a.input());
    }

    private Node node(Expr e) {
        return switch (e) {
            case ColumnRef c -> new Node.ColumnAt(schema.indexOf(c.name()), typeOf(c));
            case Literal l -> new Node.Const(l.type() == null ? new NullColumn(Vectors.NAME, DataType.INT32, 1) : Literals.of(l.value(), l.type()));
            case Alias a -> node(a.input());
            case Cast c -> as(c.input(), c.type(), c.toString());
            case BinaryExpr b -> binary(b);
            case FunctionCall f -> function(f);
            case Conditional c -> conditional(c);
            case AggregateExpr a -> throw new ExprTypeException("aggregate " + a + " outside of agg");
        };
    }

    /** {@code e} converted to {@code target} (an untyped null becomes a null of it). */
    private Node as(Expr e, DataType target, String what) {
        if (isUntypedNull(e)) return new Node.Const(new NullColumn(Vectors.NAME, target, 1));
        Node n = node(e);
        if (n.type.equals(target)) return n;
        if (n instanceof Node.Const c) return new Node.Const(Casts.cast(c.one, target, what));
        return new Node.Unary(target, n, c -> Casts.cast(c, target, what));
    }

    private static Column value(Node n, DataFrame batch) {
        return n instanceof Node.Const c ? c.one : n.eval(batch);
    }

    private static boolean isNullConst(Node n) {
        return n instanceof Node.Const c && c.isNull();
    }

    /** A node whose inputs are all constants becomes a constant, computed once. */
    private static Node fold(Node n, Node... inputs) {
        for (Node i : inputs) if (!(i instanceof Node.Const)) return n;
        return new Node.Const(n.eval(ONE_ROW));
    }

    private static Node nullOf(DataType t) {
        return new Node.Const(new NullColumn(Vectors.NAME, t, 1));
    }

    /** The type operands meet in (what coalesce of them would be), with string literals bound to the other side. */
    private DataType common(List<Expr> exprs) {
        return new FunctionCall(ScalarFunction.COALESCE, exprs).typeIn(schema);
    }

    // ---- binary ----

    private Node binary(BinaryExpr b) {
        String what = b.toString();
        BinaryOperator op = b.op();
        if (op == BinaryOperator.AND || op == BinaryOperator.OR) {
            Node l = as(b.left(), DataType.BOOLEAN, what), r = as(b.right(), DataType.BOOLEAN, what);
            boolean and = op == BinaryOperator.AND;
            return fold(new Node.Computed(DataType.BOOLEAN, batch -> Logic.andOr(and, value(l, batch), value(r, batch), batch.height())), l, r);
        }
        if (op.isComparison()) return comparison(op, b.left(), b.right(), what);
        DataType result = typeOf(b);
        DataType lt = isUntypedNull(b.left()) ? null : typeOf(b.left()), rt = isUntypedNull(b.right()) ? null : typeOf(b.right());
        if (Temporal.isTemporalArithmetic(lt, rt)) return Temporal.arithmetic(b, node(b.left()), node(b.right()), result, what);
        DataType operand = result;
        Node l, r;
        if (result instanceof DataType.Decimal && op == BinaryOperator.MUL) {
            l = as(b.left(), ownDecimal(lt, rt), what);
            r = as(b.right(), ownDecimal(rt, lt), what);
        } else {
            l = as(b.left(), operand, what);
            r = as(b.right(), operand, what);
        }
        if (isNullConst(l) || isNullConst(r)) return nullOf(result);
        boolean lc = l instanceof Node.Const, rc = r instanceof Node.Const;
        Node n = switch (result.kind()) {
            case INT64 -> new Node.Computed(result, batch -> Arithmetic.longs(op, value(l, batch), lc, value(r, batch), rc, batch.height(), what));
            case FLOAT64 -> new Node.Computed(result, batch -> Arithmetic.doubles(op, value(l, batch), lc, value(r, batch), rc, batch.height()));
            case FLOAT32 -> new Node.Computed(result, batch -> Arithmetic.floats(op, value(l, batch), lc, value(r, batch), rc, batch.height()));
            case DECIMAL -> new Node.Computed(result, batch -> Arithmetic.decimals(op, value(l, batch), lc, value(r, batch), rc,
                    batch.height(), (DataType.Decimal) result, what));
            default -> throw new ExprTypeException("cannot evaluate " + what + " of type " + TypeNames.of(result));
        };
        return fold(n, l, r);
    }

    /** A multiplication operand as a decimal of its own scale (integers as DECIMAL(10,0) or (20,0)). */
    private static DataType ownDecimal(DataType t, DataType other) {
        if (t == null) t = other;
        if (t instanceof DataType.Decimal d) return d;
        return Casts.isInteger(t) && Vectors.storesInInt(t) ? new DataType.Decimal(10, 0) : new DataType.Decimal(20, 0);
    }

    private Node comparison(BinaryOperator op, Expr left, Expr right, String what) {
        DataType domain = common(List.of(left, right));
        Node l = as(left, domain, what), r = as(right, domain, what);
        if (isNullConst(l) || isNullConst(r)) return nullOf(DataType.BOOLEAN);
        if (r instanceof Node.Const c && !(l instanceof Node.Const)) {
            return new Node.Unary(DataType.BOOLEAN, l, Comparisons.withConstant(op, c.one, domain));
        }
        if (l instanceof Node.Const c && !(r instanceof Node.Const)) {
            return new Node.Unary(DataType.BOOLEAN, r, Comparisons.withConstant(op.flip(), c.one, domain));
        }
        return fold(new Node.Computed(DataType.BOOLEAN, batch -> Comparisons.columns(op, value(l, batch), value(r, batch), domain)), l, r);
    }

    // ---- functions ----

    private Node function(FunctionCall f) {
        String what = f.toString();
        List<Expr> args = f.args();
        DataType type = typeOf(f);
        Expr x = args.get(0);
        return switch (f.function()) {
            case NOT -> unary(DataType.BOOLEAN, as(x, DataType.BOOLEAN, what), Logic::not);
            case IS_NULL, IS_NOT_NULL -> {
                boolean neg = f.function() == ScalarFunction.IS_NOT_NULL;
                if (isUntypedNull(x)) yield new Node.Const(Logic.isNull(new NullColumn(Vectors.NAME, DataType.INT32, 1), neg));
                Node in = node(x);
                yield fold(new Node.Computed(DataType.BOOLEAN, batch -> Logic.isNull(in.eval(batch), neg)), in);
            }
            case IS_IN -> in(f, what);
            case IS_BETWEEN -> node(new BinaryExpr(BinaryOperator.AND, new BinaryExpr(BinaryOperator.GE, x, args.get(1)),
                    new BinaryExpr(BinaryOperator.LE, x, args.get(2))));
            case COALESCE -> coalesce(args, type, what);
            case NEG, ABS, ROUND, FLOOR, CEIL -> {
                Node in = as(x, type == null ? DataType.INT32 : numericInput(f, type), what);
                int digits = f.function() == ScalarFunction.ROUND ? ((Number) ((Literal) args.get(1)).value()).intValue() : 0;
                yield unary(type, in, Numeric.kernel(f.function(), in.type, type, digits, what));
            }
            case STARTS_WITH, ENDS_WITH, CONTAINS, LIKE, LOWER, UPPER, LENGTH, SUBSTRING -> {
                Node in = as(x, DataType.STRING, what);
                yield unary(type, in, Strings.kernel(f.function(), args));
            }
            case YEAR, MONTH, DAY, HOUR, MINUTE, SECOND, WEEKDAY, TRUNCATE -> {
                if (isUntypedNull(x)) yield nullOf(type);
                Node in = node(x);
                yield unary(type, in, Temporal.kernel(f.function(), in.type, args));
            }
        };
    }

    /** ROUND/FLOOR/CEIL/ABS work on the input's own type; NEG of an unsigned integer on INT64. */
    private DataType numericInput(FunctionCall f, DataType result) {
        if (f.function() == ScalarFunction.NEG) return result;
        DataType in = isUntypedNull(f.args().get(0)) ? result : typeOf(f.args().get(0));
        return in.kind() == DataType.Kind.FLOAT16 ? DataType.FLOAT32 : in;
    }

    private static Node unary(DataType type, Node in, java.util.function.UnaryOperator<Column> kernel) {
        if (isNullConst(in)) return nullOf(type);
        return fold(new Node.Unary(type, in, kernel), in);
    }

    private Node in(FunctionCall f, String what) {
        List<Expr> args = f.args();
        Expr x = args.get(0);
        if (args.size() == 1) return new Node.Const(Literals.of(false, DataType.BOOLEAN));
        boolean allLiterals = true;
        for (int i = 1; i < args.size(); i++) allLiterals &= args.get(i) instanceof Literal;
        if (!allLiterals) {
            Expr or = null;
            for (int i = 1; i < args.size(); i++) {
                Expr eq = new BinaryExpr(BinaryOperator.EQ, x, args.get(i));
                or = or == null ? eq : new BinaryExpr(BinaryOperator.OR, or, eq);
            }
            return node(or);
        }
        DataType domain = common(args);
        List<Column> constants = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) constants.add(((Node.Const) as(args.get(i), domain, what)).one);
        Column list = constants.size() == 1 ? constants.get(0) : ColumnConcat.concat(constants);
        Node in = as(x, domain, what);
        return unary(DataType.BOOLEAN, in, Logic.in(list, domain));
    }

    private Node coalesce(List<Expr> args, DataType type, String what) {
        List<Node> nodes = new ArrayList<>();
        for (Expr a : args) {
            Node n = as(a, type, what);
            if (isNullConst(n)) continue;
            nodes.add(n);
            if (n instanceof Node.Const) break; // a non-null constant ends the search
        }
        if (nodes.isEmpty()) return nullOf(type);
        if (nodes.size() == 1) return nodes.get(0);
        Node[] ns = nodes.toArray(new Node[0]);
        return fold(new Node.Computed(type, batch -> {
            int n = batch.height();
            int[] which = new int[n];
            java.util.Arrays.fill(which, -1);
            Column[] sources = new Column[ns.length];
            int open = n;
            for (int k = 0; k < ns.length && open > 0; k++) {
                sources[k] = ns[k].eval(batch);
                boolean[] nl = Vectors.nulls(sources[k]);
                for (int i = 0; i < n; i++) {
                    if (which[i] < 0 && (nl == null || !nl[i])) {
                        which[i] = k;
                        open--;
                    }
                }
            }
            for (int k = 0; k < sources.length; k++) if (sources[k] == null) sources[k] = new NullColumn(Vectors.NAME, type, n);
            return Logic.pick(type, sources, which, n);
        }), ns);
    }

    private Node conditional(Conditional c) {
        String what = c.toString();
        DataType type = typeOf(c);
        int m = c.conditions().size();
        Node[] conds = new Node[m];
        Node[] values = new Node[m + 1];
        for (int k = 0; k < m; k++) {
            conds[k] = as(c.conditions().get(k), DataType.BOOLEAN, what);
            values[k] = as(c.values().get(k), type, what);
        }
        values[m] = as(c.otherwise(), type, what);
        Node[] all = new Node[2 * m + 1];
        System.arraycopy(conds, 0, all, 0, m);
        System.arraycopy(values, 0, all, m, m + 1);
        return fold(new Node.Computed(type, batch -> {
            int n = batch.height();
            int[] which = new int[n];
            java.util.Arrays.fill(which, -1);
            for (int k = 0; k < m; k++) {
                Column cond = conds[k].eval(batch);
                boolean[] v = ((dev.streamingadaptive.frame.BooleanColumn) (cond instanceof dev.streamingadaptive.frame.BooleanColumn ? cond
                        : new dev.streamingadaptive.frame.BooleanColumn(Vectors.NAME, new boolean[n], n, null))).rawValues();
                boolean[] nl = Vectors.nulls(cond);
                for (int i = 0; i < n; i++) if (which[i] < 0 && v[i] && (nl == null || !nl[i])) which[i] = k;
            }
            for (int i = 0; i < n; i++) if (which[i] < 0) which[i] = m;
            Column[] sources = new Column[m + 1];
            for (int k = 0; k <= m; k++) sources[k] = branch(values[k], batch, which, k);
            return Logic.pick(type, sources, which, n);
        }), all);
    }

    /**
     * The values of one branch: computed on the whole batch, or — when that fails (an overflow or a
     * bad cast on rows the branch does not take) — on its own rows only, as SQL evaluates CASE.
     */
    private static Column branch(Node value, DataFrame batch, int[] which, int k) {
        int n = batch.height();
        boolean any = false;
        for (int i = 0; i < n && !any; i++) any = which[i] == k;
        if (!any) return new NullColumn(Vectors.NAME, value.type, n);
        try {
            return value.eval(batch);
        } catch (EvaluationException e) {
            boolean[] mask = new boolean[n];
            int[] idx = new int[n];
            boolean[] nulls = new boolean[n];
            int at = 0;
            for (int i = 0; i < n; i++) {
                mask[i] = which[i] == k;
                if (mask[i]) idx[i] = at++;
                else nulls[i] = true;
            }
            Column sub = value.eval(Rows.keep(batch, mask));
            if (sub.size() != at) sub = Vectors.broadcast(sub, at);
            if (sub instanceof DictionaryColumn) sub = Vectors.bytes(sub);
            return new DictionaryColumn(Vectors.NAME, sub, idx, n, nulls);
        }
    }
}
