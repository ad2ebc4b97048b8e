package dev.streamingadaptive.plan;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The joins a plan uses more than once: a frame built from a join and used twice (TPC-H Q11's stock value, Q17's
 * lines of the chosen parts, a SQL CTE named twice) is one plan object under two parents, so its two subtrees are
 * equal records. Only the largest such subtrees count (not the parts inside them), and only those that read files:
 * an in-memory frame would be hashed by value, row by row, to compare them. Projection pushdown gives such a subtree
 * the columns of all its uses, so that both stay equal; the executor then computes it once (see SharedResults).
 */
public final class SharedSubplans {
    private SharedSubplans() {}

    /** The subtrees of {@code plan} that contain a join, read only files and occur at least twice (maximal ones). */
    public static Set<LogicalPlan> of(LogicalPlan plan) {
        return new HashSet<>(uses(plan).keySet());
    }

    /** {@link #of} with how many times each occurs. */
    public static Map<LogicalPlan, Integer> uses(LogicalPlan plan) {
        Map<LogicalPlan, Integer> counts = new HashMap<>();
        count(plan, counts);
        counts.values().removeIf(n -> n < 2);
        return counts;
    }

    /** The group-bys of {@code plan} that occur at least twice (equal subtrees), with how many times each occurs. */
    public static Map<AggregateNode, Integer> groupByUses(LogicalPlan plan) {
        Map<AggregateNode, Integer> counts = new HashMap<>();
        countGroupBys(plan, counts);
        counts.values().removeIf(n -> n < 2);
        return counts;
    }

    private static void countGroupBys(LogicalPlan plan, Map<AggregateNode, Integer> counts) {
        if (plan instanceof AggregateNode a && counts.merge(a, 1, Integer::sum) > 1) return; // its inputs counted once
        for (LogicalPlan child : plan.inputs()) countGroupBys(child, counts);
    }

    private static void count(LogicalPlan plan, Map<LogicalPlan, Integer> counts) {
        if (containsJoin(plan)) {
            if (readsOnlyFiles(plan) && counts.merge(plan, 1, Integer::sum) > 1) return;   // its inputs counted once
        }
        for (LogicalPlan child : plan.inputs()) count(child, counts);
    }

    private static boolean containsJoin(LogicalPlan plan) {
        if (plan instanceof JoinNode) return true;
        for (LogicalPlan child : plan.inputs()) if (containsJoin(child)) return true;
        return false;
    }

    private static boolean readsOnlyFiles(LogicalPlan plan) {
        if (plan instanceof FrameNode) return false;
        for (LogicalPlan child : plan.inputs()) if (!readsOnlyFiles(child)) return false;
        return true;
    }
}
