package dev.streamingadaptive.sql;

import dev.streamingadaptive.expr.ColumnRef;
import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.expr.ExprTypeException;
import dev.streamingadaptive.expr.SortKey;
import dev.streamingadaptive.lazy.JoinType;
import dev.streamingadaptive.frame.format.FileFormat;
import dev.streamingadaptive.lazy.LazyFrame;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.Offset;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperation;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.UnionOp;
import net.sf.jsqlparser.statement.select.WithItem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SQL statement to a LazyFrame, block by block: FROM (tables joined along the equalities of ON
 * and WHERE, each table's own conditions applied before it is joined), subquery conditions as joins
 * (IN and EXISTS as semi/anti joins, scalar subqueries as a left join of their one row, correlated
 * ones grouped by their correlation keys first), the other conditions, GROUP BY with the aggregates
 * of SELECT, HAVING and ORDER BY computed once, HAVING, SELECT, DISTINCT, ORDER BY, LIMIT.
 */
final class QueryTranslator {
    private final Map<String, LazyFrame> tables;
    private final Map<String, Relation> ctes = new HashMap<>();
    private int hiddenNames;

    QueryTranslator(Map<String, LazyFrame> tables) {
        this.tables = tables;
    }

    LazyFrame translate(String sql) {
        Statement statement;
        try {
            statement = CCJSqlParserUtil.parse(sql);
        } catch (JSQLParserException e) {
            throw syntaxError(e);
        }
        if (!(statement instanceof Select select)) {
            throw new SqlException("only queries (SELECT …) can run here, not a " + statement.getClass().getSimpleName() + " statement");
        }
        try {
            return query(select, null).frame();
        } catch (ExprTypeException e) {
            throw new SqlException(e.getMessage(), e);
        }
    }

    // ---- errors --------------------------------------------------------------------------------

    private static final Pattern AT = Pattern.compile("line (\\d+), column (\\d+)");

    private static SqlException syntaxError(JSQLParserException e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
            if (c instanceof ParseException) break;
        }
        if (c instanceof ParseException pe && pe.currentToken != null && pe.currentToken.next != null) {
            Token t = pe.currentToken.next;
            String token = t.image == null || t.image.isEmpty() ? "end of input" : t.image;
            return new SqlException("SQL syntax error at line " + t.beginLine + ", column " + t.beginColumn + ": unexpected "
                    + (t.image == null || t.image.isEmpty() ? "end of input" : "'" + token + "'"), t.beginLine, t.beginColumn, token);
        }
        String message = String.valueOf(c.getMessage());
        Matcher m = AT.matcher(message);
        int line = 0, column = 0;
        if (m.find()) {
            line = Integer.parseInt(m.group(1));
            column = Integer.parseInt(m.group(2));
        }
        String first = message.lines().findFirst().orElse(message).replaceFirst("^[\\w.]+Exception: ", "");
        return new SqlException("SQL syntax error" + (line > 0 ? " at line " + line + ", column " + column : "") + ": " + first,
                line, column, null);
    }

    private static SqlException unknownColumn(Column c, Relation r) {
        Set<String> names = new LinkedHashSet<>();
        for (Relation.Binding b : r.bindings()) names.add((b.qualifier() == null ? "" : b.qualifier() + ".") + b.name());
        return new SqlException("unknown column '" + c + "'; the columns here are " + names);
    }

    // ---- statements ----------------------------------------------------------------------------

    /** A query's rows, its frame's columns named as its output columns. */
    private Relation query(Select s, Relation outer) {
        Map<String, Relation> saved = new HashMap<>(ctes);
        try {
            if (s.getWithItemsList() != null) {
                for (WithItem<?> w : s.getWithItemsList()) {
                    if (w.isRecursive()) throw new SqlException("not supported: WITH RECURSIVE");
                    Relation r = query(w.getSelect().getSelect(), null);
                    if (w.getWithItemList() != null && !w.getWithItemList().isEmpty()) {
                        List<String> names = new ArrayList<>();
                        for (SelectItem<?> i : w.getWithItemList()) names.add(SqlTrees.unquote(i.getExpression().toString()));
                        r = renamed(r, names, "WITH " + w.getAliasName());
                    }
                    ctes.put(w.getUnquotedAliasName().toLowerCase(Locale.ROOT), r);
                }
            }
            return switch (s) {
                case PlainSelect ps -> block(ps, outer, List.of()).relation;
                case SetOperationList u -> setOperation(u);
                case ParenthesedSelect p -> ordered(query(p.getSelect(), outer), p.getOrderByElements(), p.getLimit(), p.getOffset());
                default -> throw new SqlException("not supported: " + s.getClass().getSimpleName() + " queries");
            };
        } finally {
            ctes.clear();
            ctes.putAll(saved);
        }
    }

    /** Columns renamed by position (a column list of an alias or a WITH item). */
    private static Relation renamed(Relation r, List<String> names, String where) {
        List<String> cols = r.frame().schema().names();
        if (names.size() > cols.size()) {
            throw new SqlException(where + " names " + names.size() + " columns but its query has " + cols.size());
        }
        List<Expr> select = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) select.add(Expr.col(cols.get(i)).alias(i < names.size() ? names.get(i) : cols.get(i)));
        return Relation.of(r.frame().select(select.toArray(Expr[]::new)), null);
    }

    private Relation setOperation(SetOperationList u) {
        List<Select> parts = u.getSelects();
        Relation first = query(parts.get(0), null);
        List<String> names = first.frame().schema().names();
        LazyFrame out = first.frame();
        for (int i = 1; i < parts.size(); i++) {
            SetOperation op = u.getOperations().get(i - 1);
            if (!(op instanceof UnionOp union)) throw new SqlException("not supported: " + op + " (only UNION and UNION ALL)");
            Relation next = query(parts.get(i), null);
            if (next.frame().schema().names().size() != names.size()) {
                throw new SqlException("the queries of a UNION have " + names.size() + " and " + next.frame().schema().names().size() + " columns");
            }
            LazyFrame aligned = renamed(next, names, "UNION").frame();
            out = LazyFrame.concat(out, aligned);
            if (!union.isAll()) out = out.unique();
        }
        return ordered(Relation.of(out, null), u.getOrderByElements(), u.getLimit(), u.getOffset());
    }

    /** ORDER BY, LIMIT and OFFSET over output columns (of a UNION or a parenthesized query). */
    private Relation ordered(Relation r, List<OrderByElement> order, Limit limit, Offset offset) {
        LazyFrame f = r.frame();
        if (order != null && !order.isEmpty()) {
            List<String> names = f.schema().names();
            List<SortKey> keys = new ArrayList<>();
            for (OrderByElement o : order) {
                Expression e = o.getExpression();
                String name;
                if (e instanceof LongValue n) name = position(names, n, e);
                else if (e instanceof Column c && r.resolve(null, SqlTrees.name(c), SqlTrees.quoted(c)) != null) {
                    name = r.resolve(null, SqlTrees.name(c), SqlTrees.quoted(c));
                } else throw new SqlException("ORDER BY of a UNION may name output columns only, not '" + e + "'");
                keys.add(sortKey(Expr.col(name), o));
            }
            f = f.sort(keys.toArray(SortKey[]::new));
        }
        return Relation.of(sliced(f, limit, offset), null);
    }

    private static String position(List<String> names, LongValue n, Expression at) {
        long p = n.getValue();
        if (p < 1 || p > names.size()) throw new SqlException("ORDER BY position " + p + " is not in the select list (1 to " + names.size() + ")");
        return names.get((int) p - 1);
    }

    private static SortKey sortKey(Expr key, OrderByElement o) {
        SortKey k = o.isAsc() ? SortKey.asc(key) : SortKey.desc(key);
        // DuckDB's default: nulls last in both directions.
        return o.getNullOrdering() == OrderByElement.NullOrdering.NULLS_FIRST ? k.nullsFirst() : k.nullsLast();
    }

    private static LazyFrame sliced(LazyFrame f, Limit limit, Offset offset) {
        long off = 0;
        if (offset != null) off = count(offset.getOffset(), "OFFSET");
        if (limit != null && limit.getOffset() != null) off = count(limit.getOffset(), "OFFSET");
        long n = -1;
        if (limit != null && !limit.isLimitAll() && !limit.isLimitNull() && limit.getRowCount() != null) n = count(limit.getRowCount(), "LIMIT");
        if (n < 0 && off == 0) return f;
        return f.slice(off, n < 0 ? Long.MAX_VALUE - off : n);
    }

    private static long count(Expression e, String what) {
        if (e instanceof LongValue v && v.getValue() >= 0) return v.getValue();
        throw new SqlException(what + " must be a non-negative integer, not '" + e + "'");
    }

    // ---- FROM ----------------------------------------------------------------------------------

    private Relation fromItem(FromItem item) {
        return switch (item) {
            case Table t -> table(t);
            case TableFunction tf -> tableFunction(tf);
            case ParenthesedSelect p -> {
                Relation r = query(p, null);
                Alias a = p.getAlias();
                if (a != null && a.getAliasColumns() != null && !a.getAliasColumns().isEmpty()) {
                    r = renamed(r, a.getAliasColumns().stream().map(c -> SqlTrees.unquote(c.name)).toList(), "alias " + a.getName());
                }
                yield r.requalified(a == null ? null : SqlTrees.unquote(a.getName()));
            }
            default -> throw new SqlException("not supported in FROM: " + item + " (" + item.getClass().getSimpleName() + ")");
        };
    }

    private Relation table(Table t) {
        String raw = t.getName();
        String alias = t.getAlias() == null ? null : SqlTrees.unquote(t.getAlias().getName());
        if (raw.length() >= 2 && raw.startsWith("'") && raw.endsWith("'")) {
            String path = raw.substring(1, raw.length() - 1);
            return Relation.of(LazyFrame.scan(path), alias != null ? alias : fileQualifier(path));
        }
        String name = SqlTrees.unquote(raw);
        String key = name.toLowerCase(Locale.ROOT);
        Relation cte = ctes.get(key);
        if (cte != null) return cte.requalified(alias != null ? alias : name);
        LazyFrame f = tables.get(key);
        if (f != null) return Relation.of(f, alias != null ? alias : name);
        if (key.endsWith(".parquet") || name.contains("*") || FileFormat.ofInput(key) != FileFormat.PARQUET) {
            return Relation.of(LazyFrame.scan(name), alias != null ? alias : fileQualifier(name));
        }
        Set<String> known = new LinkedHashSet<>(tables.keySet());
        known.addAll(ctes.keySet());
        throw new SqlException("unknown table '" + name + "'" + (known.isEmpty() ? "; quote a file path or glob to read it, "
                + "e.g. FROM 'data/*.parquet'" : "; the tables are " + known + ", or quote a file path: FROM 'data/*.parquet'"));
    }

    private Relation tableFunction(TableFunction tf) {
        Function f = tf.getFunction();
        String name = f.getName().toLowerCase(Locale.ROOT);
        boolean parquet = name.equals("read_parquet") || name.equals("parquet_scan");
        boolean csv = name.equals("read_csv") || name.equals("read_csv_auto");
        boolean json = name.equals("read_json") || name.equals("read_json_auto") || name.equals("read_ndjson") || name.equals("read_ndjson_auto");
        if (!parquet && !csv && !json) throw new SqlException("unknown table function " + f.getName() + "; read_parquet, read_csv and read_json are known");
        if (f.getParameters() == null || f.getParameters().isEmpty() || !(f.getParameters().get(0) instanceof StringValue path)) {
            throw new SqlException(f.getName() + " takes a path or glob string, in '" + f + "'");
        }
        if (f.getParameters().size() > 1) {
            throw new SqlException(f.getName() + " takes only a path or glob here, in '" + f + "'; read with options through "
                    + "LazyFrame.scanCsv/scanNdjson and SqlContext.register");
        }
        String alias = tf.getAlias() == null ? null : SqlTrees.unquote(tf.getAlias().getName());
        String p = path.getValue();
        LazyFrame scan = parquet ? LazyFrame.scanParquet(p) : csv ? LazyFrame.scanCsv(p) : LazyFrame.scanNdjson(p);
        return Relation.of(scan, alias != null ? alias : fileQualifier(p));
    }

    /** A file's name without folders and extension: how DuckDB lets {@code FROM 'x/trades.parquet'} be referred to ({@code trades}). */
    private static String fileQualifier(String path) {
        String n = path.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        int dot = n.indexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    // ---- a SELECT block ------------------------------------------------------------------------

    /** A block's rows; {@code correlated}: its WHERE conditions on columns of the enclosing query, for the caller to join on. */
    private record Block(Relation relation, List<Expression> correlated) {}

    /**
     * A SELECT block. {@code outer}: the enclosing query's relation when this is a subquery of its
     * WHERE or HAVING; {@code correlationKeys}: for a correlated scalar subquery, expressions of this
     * block grouped by and output first (as {@code __ck0, __ck1, …}).
     */
    private Block block(PlainSelect ps, Relation outer, List<Expr> correlationKeys) {
        Block rows = fromWhere(ps, outer);
        if (!rows.correlated.isEmpty() && correlationKeys.isEmpty()) {
            throw new SqlException("not supported: a correlated subquery here (" + rows.correlated.get(0)
                    + "); correlated subqueries may be EXISTS, or scalar subqueries in a comparison, correlated by equalities");
        }
        return new Block(project(ps, rows.relation, correlationKeys), List.of());
    }

    /** FROM and WHERE of a block: its relations joined and filtered. */
    private Block fromWhere(PlainSelect ps, Relation outer) {
        if (ps.getFromItem() == null) throw new SqlException("a SELECT needs a FROM clause");
        List<Relation> relations = new ArrayList<>();
        relations.add(fromItem(ps.getFromItem()));
        List<Expression> conditions = new ArrayList<>(SqlTrees.factorOr(SqlTrees.conjuncts(ps.getWhere())));
        List<Join> joins = ps.getJoins() == null ? List.of() : ps.getJoins();
        boolean onlyInner = true;
        for (Join j : joins) onlyInner &= j.isSimple() || (j.isInner() || j.isInnerJoin() || (!j.isLeft() && !j.isRight() && !j.isFull()
                && !j.isCross() && !j.isNatural() && !j.isSemi() && !j.isApply()));
        Relation joined;
        List<Expression> correlated = new ArrayList<>();
        if (onlyInner) {
            for (Join j : joins) {
                if (j.getUsingColumns() != null && !j.getUsingColumns().isEmpty()) throw new SqlException("not supported: JOIN … USING; write ON");
                relations.add(fromItem(j.getRightItem()));
                for (Expression on : j.getOnExpressions()) conditions.addAll(SqlTrees.factorOr(SqlTrees.conjuncts(on)));
            }
            if (relations.size() > 1) subqueriesOnOneTable(relations, conditions, outer);
            joined = joinAlongConditions(relations, conditions, outer);
        } else {
            joined = joinInOrder(relations.get(0), joins);
        }
        // Conditions left: subqueries, conditions on the whole join, correlated ones.
        List<Expression> later = new ArrayList<>();
        for (Expression c : conditions) {
            if (!SqlTrees.subqueries(c).isEmpty()) continue;
            if (outer != null && refersTo(c, joined, outer)) correlated.add(c);
            else later.add(c);
        }
        for (Expression c : later) joined = joined.withFrame(joined.frame().filter(ExpressionTranslator.translate(c, columnsOf(joined))));
        for (Expression c : conditions) {
            if (!SqlTrees.subqueries(c).isEmpty()) joined = subqueryCondition(joined, c);
        }
        return new Block(joined, correlated);
    }

    /**
     * Applies each subquery condition that concerns one table alone (its columns, and the columns its
     * subquery correlates with, all of that table) to that table before the joins: a semi join on
     * orders filters 1.5M rows where after the joins it would filter 6M (TPC-H Q18), as filters
     * commute with inner joins. Which table it concerns is found by trying: a subquery naming columns
     * of other tables fails to resolve against one table and stays for after the joins.
     *
     * <p>[NOT] EXISTS stays for after the joins too: it is correlated, and the side it is decided on (the
     * subquery's rows, or their bounds grouped by the correlation keys) can then be reduced to the keys the joins
     * kept ({@code JoinBuildSide}). Applied to {@code lineitem} first, TPC-H Q21's two EXISTS grouped all 60M lines at
     * SF 10 by order (21 s); after the joins with one nation's suppliers and the finished orders, the lines of the
     * orders left (6 s).
     */
    private void subqueriesOnOneTable(List<Relation> relations, List<Expression> conditions, Relation outer) {
        for (var it = conditions.iterator(); it.hasNext(); ) {
            Expression c = it.next();
            if (SqlTrees.subqueries(c).isEmpty() || isExists(c)) continue;
            Set<Integer> owners = new HashSet<>();
            boolean elsewhere = false;
            for (Column col : SqlTrees.columns(c)) {
                int o = owner(col, relations);
                if (o >= 0) owners.add(o);
                else elsewhere = true;
            }
            if (elsewhere || owners.size() > 1) continue;
            List<Integer> candidates = owners.isEmpty() ? range(relations.size()) : List.copyOf(owners);
            for (int i : candidates) {
                Relation applied;
                try {
                    applied = subqueryCondition(relations.get(i), c);
                } catch (SqlException e) {
                    if (e.getMessage().startsWith("unknown column")) continue;
                    throw e;
                }
                relations.set(i, applied);
                it.remove();
                break;
            }
        }
    }

    /** Whether {@code c} is an [NOT] EXISTS condition. */
    private static boolean isExists(Expression c) {
        while (c instanceof NotExpression n) c = n.getExpression();
        return c instanceof ExistsExpression;
    }

    private static List<Integer> range(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(i);
        return out;
    }

    /** Whether {@code e} names a column that {@code inner} lacks and {@code outer} has. */
    private static boolean refersTo(Expression e, Relation inner, Relation outer) {
        for (Column c : SqlTrees.columns(e)) {
            if (inner.resolve(SqlTrees.qualifier(c), SqlTrees.name(c), SqlTrees.quoted(c)) == null
                    && outer.resolve(SqlTrees.qualifier(c), SqlTrees.name(c), SqlTrees.quoted(c)) != null) {
                return true;
            }
        }
        return false;
    }

    /** Column references resolved in {@code r}. */
    private static ExpressionTranslator.Resolver columnsOf(Relation r) {
        return c -> {
            String name = r.resolve(SqlTrees.qualifier(c), SqlTrees.name(c), SqlTrees.quoted(c));
            if (name == null) throw unknownColumn(c, r);
            return Expr.col(name);
        };
    }

    /**
     * Inner and comma joins: each table's own conditions filter it first; then tables are joined in
     * FROM order, each next one connected to those joined by an equality condition when there is one
     * (a cross join only when none is), on all such equalities. Conditions on several tables apply
     * once those are joined. Conditions used here are removed from {@code conditions}.
     */
    private Relation joinAlongConditions(List<Relation> relations, List<Expression> conditions, Relation outer) {
        int n = relations.size();
        if (n > 1) impliedFilters(relations, conditions, outer);
        List<Pending> pending = new ArrayList<>();
        for (var it = conditions.iterator(); it.hasNext(); ) {
            Expression c = it.next();
            if (!SqlTrees.subqueries(c).isEmpty()) continue;
            Set<Integer> owners = owners(c, relations, outer);
            if (owners == null) continue; // correlated: the caller's
            it.remove();
            if (owners.size() == 1) {
                int i = owners.iterator().next();
                Relation r = relations.get(i);
                relations.set(i, r.withFrame(r.frame().filter(ExpressionTranslator.translate(c, columnsOf(r)))));
            } else if (c instanceof EqualsTo eq) {
                pending.add(new Pending(c, owners, owners(eq.getLeftExpression(), relations, outer), owners(eq.getRightExpression(), relations, outer)));
            } else {
                pending.add(new Pending(c, owners, null, null));
            }
        }
        Set<Integer> done = new HashSet<>();
        done.add(0);
        Relation joined = applyReady(relations.get(0), done, pending);
        while (done.size() < n) {
            int next = -1;
            for (int i = 1; i < n && next < 0; i++) {
                if (done.contains(i)) continue;
                for (Pending p : pending) {
                    if (p.joinSides(done, i) != null) {
                        next = i;
                        break;
                    }
                }
            }
            boolean cross = next < 0;
            if (cross) for (int i = 1; i < n && next < 0; i++) if (!done.contains(i)) next = i;
            List<Expression> leftKeys = new ArrayList<>(), rightKeys = new ArrayList<>();
            for (var it = pending.iterator(); it.hasNext(); ) {
                Expression[] sides = it.next().joinSides(done, next);
                if (sides == null) continue;
                leftKeys.add(sides[0]);
                rightKeys.add(sides[1]);
                it.remove();
            }
            joined = cross ? crossJoin(joined, relations.get(next)) : join(joined, relations.get(next), leftKeys, rightKeys, JoinType.INNER);
            done.add(next);
            joined = applyReady(joined, done, pending);
        }
        if (!pending.isEmpty()) throw new IllegalStateException("conditions not applied: " + pending);
        return joined;
    }

    /**
     * Filters a table by what an OR over several tables implies for it: when every alternative has
     * conditions on that table alone, their OR holds for each row that can qualify, so the table is
     * filtered by it before the join (TPC-H Q19 reads far fewer lineitem rows). The OR itself stays.
     */
    private static void impliedFilters(List<Relation> relations, List<Expression> conditions, Relation outer) {
        for (Expression c : conditions) {
            List<Expression> alternatives = SqlTrees.disjuncts(c);
            if (alternatives.size() < 2 || !SqlTrees.subqueries(c).isEmpty()) continue;
            Set<Integer> all = owners(c, relations, outer);
            if (all == null || all.size() < 2) continue;
            for (int i : all) {
                List<Expression> perAlternative = new ArrayList<>();
                for (Expression a : alternatives) {
                    List<Expression> own = new ArrayList<>();
                    for (Expression x : SqlTrees.conjuncts(a)) {
                        Set<Integer> o = owners(x, relations, outer);
                        if (o != null && o.equals(Set.of(i))) own.add(x);
                    }
                    if (own.isEmpty()) {
                        perAlternative = null;
                        break;
                    }
                    perAlternative.add(SqlTrees.and(own));
                }
                if (perAlternative == null) continue;
                Relation r = relations.get(i);
                relations.set(i, r.withFrame(r.frame().filter(ExpressionTranslator.translate(SqlTrees.or(perAlternative), columnsOf(r)))));
            }
        }
    }

    /** A condition on several tables; for an equality, the tables of each side. */
    private record Pending(Expression condition, Set<Integer> owners, Set<Integer> left, Set<Integer> right) {
        /** When this is an equality between joined tables and table {@code next}: its sides, joined side first; else null. */
        Expression[] joinSides(Set<Integer> done, int next) {
            if (left == null || left.isEmpty() || right == null || right.isEmpty()) return null;
            EqualsTo eq = (EqualsTo) condition;
            if (right.equals(Set.of(next)) && done.containsAll(left)) return new Expression[] {eq.getLeftExpression(), eq.getRightExpression()};
            if (left.equals(Set.of(next)) && done.containsAll(right)) return new Expression[] {eq.getRightExpression(), eq.getLeftExpression()};
            return null;
        }
    }

    /** The relations whose columns {@code e} names; null when it names one of the enclosing query's (a correlation). */
    private static Set<Integer> owners(Expression e, List<Relation> relations, Relation outer) {
        Set<Integer> owners = new HashSet<>();
        boolean outerRef = false;
        for (Column col : SqlTrees.columns(e)) {
            int owner = owner(col, relations);
            if (owner >= 0) owners.add(owner);
            else if (outer != null && outer.resolve(SqlTrees.qualifier(col), SqlTrees.name(col), SqlTrees.quoted(col)) != null) outerRef = true;
            else throw unknownColumn(col, union(relations));
        }
        return outerRef ? null : owners;
    }

    private static Relation union(List<Relation> relations) {
        List<Relation.Binding> all = new ArrayList<>();
        for (Relation r : relations) all.addAll(r.bindings());
        return new Relation(relations.get(0).frame(), all);
    }

    /** The index of the one relation that has this column, -1 for none. */
    private static int owner(Column c, List<Relation> relations) {
        int found = -1;
        for (int i = 0; i < relations.size(); i++) {
            if (relations.get(i).resolve(SqlTrees.qualifier(c), SqlTrees.name(c), SqlTrees.quoted(c)) == null) continue;
            if (found >= 0) {
                throw new SqlException("column reference '" + c + "' is ambiguous: more than one table has it; qualify it with a table name or alias");
            }
            found = i;
        }
        return found;
    }

    private Relation applyReady(Relation joined, Set<Integer> done, List<Pending> pending) {
        for (var it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (!done.containsAll(p.owners)) continue;
            joined = joined.withFrame(joined.frame().filter(ExpressionTranslator.translate(p.condition, columnsOf(joined))));
            it.remove();
        }
        return joined;
    }

    /** Joins written with LEFT/RIGHT/FULL/CROSS: in the order written, each on its ON condition. */
    private Relation joinInOrder(Relation first, List<Join> joins) {
        Relation joined = first;
        for (Join j : joins) {
            Relation right = fromItem(j.getRightItem());
            if (j.isCross() || (j.isSimple() && j.getOnExpressions().isEmpty())) {
                joined = crossJoin(joined, right);
                continue;
            }
            JoinType how = j.isFull() ? JoinType.FULL : j.isLeft() ? JoinType.LEFT : j.isRight() ? JoinType.RIGHT : JoinType.INNER;
            List<Expression> leftKeys = new ArrayList<>(), rightKeys = new ArrayList<>();
            for (Expression on : j.getOnExpressions()) {
                for (Expression c : SqlTrees.conjuncts(on)) {
                    boolean leftSide = onlyIn(c, joined), rightSide = onlyIn(c, right);
                    if (c instanceof EqualsTo eq && onlyIn(eq.getLeftExpression(), joined) && onlyIn(eq.getRightExpression(), right)) {
                        leftKeys.add(eq.getLeftExpression());
                        rightKeys.add(eq.getRightExpression());
                    } else if (c instanceof EqualsTo eq && onlyIn(eq.getLeftExpression(), right) && onlyIn(eq.getRightExpression(), joined)) {
                        leftKeys.add(eq.getRightExpression());
                        rightKeys.add(eq.getLeftExpression());
                    } else if (rightSide && (how == JoinType.LEFT || how == JoinType.INNER)) {
                        // A condition on the right table alone decides which of its rows can match: filter them first.
                        right = right.withFrame(right.frame().filter(ExpressionTranslator.translate(c, columnsOf(right))));
                    } else if (leftSide && (how == JoinType.RIGHT || how == JoinType.INNER)) {
                        joined = joined.withFrame(joined.frame().filter(ExpressionTranslator.translate(c, columnsOf(joined))));
                    } else {
                        throw new SqlException("not supported: the join condition '" + c + "' of a " + how
                                + " JOIN (ON takes equalities between the two sides, and conditions on the side whose rows may go unmatched)");
                    }
                }
            }
            if (leftKeys.isEmpty()) throw new SqlException("not supported: a " + how + " JOIN without an equality between its two sides");
            joined = join(joined, right, leftKeys, rightKeys, how);
        }
        return joined;
    }

    /** Whether every column of {@code e} is in {@code r} (and it has one). */
    private static boolean onlyIn(Expression e, Relation r) {
        List<Column> cols = SqlTrees.columns(e);
        if (cols.isEmpty() || !SqlTrees.subqueries(e).isEmpty()) return false;
        for (Column c : cols) if (r.resolve(SqlTrees.qualifier(c), SqlTrees.name(c), SqlTrees.quoted(c)) == null) return false;
        return true;
    }

    private Relation crossJoin(Relation left, Relation right) {
        Relation r = right.avoiding(left.columns());
        List<Relation.Binding> b = new ArrayList<>(left.bindings());
        b.addAll(r.bindings());
        return new Relation(left.frame().crossJoin(r.frame()), b);
    }

    /**
     * An equality join. The right side joins on copies of its key expressions, so its own columns
     * stay visible (the engine drops a right key column from INNER and LEFT joins, SQL keeps it);
     * a RIGHT join runs as a LEFT join with the sides swapped. SEMI and ANTI keep the left columns.
     */
    private Relation join(Relation left, Relation right, List<Expression> leftKeys, List<Expression> rightKeys, JoinType how) {
        Relation r = right.avoiding(left.columns());
        List<Expr> l = new ArrayList<>(), rk = new ArrayList<>();
        for (Expression e : leftKeys) l.add(ExpressionTranslator.translate(e, columnsOf(left)));
        for (Expression e : rightKeys) rk.add(ExpressionTranslator.translate(e, columnsOf(r)));
        return joinExprs(left, r, l, rk, how);
    }

    private Relation joinExprs(Relation left, Relation right, List<Expr> leftKeys, List<Expr> rightKeys, JoinType how) {
        Set<String> taken = new HashSet<>(left.columns());
        taken.addAll(right.columns());
        LazyFrame lf = left.frame(), rf = right.frame();
        List<String> lOn = new ArrayList<>(), rOn = new ArrayList<>();
        List<Expr> lAdd = new ArrayList<>(), rAdd = new ArrayList<>();
        for (int i = 0; i < leftKeys.size(); i++) {
            Expr k = leftKeys.get(i);
            if (k instanceof ColumnRef c && how != JoinType.RIGHT) {
                lOn.add(c.name());
            } else {
                String name = fresh(taken, "__lk");
                lAdd.add(k.alias(name));
                lOn.add(name);
            }
            String name = fresh(taken, "__rk");
            rAdd.add(rightKeys.get(i).alias(name));
            rOn.add(name);
        }
        if (!lAdd.isEmpty()) lf = lf.withColumns(lAdd.toArray(Expr[]::new));
        rf = rf.withColumns(rAdd.toArray(Expr[]::new));
        LazyFrame out = how == JoinType.RIGHT ? rf.join(lf, rOn, lOn, JoinType.LEFT) : lf.join(rf, lOn, rOn, how);
        List<Relation.Binding> b = new ArrayList<>(left.bindings());
        if (how != JoinType.SEMI && how != JoinType.ANTI) b.addAll(right.bindings());
        return new Relation(out, b);
    }

    private String fresh(Set<String> taken, String base) {
        String n;
        do {
            n = base + (hiddenNames++);
        } while (taken.contains(n));
        taken.add(n);
        return n;
    }

    private String fresh(Relation r, String base) {
        return fresh(new HashSet<>(r.columns()), base);
    }

    // ---- subqueries in conditions --------------------------------------------------------------

    /** A WHERE or HAVING condition with subqueries, applied to {@code r} as joins and a filter. */
    private Relation subqueryCondition(Relation r, Expression condition) {
        return subqueryCondition(r, condition, columnsOf(r));
    }

    private Relation subqueryCondition(Relation r, Expression condition, ExpressionTranslator.Resolver resolver) {
        Expression c = condition;
        boolean negated = false;
        while (c instanceof NotExpression n) {
            negated = !negated;
            c = n.getExpression();
        }
        if (c instanceof ExistsExpression x) return exists(r, (ParenthesedSelect) x.getRightExpression(), negated ^ x.isNot());
        if (c instanceof InExpression in && in.getRightExpression() instanceof ParenthesedSelect sub) {
            return inSubquery(r, in.getLeftExpression(), sub, negated ^ in.isNot(), resolver);
        }
        // Scalar subqueries: each becomes a column, then the condition is an ordinary filter.
        Map<Expression, String> columns = new IdentityHashMap<>();
        for (ParenthesedSelect s : SqlTrees.subqueries(condition)) {
            Attached a = scalar(r, s);
            r = a.relation;
            columns.put(s, a.column);
        }
        ExpressionTranslator.Resolver base = resolver;
        Relation cur = r;
        ExpressionTranslator.Resolver with = new ExpressionTranslator.Resolver() {
            @Override public Expr column(Column col) {
                return base.column(col);
            }

            @Override public Expr replace(Expression e) {
                String col = columns.get(e);
                return col != null ? Expr.col(col) : base.replace(e);
            }
        };
        return cur.withFrame(cur.frame().filter(ExpressionTranslator.translate(condition, with)));
    }

    private static PlainSelect plain(ParenthesedSelect s) {
        if (s.getSelect() instanceof PlainSelect ps) return ps;
        throw new SqlException("not supported: this kind of subquery (" + s + "); write a plain SELECT");
    }

    /** A correlation {@code inner op outer}, normalized so the inner side is on the left. */
    private record Correlation(Expr inner, String op, Expr outer) {}

    private List<Correlation> correlations(List<Expression> conditions, Relation inner, Relation outer) {
        List<Correlation> out = new ArrayList<>();
        for (Expression c : conditions) {
            if (!(c instanceof BinaryExpression b) || op(c) == null) {
                throw new SqlException("not supported: the correlated condition '" + c + "' (correlations are comparisons "
                        + "between a column of the subquery and one of the query around it)");
            }
            Expression l = b.getLeftExpression(), rt = b.getRightExpression();
            if (onlyIn(l, inner) && onlyIn(rt, outer) && !onlyIn(rt, inner)) {
                out.add(new Correlation(ExpressionTranslator.translate(l, columnsOf(inner)), op(c), ExpressionTranslator.translate(rt, columnsOf(outer))));
            } else if (onlyIn(rt, inner) && onlyIn(l, outer) && !onlyIn(l, inner)) {
                out.add(new Correlation(ExpressionTranslator.translate(rt, columnsOf(inner)), flip(op(c)),
                        ExpressionTranslator.translate(l, columnsOf(outer))));
            } else {
                throw new SqlException("not supported: the correlated condition '" + c + "' (each side must be of one query)");
            }
        }
        return out;
    }

    private static String op(Expression c) {
        return switch (c) {
            case EqualsTo x -> "=";
            case NotEqualsTo x -> "<>";
            case GreaterThan x -> ">";
            case GreaterThanEquals x -> ">=";
            case MinorThan x -> "<";
            case MinorThanEquals x -> "<=";
            default -> null;
        };
    }

    private static String flip(String op) {
        return switch (op) {
            case ">" -> "<";
            case ">=" -> "<=";
            case "<" -> ">";
            case "<=" -> ">=";
            default -> op;
        };
    }

    /**
     * [NOT] EXISTS: a semi (anti) join on the correlation equalities. One more correlation by
     * another comparison ({@code l2.l_suppkey <> l1.l_suppkey}) is decided on the group's minimum
     * and maximum: some inner value differs from x exactly when the minimum or the maximum does
     * (nulls never compare), and some is below x exactly when the minimum is.
     */
    private Relation exists(Relation r, ParenthesedSelect sub, boolean negated) {
        Block rows = fromWhere(plain(sub), r);
        Relation inner = rows.relation;
        List<Correlation> corr = correlations(rows.correlated, inner, r);
        List<Expr> innerKeys = new ArrayList<>(), outerKeys = new ArrayList<>();
        List<Correlation> other = new ArrayList<>();
        for (Correlation c : corr) {
            if (c.op.equals("=")) {
                innerKeys.add(c.inner);
                outerKeys.add(c.outer);
            } else {
                other.add(c);
            }
        }
        if (other.size() > 1) throw new SqlException("not supported: an EXISTS subquery correlated by more than one comparison other than '='");
        if (innerKeys.isEmpty()) {
            // Uncorrelated (or by a comparison only): join on a constant.
            innerKeys.add(Expr.lit(1));
            outerKeys.add(Expr.lit(1));
        }
        if (other.isEmpty()) return joinExprs(r, inner.withFrame(inner.frame()), outerKeys, innerKeys, negated ? JoinType.ANTI : JoinType.SEMI);
        Correlation c = other.get(0);
        Set<String> taken = new HashSet<>(inner.columns());
        taken.addAll(r.columns());
        List<Expr> keys = new ArrayList<>();
        List<Expr> keyRefs = new ArrayList<>();
        for (Expr k : innerKeys) {
            String n = fresh(taken, "__ek");
            keys.add(k.alias(n));
            keyRefs.add(Expr.col(n));
        }
        String min = fresh(taken, "__emin"), max = fresh(taken, "__emax");
        LazyFrame bounds = inner.frame().groupBy(keys.toArray(Expr[]::new)).agg(c.inner.min().alias(min), c.inner.max().alias(max));
        Relation joined = joinExprs(r, new Relation(bounds, List.of()), outerKeys, keyRefs, JoinType.LEFT);
        Expr x = c.outer, lo = Expr.col(min), hi = Expr.col(max);
        Expr some = switch (c.op) {
            case "<>" -> lo.neq(x).or(hi.neq(x));
            case "<" -> lo.lt(x);
            case "<=" -> lo.ltEq(x);
            case ">" -> hi.gt(x);
            case ">=" -> hi.gtEq(x);
            default -> throw new IllegalStateException(c.op);
        };
        Expr found = Expr.coalesce(some, Expr.lit(false));
        return joined.withFrame(joined.frame().filter(negated ? found.not() : found));
    }

    /** x [NOT] IN (SELECT y …): a semi (anti) join; NOT IN drops rows whose x is null, as SQL does. */
    private Relation inSubquery(Relation r, Expression x, ParenthesedSelect sub, boolean negated, ExpressionTranslator.Resolver resolver) {
        Relation values = query(sub.getSelect(), r);
        List<String> cols = values.frame().schema().names();
        if (cols.size() != 1) throw new SqlException("the subquery of IN must return one column, it returns " + cols.size() + ": " + cols);
        Expr key = ExpressionTranslator.translate(x, resolver);
        if (negated) r = r.withFrame(r.frame().filter(key.isNotNull()));
        Relation right = values.avoiding(r.columns());
        return joinExprs(r, right, List.of(key), List.of(Expr.col(right.frame().schema().names().get(0))), negated ? JoinType.ANTI : JoinType.SEMI);
    }

    private record Attached(Relation relation, String column) {}

    /**
     * A scalar subquery as a new column of {@code r}: its one row left-joined to every row, or, when it
     * is correlated by equalities, its value per correlation key left-joined on those keys (a missing
     * key gives null; a COUNT gives 0 there, as SQL).
     */
    private Attached scalar(Relation r, ParenthesedSelect sub) {
        PlainSelect ps = plain(sub);
        if (ps.getSelectItems().size() != 1) throw new SqlException("a scalar subquery must return one column: " + sub);
        Block rows = fromWhere(ps, r);
        List<Correlation> corr = correlations(rows.correlated, rows.relation, r);
        List<Expr> innerKeys = new ArrayList<>(), outerKeys = new ArrayList<>();
        for (Correlation c : corr) {
            if (!c.op.equals("=")) throw new SqlException("not supported: a scalar subquery correlated by '" + c.op + "' (only by equalities)");
            innerKeys.add(c.inner);
            outerKeys.add(c.outer);
        }
        Relation value = project(ps, rows.relation, innerKeys);
        String valueName = value.frame().schema().names().get(innerKeys.size());
        String column = fresh(r, "__sq");
        List<Expr> renamed = new ArrayList<>();
        List<Expr> keyRefs = new ArrayList<>();
        Set<String> taken = new HashSet<>(r.columns());
        taken.add(column);
        for (int i = 0; i < innerKeys.size(); i++) {
            String k = fresh(taken, "__sk");
            renamed.add(Expr.col("__ck" + i).alias(k));
            keyRefs.add(Expr.col(k));
        }
        renamed.add(Expr.col(valueName).alias(column));
        LazyFrame v = value.frame().select(renamed.toArray(Expr[]::new));
        if (innerKeys.isEmpty()) {
            outerKeys.add(Expr.lit(1));
            keyRefs.add(Expr.lit(1));
        }
        Relation joined = joinExprs(r, new Relation(v, List.of()), outerKeys, keyRefs, JoinType.LEFT);
        Expression item = ps.getSelectItems().get(0).getExpression();
        if (!innerKeys.isEmpty() && item instanceof Function f && f.getName().equalsIgnoreCase("count")) {
            joined = joined.withFrame(joined.frame().withColumns(Expr.col(column).fillNull(0L).alias(column)));
        }
        return new Attached(joined, column);
    }

    // ---- GROUP BY, HAVING, SELECT, ORDER BY, LIMIT -----------------------------------------------

    /** The rest of a block over its joined and filtered rows; {@code extraKeys} are grouped by and output first as {@code __ck<i>}. */
    private Relation project(PlainSelect ps, Relation rows, List<Expr> extraKeys) {
        if (ps.getQualify() != null) throw new SqlException("not supported: QUALIFY");
        ExpressionTranslator.Resolver pre = columnsOf(rows);
        List<Expression> having = SqlTrees.conjuncts(ps.getHaving());
        List<OrderByElement> order = ps.getOrderByElements() == null ? List.of() : ps.getOrderByElements();
        List<Function> aggregates = new ArrayList<>();
        for (SelectItem<?> i : ps.getSelectItems()) aggregates.addAll(SqlTrees.aggregates(i.getExpression()));
        for (Expression h : having) aggregates.addAll(SqlTrees.aggregates(h));
        for (OrderByElement o : order) aggregates.addAll(SqlTrees.aggregates(o.getExpression()));
        GroupByElement groupBy = ps.getGroupBy();
        boolean grouped = groupBy != null || !aggregates.isEmpty() || !extraKeys.isEmpty();
        Relation cur = rows;
        ExpressionTranslator.Resolver resolver = pre;
        if (grouped) {
            Grouping g = group(ps, rows, pre, aggregates, extraKeys);
            cur = g.relation;
            resolver = g.resolver;
        } else if (!having.isEmpty()) {
            throw new SqlException("HAVING needs GROUP BY or an aggregate");
        }
        for (Expression h : having) {
            if (!SqlTrees.subqueries(h).isEmpty()) cur = subqueryCondition(cur, h, resolver);
            else cur = cur.withFrame(cur.frame().filter(ExpressionTranslator.translate(h, resolver)));
        }
        // SELECT
        List<Expr> outs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < extraKeys.size(); i++) {
            outs.add(Expr.col("__ck" + i));
            names.add("__ck" + i);
            used.add("__ck" + i);
        }
        for (SelectItem<?> item : ps.getSelectItems()) {
            Expression e = item.getExpression();
            if (e instanceof AllColumns || e instanceof AllTableColumns) {
                if (grouped) throw new SqlException("SELECT * of a grouped query: name the columns");
                String q = e instanceof AllTableColumns t ? SqlTrees.unquote(t.getTable().getName()) : null;
                if (q != null && !rows.hasQualifier(q)) throw new SqlException("unknown table '" + q + "' in " + e);
                for (Relation.Binding b : rows.bindings()) {
                    if (q != null && (b.qualifier() == null || !b.qualifier().equalsIgnoreCase(q))) continue;
                    String n = unique(b.name(), used);
                    outs.add(Expr.col(b.column()).alias(n));
                    names.add(n);
                }
                continue;
            }
            if (!SqlTrees.subqueries(e).isEmpty()) throw new SqlException("not supported: a subquery in the SELECT list (" + e + "); join it instead");
            String n = unique(item.getAlias() != null ? SqlTrees.unquote(item.getAlias().getName())
                    : e instanceof Column c ? SqlTrees.name(c) : e.toString(), used);
            outs.add(ExpressionTranslator.translate(e, resolver).alias(n));
            names.add(n);
        }
        // ORDER BY: output columns by name or position, else expressions computed as hidden columns.
        List<SortKey> keys = new ArrayList<>();
        List<String> hidden = new ArrayList<>();
        for (OrderByElement o : order) {
            Expression e = o.getExpression();
            String name = null;
            if (e instanceof LongValue n) {
                name = position(names.subList(extraKeys.size(), names.size()), n, e);
            } else if (e instanceof Column c && SqlTrees.qualifier(c) == null) {
                for (int i = extraKeys.size(); i < names.size() && name == null; i++) {
                    if (SqlTrees.quoted(c) ? names.get(i).equals(SqlTrees.name(c)) : names.get(i).equalsIgnoreCase(SqlTrees.name(c))) name = names.get(i);
                }
            }
            if (name == null) {
                Expr t = ExpressionTranslator.translate(e, resolver);
                for (int i = 0; i < outs.size() && name == null; i++) if (unaliased(outs.get(i)).equals(t)) name = names.get(i);
                if (name == null) {
                    name = fresh(used, "__order");
                    outs.add(t.alias(name));
                    hidden.add(name);
                }
            }
            keys.add(sortKey(Expr.col(name), o));
        }
        LazyFrame f = cur.frame().select(outs.toArray(Expr[]::new));
        if (ps.getDistinct() != null) {
            if (ps.getDistinct().getOnSelectItems() != null) throw new SqlException("not supported: DISTINCT ON");
            if (!hidden.isEmpty()) throw new SqlException("with SELECT DISTINCT, ORDER BY may only use columns of the select list");
            f = f.unique();
        }
        if (!keys.isEmpty()) f = f.sort(keys.toArray(SortKey[]::new));
        f = sliced(f, ps.getLimit(), ps.getOffset());
        if (!hidden.isEmpty()) f = f.select(names.toArray(String[]::new));
        return Relation.of(f, null);
    }

    private static Expr unaliased(Expr e) {
        return e instanceof dev.streamingadaptive.expr.Alias a ? a.input() : e;
    }

    private static String unique(String name, Set<String> used) {
        String n = name;
        for (int i = 1; used.contains(n); i++) n = name + "_" + i;
        used.add(n);
        return n;
    }

    private record Grouping(Relation relation, ExpressionTranslator.Resolver resolver) {}

    /**
     * The group-by: keys (GROUP BY expressions, which may name a select alias or position) and every
     * distinct aggregate of SELECT, HAVING and ORDER BY as a hidden column; after it, column references
     * must be keys and aggregates read their columns.
     */
    private Grouping group(PlainSelect ps, Relation rows, ExpressionTranslator.Resolver pre, List<Function> aggregates, List<Expr> extraKeys) {
        Set<String> taken = new HashSet<>(rows.columns());
        List<Expr> keys = new ArrayList<>();
        List<Expr> keyExprs = new ArrayList<>();
        List<String> keyNames = new ArrayList<>();
        for (int i = 0; i < extraKeys.size(); i++) {
            keys.add(extraKeys.get(i).alias("__ck" + i));
            keyExprs.add(extraKeys.get(i));
            keyNames.add("__ck" + i);
            taken.add("__ck" + i);
        }
        if (ps.getGroupBy() != null) {
            if (ps.getGroupBy().getGroupingSets() != null && !ps.getGroupBy().getGroupingSets().isEmpty()) {
                throw new SqlException("not supported: GROUPING SETS, ROLLUP and CUBE");
            }
            for (Object o : ps.getGroupBy().getGroupByExpressionList()) {
                Expression g = (Expression) o;
                g = selectAlias(ps, g, rows);
                Expr t = ExpressionTranslator.translate(g, pre);
                if (keyExprs.contains(t)) continue;
                String name = t instanceof ColumnRef c && !keyNames.contains(c.name()) ? c.name() : fresh(taken, "__g");
                keys.add(t instanceof ColumnRef c && c.name().equals(name) ? t : t.alias(name));
                keyExprs.add(t);
                keyNames.add(name);
            }
        }
        Map<String, String> aggColumns = new HashMap<>();
        List<Expr> aggs = new ArrayList<>();
        for (Function f : aggregates) {
            String text = f.toString();
            if (aggColumns.containsKey(text)) continue;
            String name = fresh(taken, "__agg");
            aggs.add(ExpressionTranslator.aggregate(f, pre).alias(name));
            aggColumns.put(text, name);
        }
        LazyFrame grouped = keys.isEmpty() ? rows.frame().agg(aggs.toArray(Expr[]::new))
                : rows.frame().groupBy(keys.toArray(Expr[]::new)).agg(aggs.toArray(Expr[]::new));
        List<Relation.Binding> bindings = new ArrayList<>();
        for (Relation.Binding b : rows.bindings()) if (keyNames.contains(b.column())) bindings.add(b);
        Relation after = new Relation(grouped, bindings);
        ExpressionTranslator.Resolver post = new ExpressionTranslator.Resolver() {
            @Override public Expr column(Column c) {
                Expr t = pre.column(c);
                int k = keyExprs.indexOf(t);
                if (k < 0) {
                    throw new SqlException("column '" + c + "' must appear in GROUP BY or be used in an aggregate function");
                }
                return Expr.col(keyNames.get(k));
            }

            @Override public Expr replace(Expression e) {
                if (ExpressionTranslator.isAggregate(e)) return Expr.col(aggColumns.get(e.toString()));
                if (e instanceof Column || !SqlTrees.aggregates(e).isEmpty() || !SqlTrees.subqueries(e).isEmpty()) return null;
                Expr t;
                try {
                    t = ExpressionTranslator.translate(e, pre);
                } catch (SqlException | ExprTypeException ex) {
                    return null;
                }
                int k = keyExprs.indexOf(t);
                return k >= 0 ? Expr.col(keyNames.get(k)) : null;
            }
        };
        return new Grouping(after, post);
    }

    /** A GROUP BY item that names a select alias or position: that select item's expression (DuckDB allows both). */
    private static Expression selectAlias(PlainSelect ps, Expression g, Relation rows) {
        if (g instanceof LongValue n) {
            long p = n.getValue();
            if (p < 1 || p > ps.getSelectItems().size()) throw new SqlException("GROUP BY position " + p + " is not in the select list");
            return ps.getSelectItems().get((int) p - 1).getExpression();
        }
        if (g instanceof Column c && SqlTrees.qualifier(c) == null && rows.resolve(null, SqlTrees.name(c), SqlTrees.quoted(c)) == null) {
            for (SelectItem<?> i : ps.getSelectItems()) {
                if (i.getAlias() != null && SqlTrees.unquote(i.getAlias().getName()).equalsIgnoreCase(SqlTrees.name(c))) return i.getExpression();
            }
        }
        return g;
    }
}
