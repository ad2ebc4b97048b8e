package dev.streamingadaptive.plan;

/** One rewrite of a logical plan that keeps its result and makes it cheaper to run. */
interface OptimizerRule {
    LogicalPlan apply(LogicalPlan plan);

    /** {@code plan} with {@code rule} applied to each input, rebuilt only when one changed. */
    static LogicalPlan mapInputs(LogicalPlan plan, java.util.function.UnaryOperator<LogicalPlan> rule) {
        java.util.List<LogicalPlan> in = plan.inputs();
        if (in.isEmpty()) return plan;
        java.util.List<LogicalPlan> out = new java.util.ArrayList<>(in.size());
        boolean changed = false;
        for (LogicalPlan p : in) {
            LogicalPlan q = rule.apply(p);
            changed |= q != p;
            out.add(q);
        }
        return changed ? plan.withInputs(out) : plan;
    }
}
