package dev.streamingadaptive.exec;

import dev.streamingadaptive.exec.agg.AggFunction;
import dev.streamingadaptive.exec.agg.AggSpec;
import dev.streamingadaptive.exec.agg.SpillingAggregation;
import dev.streamingadaptive.exec.eval.CompiledExpression;
import dev.streamingadaptive.exec.eval.ExpressionCompiler;
import dev.streamingadaptive.expr.AggregateExpr;
import dev.streamingadaptive.expr.ColumnRef;
import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.plan.AggregateNode;
import dev.streamingadaptive.plan.DistinctNode;
import dev.streamingadaptive.plan.FilterNode;
import dev.streamingadaptive.plan.FooterAggregateNode;
import dev.streamingadaptive.plan.FrameNode;
import dev.streamingadaptive.plan.JoinNode;
import dev.streamingadaptive.plan.LogicalPlan;
import dev.streamingadaptive.plan.ScanNode;
import dev.streamingadaptive.plan.SelectNode;
import dev.streamingadaptive.plan.SliceNode;
import dev.streamingadaptive.plan.SortNode;
import dev.streamingadaptive.plan.UnionNode;
import dev.streamingadaptive.plan.WithColumnsNode;
import dev.streamingadaptive.reader.ParallelStreamReader;
import dev.streamingadaptive.scan.Frames;
import dev.streamingadaptive.spill.SpillDirectory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Runs an optimized logical plan. Row-wise operators (filter, select, withColumns, the scan's
 * residual filter) are fused into pipelines that run morsel by morsel on the configured number of
 * worker threads; group-by, sort and distinct are pipeline breakers whose per-worker state is
 * reserved in the memory budget and merged at the end; slices and concatenations run in order and
 * stop their inputs as soon as they have enough rows.
 */
public final class Executor {
    private final ExecutionConfig config;
    private final ExecutionStatistics statistics = new ExecutionStatistics();
    /** This run's spill folder, made when an operator first spills; deleted when the run ends. */
    private SpillDirectory spillDirectory;
    /** Group-by results this run's plan uses more than once; null when none is. */
    private SharedResults shared;

    public Executor(ExecutionConfig config) {
        this.config = config;
    }

    /** What the scans of this executor's runs read. */
    public ExecutionStatistics statistics() {
        return statistics;
    }

    /** The whole result as one frame, rows in input order where the plan defines one. */
    public DataFrame collect(LogicalPlan plan) {
        startRun(plan);
        try {
            return collect(plan, "collect()", "read the result in batches with stream(), or select fewer rows or columns");
        } finally {
            endRun();
        }
    }

    private synchronized void startRun(LogicalPlan plan) {
        shared = SharedResults.of(plan, config.memory());
    }

    /** Drops what the run kept: shared results, the spill folder. */
    private synchronized void endRun() {
        if (shared != null) shared.close();
        shared = null;
        closeSpillDirectory();
    }

    /** Whether operators may spill state that outgrows the memory budget. */
    boolean spilling() {
        return config.spilling();
    }

    /**
     * This run's spill folder, made on first use under the configured base and deleted when the run
     * ends (its result collected or its stream closed).
     *
     * @throws IllegalStateException when spilling is off (check {@link #spilling()} first)
     */
    synchronized SpillDirectory spillDirectory() {
        if (!config.spilling()) throw new IllegalStateException("spilling is off for this query");
        if (spillDirectory == null) spillDirectory = SpillDirectory.create(config.spillBase());
        return spillDirectory;
    }

    private synchronized void closeSpillDirectory() {
        if (spillDirectory != null) {
            spillDirectory.close();
            spillDirectory = null;
        }
    }

    /** The whole result of {@code plan}; when it cannot fit, refused naming {@code operator}. */
    DataFrame collect(LogicalPlan plan, String operator, String advice) {
        return collect(lower(plan), plan.schema(), operator, advice, HeldLimit.of(config.memory()));
    }

    /** {@code l} collected on its workers, each holding at most {@code limit} bytes of it. */
    private DataFrame collect(Lowered l, Schema schema, String operator, String advice, long limit) {
        List<CollectSink> sinks = new Pipeline(l.source, l.steps, config.memory()).run(workers(l),
                i -> new CollectSink(config.memory(), operator, advice, limit));
        return CollectSink.result(schema, sinks);
    }

    /**
     * The result as a lazily computed stream of batches in order; row-wise work runs on the
     * consuming thread (the scans still decode in parallel), so memory stays bounded by the
     * batches in flight. Close the stream to stop early.
     */
    public Stream<DataFrame> stream(LogicalPlan plan) {
        startRun(plan);
        BatchStream s = sequential(lower(plan));
        Iterator<DataFrame> it = new Iterator<>() {
            DataFrame next;
            boolean done;

            @Override public boolean hasNext() {
                if (next == null && !done) {
                    next = s.next();
                    if (next == null) done = true;
                }
                return next != null;
            }

            @Override public DataFrame next() {
                if (!hasNext()) throw new NoSuchElementException();
                DataFrame out = next;
                next = null;
                return out;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> {
                    try {
                        s.close();
                    } finally {
                        endRun();
                    }
                });
    }

    /** A source and the row-wise steps fused above it. */
    record Lowered(BatchStream source, List<BatchStep> steps, Schema schema) {
        Lowered then(BatchStep step, Schema out) {
            List<BatchStep> s = new ArrayList<>(steps);
            s.add(step);
            return new Lowered(source, s, out);
        }
    }

    private Lowered lower(LogicalPlan plan) {
        return lower(plan, true);
    }

    /**
     * {@code plan} as a source and fused steps. {@code ordered}: whether the consumer needs rows in
     * source order; when it does not (a group-by without first/last, distinct), scans hand out row
     * groups as they finish decoding, all of them in parallel.
     */
    Lowered lower(LogicalPlan plan, boolean ordered) {
        if (!(plan instanceof AggregateNode) && isShared(plan)) return sharedSubplan(plan, ordered);
        return lowerHere(plan, ordered);
    }

    /** {@link #lower} without the check for a shared subplan at the top (what computing one lowers). */
    private Lowered lowerHere(LogicalPlan plan, boolean ordered) {
        return switch (plan) {
            case ScanNode s when s.source() instanceof dev.streamingadaptive.plan.TextSource -> {
                TextScanStream scan = new TextScanStream(s, config, statistics);
                yield new Lowered(scan, scan.deferredSteps(), s.schema());
            }
            case ScanNode s -> {
                ScanStream scan = new ScanStream(s, config, statistics, ordered);
                yield new Lowered(scan, scan.deferredSteps(), s.schema());
            }
            case FrameNode f -> new Lowered(new FrameStream(f.frame()), List.of(), f.schema());
            case FooterAggregateNode f -> new Lowered(new DeferredStream(f.schema(), () -> footerAggregate(f)), List.of(), f.schema());
            case FilterNode f -> {
                Lowered in = lower(f.input(), ordered);
                yield in.then(BatchStep.filter(f.predicate(), in.schema), in.schema);
            }
            case SelectNode s -> {
                Lowered in = lower(s.input(), ordered);
                yield in.then(BatchStep.select(s.exprs(), in.schema), s.schema());
            }
            case WithColumnsNode w -> {
                Lowered in = lower(w.input(), ordered);
                yield in.then(BatchStep.withColumns(w.exprs(), in.schema, w.schema()), w.schema());
            }
            case SliceNode s -> new Lowered(new SliceStream(sequential(lower(s.input())), s.offset(), s.length()), List.of(), s.schema());
            case UnionNode u -> {
                List<LogicalPlan> inputs = u.inputs();
                yield new Lowered(new ConcatStream(u.schema(), inputs.size(), i -> sequential(lower(inputs.get(i)))), List.of(), u.schema());
            }
            case AggregateNode a when isShared(a) -> new Lowered(new DeferredStream(a.schema(),
                    () -> sharedResult(a)), List.of(), a.schema());
            case AggregateNode a -> new Lowered(new AggregationStream(a.schema(), () -> aggregate(a)), List.of(), a.schema());
            case SortNode s when s.limit() >= 0 -> new Lowered(new DeferredStream(s.schema(),
                    () -> TopK.of(sequential(lower(s.input())), s.keys(), s.limit(), config.memory())), List.of(), s.schema());
            case SortNode s -> new Lowered(new ExternalSort(() -> sequential(lower(s.input())), s.schema(), s.keys(), config.memory(),
                    config.spilling() ? this::spillDirectory : null, s.describe()), List.of(), s.schema());
            case DistinctNode d -> distinct(d);
            case JoinNode j -> SpillingJoin.lower(this, config.memory(), j, ordered);
        };
    }

    /** Worker threads for a pipeline: one when its source holds a single batch (no thread start-up for small frames). */
    int workers(Lowered l) {
        return l.source.singleBatch() ? 1 : config.threads();
    }

    /** The steps applied on the pulling thread: for ordered consumers (slices, streams, concatenations). */
    private static BatchStream sequential(Lowered l) {
        if (l.steps.isEmpty()) return l.source;
        return new BatchStream() {
            @Override public Schema schema() { return l.schema; }
            @Override public DataFrame next() {
                DataFrame b;
                while ((b = l.source.next()) != null) {
                    for (BatchStep s : l.steps) b = s.apply(b);
                    if (b.height() > 0) return b;
                }
                return null;
            }
            @Override public void close() { l.source.close(); }
        };
    }

    /** Whether {@code p} is a subplan the run computes once for several uses. */
    synchronized boolean isShared(LogicalPlan p) {
        return shared != null && shared.isShared(p);
    }

    /**
     * A join subplan used more than once: its first use collects it whole (in parallel, as a collect does) and the
     * others read what was kept; when it is larger than may be held, every use streams it as if it were not shared.
     */
    private Lowered sharedSubplan(LogicalPlan plan, boolean ordered) {
        BatchStream s = new BatchStream() {
            private BatchStream in;

            @Override public Schema schema() { return plan.schema(); }

            @Override
            public DataFrame next() {
                if (in == null) {
                    SharedResults r;
                    synchronized (Executor.this) {
                        r = shared;
                    }
                    DataFrame kept = r == null ? null : r.result(plan, () -> collectWithinLimit(plan));
                    in = kept != null ? new FrameStream(kept) : sequential(lowerHere(plan, ordered));
                }
                DataFrame b = in.next();
                return b == null || b.height() == 0 ? null : b;
            }

            @Override
            public void close() {
                if (in != null) in.close();
            }
        };
        return new Lowered(s, List.of(), plan.schema());
    }

    /**
     * Share of {@link HeldLimit} a shared subplan's result may take (1/8 of the budget): it is held while the rest of
     * the query runs, and while it is collected the operators below it (a join's build side, the scans) need room.
     */
    private static final int SHARED_SUBPLAN_SHARE = 4;

    /** The whole result of a shared subplan, or null when it outgrows what may be kept for its other uses. */
    private DataFrame collectWithinLimit(LogicalPlan plan) {
        Lowered l = lowerHere(plan, true);
        long limit = HeldLimit.of(config.memory()) / SHARED_SUBPLAN_SHARE / workers(l);   // each worker's sink holds its part
        try {
            return collect(l, plan.schema(), "a subplan used twice", "it is computed once per use instead", limit);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof MemoryBudgetExceededException) return null;
            }
            throw e;
        }
    }

    /** A shared group-by's result: kept from its first use, or computed (the run already ended: a late pull). */
    private DataFrame sharedResult(AggregateNode a) {
        SharedResults s;
        synchronized (this) {
            s = shared;
        }
        return s == null ? collectAggregate(a) : s.result(a, () -> collectAggregate(a));
    }

    /** The whole result of a group-by, as one frame. */
    private DataFrame collectAggregate(AggregateNode a) {
        try (SpillingAggregation.Results r = aggregate(a)) {
            List<DataFrame> parts = new ArrayList<>();
            for (DataFrame b; (b = r.next()) != null; ) parts.add(b);
            return Frames.concat(parts, a.schema());
        }
    }

    /** From the footers, or by running the aggregate as written when they cannot answer. */
    private DataFrame footerAggregate(FooterAggregateNode f) {
        DataFrame answered = FooterAggregates.answer(f, statistics);
        if (answered != null) return answered;
        try (SpillingAggregation.Results r = aggregate(f.fallback())) {
            return r.next(); // no keys: one row, in memory
        }
    }

    private SpillingAggregation.Results aggregate(AggregateNode a) {
        boolean ordered = false;
        for (Expr e : a.aggs()) {
            var f = AggregateNode.aggregateOf(e).function();
            ordered |= f == dev.streamingadaptive.expr.Aggregation.FIRST || f == dev.streamingadaptive.expr.Aggregation.LAST;
        }
        Lowered in = lower(a.input(), ordered);
        Schema inSchema = in.schema;
        List<Field> keyFields = new ArrayList<>();
        List<CompiledExpression> keys = new ArrayList<>();
        for (Expr k : a.keys()) {
            keyFields.add(Field.of(k.outputName(), k.typeIn(inSchema)));
            keys.add(k instanceof ColumnRef ? null : ExpressionCompiler.compile(k, inSchema));
        }
        List<AggSpec> specs = new ArrayList<>();
        List<CompiledExpression> inputs = new ArrayList<>();
        for (Expr e : a.aggs()) {
            AggregateExpr agg = AggregateNode.aggregateOf(e);
            specs.add(new AggSpec(AggFunction.valueOf(agg.function().name()), e.outputName(),
                    agg.input() == null ? null : agg.input().typeIn(inSchema), agg.quantile()));
            inputs.add(agg.input() == null || agg.input() instanceof ColumnRef ? null : ExpressionCompiler.compile(agg.input(), inSchema));
        }
        String operator = "group-by" + (a.keys().isEmpty() ? "" : " " + keyFields.stream().map(Field::name).toList());
        int workers = workers(in);
        SpillingAggregation aggregation = new SpillingAggregation(keyFields, specs, config.memory(), operator,
                config.spilling() ? this::spillDirectory : null, workers);
        try {
            new Pipeline(in.source, in.steps, config.memory()).run(workers,
                    i -> new AggregationSink(aggregation.worker(), a, keys, inputs, config.memory(), workers));
            return aggregation.finish();
        } catch (RuntimeException e) {
            aggregation.close();
            throw e;
        }
    }

    /** Rows a worker's hash table takes at once when memory is tight. */
    static final int AGGREGATION_MORSEL = 1 << 16;
    /** Scratch a worker's hash table keeps per row of the largest batch it was given: group ids, key ids, a widened input. */
    private static final int SCRATCH_BYTES_PER_ROW = 16;
    /** Bits of a FIRST/LAST sequence number that number the morsels of one batch (a batch has fewer than 2^31 rows). */
    private static final int MORSEL_BITS = 15;

    /** A worker's hash table and how to get its keys and inputs from a batch. */
    private record AggregationSink(SpillingAggregation.Worker table, AggregateNode node, List<CompiledExpression> keys,
                                   List<CompiledExpression> inputs, MemoryManager memory, int workers) implements Pipeline.Sink {
        @Override public void accept(long sequence, DataFrame batch) {
            List<Column> k = new ArrayList<>(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                k.add(keys.get(i) != null ? keys.get(i).evaluate(batch) : batch.column(((ColumnRef) node.keys().get(i)).name()));
            }
            List<Column> in = new ArrayList<>(inputs.size());
            for (int i = 0; i < inputs.size(); i++) {
                AggregateExpr agg = AggregateNode.aggregateOf(node.aggs().get(i));
                in.add(agg.input() == null ? null : inputs.get(i) != null ? inputs.get(i).evaluate(batch)
                        : batch.column(((ColumnRef) agg.input()).name()));
            }
            int rows = batch.height();
            // The table's per-row scratch (group ids, widened inputs) grows to the rows it is given and stays with the
            // worker. Where every worker's scratch for this batch would take over 1/8 of the memory available, the batch
            // goes in morsels, whose scratch stays small (measured: whole 1M-row batches in -Xmx128m with 8 workers ran
            // out of memory on 12 MB of scratch each). Not always: the morsels are copies, 15% of a group-by's time in a
            // large heap. Morsels of a batch are numbered in order for FIRST/LAST.
            // A spilling table near its limit takes fewer rows at once (it can only spill between batches).
            int most = Math.min(AGGREGATION_MORSEL, table.rowsAtOnce());
            if (rows <= most || (rows <= table.rowsAtOnce() && (long) SCRATCH_BYTES_PER_ROW * rows * workers <= memory.availableBytes() / 8)) {
                table.add(k, in, rows, sequence << MORSEL_BITS);
                return;
            }
            most = Math.max(most, (rows >> MORSEL_BITS) + 1); // morsel numbers fit their bits
            int morsel = 0;
            for (int at = 0; at < rows; at += most, morsel++) {
                int n = Math.min(most, rows - at);
                table.add(slices(k, at, n), slices(in, at, n), n, (sequence << MORSEL_BITS) | morsel);
            }
        }

        private static List<Column> slices(List<Column> columns, int at, int n) {
            List<Column> out = new ArrayList<>(columns.size());
            for (Column c : columns) out.add(c == null ? null : c.slice(at, n));
            return out;
        }

        /** The query failed: give the table's memory back now, not after every worker has stopped. */
        @Override public void abandon() {
            table.close();
        }
    }

    /** Distinct rows: a group-by on the distinct columns keeping the first value of the others, put back in the input's column order. */
    private Lowered distinct(DistinctNode d) {
        Schema s = d.input().schema();
        List<String> on = d.subset().isEmpty() ? s.names() : d.subset();
        List<Expr> keys = new ArrayList<>();
        for (String c : on) keys.add(Expr.col(c));
        List<Expr> aggs = new ArrayList<>();
        for (String c : s.names()) if (!on.contains(c)) aggs.add(Expr.col(c).first());
        AggregateNode grouped = AggregateNode.of(d.input(), keys, aggs);
        List<Expr> columns = new ArrayList<>();
        for (String c : s.names()) columns.add(Expr.col(c));
        return new Lowered(new AggregationStream(grouped.schema(), () -> aggregate(grouped)), List.of(), grouped.schema())
                .then(BatchStep.select(columns, grouped.schema()), d.schema());
    }
}
