package dev.streamingadaptive.plan;

import dev.streamingadaptive.expr.Alias;
import dev.streamingadaptive.expr.ColumnRef;
import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.plan.JoinNode.Kind;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders a tree of inner joins by estimated sizes instead of as written: SQL joins its tables in {@code FROM} order
 * (TPC-H Q9 joined lineitem with everything before partsupp, then built all of partsupp where the parts' filter keeps
 * one in twenty of its rows; Q5 applied the region's filter after four joins). A tree of INNER joins on columns
 * (through selects that only pick columns) is flattened into its inputs and the equalities between their columns,
 * grouped into classes of equal columns; then, greedily, the two connected inputs whose join is estimated cheapest are
 * joined, on one key per class they share, until one is left (a bushy tree: DuckDB's and the literature's "greedy
 * operator ordering"). A select on top restores the written columns and their order; a key column the new order
 * dropped (an inner join outputs one side's key) is taken from another column of its class, which holds the same
 * value. Which input of each join is built is left to {@link JoinBuildSide}.
 *
 * <p>Estimates: an input's rows from footer counts and its filters ({@link ScanSelectivity}: ranges from column
 * min/max, equalities from dictionary sizes, a fifth for the rest); a join of A and B has {@code |A| * |B| / d} rows,
 * {@code d} the distinct values of the keys: per class shared, the unfiltered rows of its smallest table (the one
 * the others' keys refer to), multiplied over the classes but at most the rows of a table holding them all (a
 * composite key), and each side holding at most its own rows of them. A join costs its output rows plus its smaller
 * input's (the hash table it builds). A tree is rewritten only when the written order is estimated to cost at least
 * {@link #MIN_GAIN} times the greedy one: the estimates know nothing of correlations, so an order estimated close to
 * the greedy one keeps its author's. Measured on TPC-H: the trees reordered at estimated ratios of 1.69 to 5.9 (SQL
 * Q2, Q5, Q7, Q9, Q11, Q21; LazyFrame Q9, Q18) ran as fast or faster at SF 10 (SQL Q9: 8.5 s to 6.1 s; at SF 1 SQL
 * Q7 and Q2 ran 10-20% slower), LazyFrame Q8's 1.23 ran 20% slower reordered. A tree kept as written keeps its parts as written too: they
 * were weighed with the whole, and a part alone lacks the tables that bound its keys (customer and supplier joined on
 * their nation, without nation's 25 rows in the part, were estimated at 100K nations and ran out of memory).
 *
 * <p>Left as written: trees whose inputs share a column name, keys of different types or floating-point keys
 * (where -0.0 joins 0.0 and the key an inner join outputs would change), inputs of unknown size.
 */
final class JoinOrder implements OptimizerRule {

    /** How many times cheaper the greedy order must be estimated to replace the written one (see the class comment). */
    static final double MIN_GAIN = 1.5;

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        if (plan instanceof JoinNode j && j.how() == Kind.INNER) {
            LogicalPlan ordered = reorder(j);
            // Kept as written, the tree's own joins too: they were weighed with the whole tree, and a part alone
            // misjudges its joins (customer and supplier on their nation, without nation: 25 values taken as 100K).
            return ordered != null ? ordered : withLeavesOrdered(j);
        }
        return OptimizerRule.mapInputs(plan, this::apply);
    }

    /** The inner joins under {@code p} as written, the rule applied inside their inputs. */
    private LogicalPlan withLeavesOrdered(LogicalPlan p) {
        if (p instanceof JoinNode j && j.how() == Kind.INNER
                || p instanceof SelectNode s && s.input() instanceof JoinNode j2 && j2.how() == Kind.INNER && picksColumns(s)) {
            return OptimizerRule.mapInputs(p, this::withLeavesOrdered);
        }
        return apply(p);
    }

    /** The tree under {@code top} in a cheaper order, or null to keep it as written. */
    private LogicalPlan reorder(JoinNode top) {
        List<LogicalPlan> leaves = new ArrayList<>();
        List<String[]> equalities = new ArrayList<>();
        flatten(top, leaves, equalities);
        if (leaves.size() < 3) return null;

        Map<String, Integer> leafOf = new HashMap<>();
        Map<String, DataType> typeOf = new HashMap<>();
        for (int i = 0; i < leaves.size(); i++) {
            for (var f : leaves.get(i).schema().fields()) {
                if (leafOf.put(f.name(), i) != null) return null; // a name twice: suffixes would follow the order
                typeOf.put(f.name(), f.type());
            }
        }
        Classes classes = new Classes();
        for (String[] e : equalities) classes.union(e[0], e[1]);
        // A leaf's copies of its own key columns (SQL names a right key's copy __rkN) hold the same values: they join
        // as their original, which a scan below can filter by the build side's keys (a runtime filter sees no copy).
        List<LogicalPlan> inputs = new ArrayList<>(leaves.size());
        for (LogicalPlan leaf : leaves) inputs.add(withoutKeyCopies(leaf, classes));
        List<List<String>> classList = classes.all();
        for (List<String> members : classList) {
            DataType t = typeOf.get(members.get(0));
            if (t.kind() == DataType.Kind.FLOAT16 || t.kind() == DataType.Kind.FLOAT32 || t.kind() == DataType.Kind.FLOAT64) return null;
            for (String m : members) if (!typeOf.get(m).equals(t)) return null;
        }

        double[] leafRows = new double[leaves.size()], unfiltered = new double[leaves.size()];
        for (int i = 0; i < leaves.size(); i++) {
            leafRows[i] = filteredRows(leaves.get(i));
            unfiltered[i] = unfilteredRows(leaves.get(i));
            if (leafRows[i] < 0 || unfiltered[i] < 0) return null;
        }
        Estimator est = new Estimator(classList, leafOf, unfiltered);

        double written = est.writtenCost(top, leaves, leafRows);
        List<Group> groups = new ArrayList<>();
        for (int i = 0; i < leaves.size(); i++) groups.add(new Group(inputs.get(i), leafRows[i]));
        double greedy = 0;
        while (groups.size() > 1) {
            int bestA = -1, bestB = -1;
            double best = Double.POSITIVE_INFINITY, rows = 0;
            for (int a = 0; a < groups.size(); a++) {
                for (int b = a + 1; b < groups.size(); b++) {
                    double r = est.join(groups.get(a), groups.get(b));
                    if (r < 0) continue;
                    double cost = Estimator.cost(r, groups.get(a).rows, groups.get(b).rows);
                    if (cost < best) {
                        best = cost;
                        rows = r;
                        bestA = a;
                        bestB = b;
                    }
                }
            }
            if (bestA < 0) return null; // not connected: the written tree has a key for every join, so never
            Group a = groups.get(bestA), b = groups.get(bestB);
            // The larger input probes, the smaller is built (JoinBuildSide may still swap them by bytes).
            Group probe = a.rows >= b.rows ? a : b, build = probe == a ? b : a;
            groups.remove(bestB);
            groups.remove(bestA);
            groups.add(new Group(join(probe.plan, build.plan, classList), rows));
            greedy += best;
        }
        if (greedy * MIN_GAIN > written) return null;

        // The inputs are optimized in their new places only now: a tree kept as written has its inputs optimized
        // once, by withLeavesOrdered (twice per nesting level would double the work at every level).
        Set<LogicalPlan> inputSet = Collections.newSetFromMap(new IdentityHashMap<>());
        inputSet.addAll(inputs);
        LogicalPlan joined = withInputsOptimized(groups.get(0).plan, inputSet);
        Set<String> have = new HashSet<>(joined.schema().names());
        List<Expr> out = new ArrayList<>();
        for (String name : top.schema().names()) {
            String same = have.contains(name) ? name : null;
            for (String m : classes.members(name)) if (same == null && have.contains(m)) same = m;
            if (same == null) return null; // cannot happen: a class keeps a column wherever it has tables
            out.add(same.equals(name) ? Expr.col(name) : Expr.col(same).alias(name));
        }
        return SelectNode.of(joined, out);
    }

    /** {@code p} (joins over {@code inputs}) with the rule applied inside each of those inputs. */
    private LogicalPlan withInputsOptimized(LogicalPlan p, Set<LogicalPlan> inputs) {
        if (inputs.contains(p)) return OptimizerRule.mapInputs(p, this::apply);
        return OptimizerRule.mapInputs(p, in -> withInputsOptimized(in, inputs));
    }

    /** {@code leaf} without the columns it adds as copies of its own columns that are join keys (unioned with them). */
    private static LogicalPlan withoutKeyCopies(LogicalPlan leaf, Classes classes) {
        if (!(leaf instanceof WithColumnsNode w)) return leaf;
        List<Expr> kept = new ArrayList<>();
        for (Expr e : w.exprs()) {
            if (e instanceof Alias(ColumnRef(String from), String name) && classes.has(name) && !name.equals(from)
                    && w.input().schema().names().contains(from)) {
                classes.union(name, from);
            } else {
                kept.add(e);
            }
        }
        if (kept.size() == w.exprs().size()) return leaf;
        return kept.isEmpty() ? w.input() : WithColumnsNode.of(w.input(), kept);
    }

    /** The inner joins under {@code p} and the selects of columns between them, as their inputs and key equalities. */
    private static void flatten(LogicalPlan p, List<LogicalPlan> leaves, List<String[]> equalities) {
        if (p instanceof JoinNode j && j.how() == Kind.INNER) {
            flatten(j.left(), leaves, equalities);
            flatten(j.right(), leaves, equalities);
            for (int i = 0; i < j.leftOn().size(); i++) equalities.add(new String[] {j.leftOn().get(i), j.rightOn().get(i)});
        } else if (p instanceof SelectNode s && s.input() instanceof JoinNode j && j.how() == Kind.INNER && picksColumns(s)) {
            flatten(j, leaves, equalities);
        } else {
            leaves.add(p);
        }
    }

    private static boolean picksColumns(SelectNode s) {
        for (Expr e : s.exprs()) if (!(e instanceof ColumnRef)) return false;
        return true;
    }

    /**
     * A leaf's estimated rows: a scan's filter as {@link ScanSelectivity} estimates it, a filter above a scan a fifth;
     * other leaves as {@link JoinBuildSide#rows}.
     */
    private static double filteredRows(LogicalPlan p) {
        return switch (p) {
            case FilterNode f -> filteredRows(f.input()) * ScanSelectivity.UNKNOWN;
            case SelectNode s -> filteredRows(s.input());
            case WithColumnsNode w -> filteredRows(w.input());
            case ScanNode s when s.limit() < 0 -> {
                double n = JoinBuildSide.tableRows(s);
                yield n < 0 ? -1 : n * ScanSelectivity.of(s);
            }
            default -> JoinBuildSide.rows(p);
        };
    }

    /** A leaf's rows before its filters (the rows of the table it reads), for the distinct keys of its columns. */
    private static double unfilteredRows(LogicalPlan p) {
        return switch (p) {
            case FilterNode f -> unfilteredRows(f.input());
            case SelectNode s -> unfilteredRows(s.input());
            case WithColumnsNode w -> unfilteredRows(w.input());
            case ScanNode s -> JoinBuildSide.tableRows(s);
            default -> JoinBuildSide.rows(p);
        };
    }

    /** Some joined inputs: the plan and its estimated rows. */
    private record Group(LogicalPlan plan, double rows) {}

    /** An inner join of {@code probe} and {@code build} on one column of each class of equal columns both hold. */
    private static LogicalPlan join(LogicalPlan probe, LogicalPlan build, List<List<String>> classes) {
        Set<String> left = new HashSet<>(probe.schema().names()), right = new HashSet<>(build.schema().names());
        List<String> leftOn = new ArrayList<>(), rightOn = new ArrayList<>();
        for (List<String> members : classes) {
            String l = null, r = null;
            for (String m : members) {
                if (l == null && left.contains(m)) l = m;
                if (r == null && right.contains(m)) r = m;
            }
            if (l != null && r != null) {
                leftOn.add(l);
                rightOn.add(r);
            }
        }
        return JoinNode.of(probe, build, leftOn, rightOn, Kind.INNER);
    }

    /** Join sizes from the classes of equal columns and the leaves' unfiltered rows. */
    private record Estimator(List<List<String>> classes, Map<String, Integer> leafOf, double[] unfiltered) {

        /** The estimated rows of joining {@code a} and {@code b}, or -1 when they share no class. */
        double join(Group a, Group b) {
            return join(a.plan.schema().names(), a.rows, b.plan.schema().names(), b.rows);
        }

        private double join(List<String> aColumns, double aRows, List<String> bColumns, double bRows) {
            Set<String> inA = new HashSet<>(aColumns), inB = new HashSet<>(bColumns);
            // The distinct values of the shared classes' keys: at most the product of each class's (its smallest
            // table's rows: the one the others refer to), and at most the rows of a table holding all of them (a
            // composite key, as partsupp's part and supplier).
            double domain = 1;
            BitSet holdAll = null;
            for (List<String> members : classes) {
                boolean a = false, b = false;
                for (String m : members) {
                    a |= inA.contains(m);
                    b |= inB.contains(m);
                }
                if (!a || !b) continue;
                double d = Double.POSITIVE_INFINITY;
                BitSet tables = new BitSet();
                for (String m : members) {
                    int leaf = leafOf.get(m);
                    d = Math.min(d, unfiltered[leaf]);
                    tables.set(leaf);
                }
                domain *= d;
                if (holdAll == null) holdAll = tables;
                else holdAll.and(tables);
            }
            if (holdAll == null) return -1;
            for (int leaf = holdAll.nextSetBit(0); leaf >= 0; leaf = holdAll.nextSetBit(leaf + 1)) domain = Math.min(domain, unfiltered[leaf]);
            // Each side holds at most its rows of those values; the side with fewer is taken as contained in the other.
            double distinct = Math.max(Math.min(domain, aRows), Math.min(domain, bRows));
            return aRows * bRows / Math.max(1, distinct);
        }

        /**
         * The cost of a join of {@code a} and {@code b} rows into {@code out}: its output rows, which later joins read,
         * plus its smaller input's, which it builds a hash table of (output rows alone favour a small probe against a
         * large build: TPC-H Q8 would build all of two years of orders to probe them with one part type's lines).
         */
        static double cost(double out, double a, double b) {
            return out + Math.min(a, b);
        }

        /** The summed cost of the written tree's joins. */
        double writtenCost(LogicalPlan top, List<LogicalPlan> leaves, double[] rows) {
            double[] cost = new double[1];
            walk(top, leaves, rows, cost);
            return cost[0];
        }

        /** The estimated rows of {@code p}, adding those of each join in it to {@code cost}. */
        private double walk(LogicalPlan p, List<LogicalPlan> leaves, double[] rows, double[] cost) {
            for (int i = 0; i < leaves.size(); i++) if (leaves.get(i) == p) return rows[i];
            if (p instanceof SelectNode s) return walk(s.input(), leaves, rows, cost);
            JoinNode j = (JoinNode) p;
            double l = walk(j.left(), leaves, rows, cost), r = walk(j.right(), leaves, rows, cost);
            double n = join(j.left().schema().names(), l, j.right().schema().names(), r);
            if (n < 0) n = l * r;
            cost[0] += cost(n, l, r);
            return n;
        }
    }

    /** Classes of columns that hold equal values (union-find over names), in the order their first members came. */
    private static final class Classes {
        private final Map<String, String> parent = new LinkedHashMap<>();

        boolean has(String c) {
            return parent.containsKey(c);
        }

        void union(String a, String b) {
            String ra = root(a), rb = root(b);
            if (!ra.equals(rb)) parent.put(rb, ra);
        }

        private String root(String c) {
            parent.putIfAbsent(c, c);
            String p = parent.get(c);
            if (p.equals(c)) return c;
            String r = root(p);
            parent.put(c, r);
            return r;
        }

        /** Every class, each with its members in the order they came. */
        List<List<String>> all() {
            Map<String, List<String>> byRoot = new LinkedHashMap<>();
            for (String c : List.copyOf(parent.keySet())) byRoot.computeIfAbsent(root(c), k -> new ArrayList<>()).add(c);
            return List.copyOf(byRoot.values());
        }

        /** The columns in {@code c}'s class ({@code c} alone when it is in none). */
        List<String> members(String c) {
            if (!parent.containsKey(c)) return List.of(c);
            String r = root(c);
            List<String> out = new ArrayList<>();
            for (String m : List.copyOf(parent.keySet())) if (root(m).equals(r)) out.add(m);
            return out;
        }
    }
}
