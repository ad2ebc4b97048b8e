package dev.streamingadaptive.exec;

import dev.streamingadaptive.exec.agg.JoinTable;
import dev.streamingadaptive.exec.eval.ExpressionCompiler;
import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.ColumnConcat;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.NullColumn;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.plan.JoinNode;
import dev.streamingadaptive.plan.JoinNode.Kind;
import dev.streamingadaptive.predicate.Rows;
import dev.streamingadaptive.scan.Frames;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hash join: the right input collected and its keys put in a {@link JoinTable} (the build
 * side), then the left input probed batch by batch on the pipeline's workers. Each left batch's
 * matches come out in the batch's row order (a left row's build matches in build order), batches
 * in source order; RIGHT and FULL then add the build rows nothing matched. RIGHT_SEMI and RIGHT_ANTI
 * only mark the build rows matched, then output the marked (unmarked) ones. Key columns whose type
 * differs from the pair's common type are cast to it on both sides first. A cross join pairs every
 * left row with every right row, refusing a batch whose product does not fit memory.
 *
 * <p>The join when spilling is off, and every cross join: the output is held whole (up to half the
 * budget). With spilling on, {@link SpillingJoin} runs equality joins, streaming their output.
 */
final class Join {
    private final Executor executor;
    private final MemoryManager memory;

    Join(Executor executor, MemoryManager memory) {
        this.executor = executor;
        this.memory = memory;
    }

    /** What to do when the build side does not fit: depends on whether this query may spill. */
    static String advice(boolean spilling) {
        return spilling ? "raise the memory limit (for example --memory-limit), or filter the inputs first"
                : "spilling is off for this query: allow it (LazyFrame.withSpillDirectory) so the join partitions both sides "
                        + "to disk, raise the memory limit (for example --memory-limit), or put the smaller input on the right "
                        + "(the build side)";
    }

    /** The operator's name in messages: the join and its keys. */
    static String operator(JoinNode j) {
        return j.how() == Kind.CROSS ? "cross join" : "join " + j.leftOn()
                + (j.leftOn().equals(j.rightOn()) ? "" : " = " + j.rightOn());
    }

    /**
     * Collects the build side and joins. The build side may take a quarter of the budget (as before a
     * spilling join spills): its table and the probe's batches need the rest, and the collected
     * batches stay counted until they are garbage collected, so a larger one would leave the probe
     * scan waiting for memory and failing after its timeout, naming the reader instead of the join.
     */
    DataFrame run(JoinNode j) {
        String operator = operator(j) + " build side (right)";
        String advice = advice(executor.spilling());
        DataFrame build = executor.collect(j.right(), operator, advice);
        long bytes = build.estimatedBytes(), limit = memory.capacityBytes() / 4;
        if (bytes > limit) {
            throw new MemoryBudgetExceededException(operator + " (" + String.format(Locale.ROOT, "%,d", build.height()) + " rows, "
                    + (bytes >> 20) + " MB)", bytes, limit, advice + " (the build side may take a quarter of the memory budget)");
        }
        return run(j, build, j.left());
    }

    /** The join with its build side already collected, probing {@code probe} (the left input, possibly narrowed). */
    DataFrame run(JoinNode j, DataFrame build, dev.streamingadaptive.plan.LogicalPlan probe) {
        return run(j, build, executor.lower(probe, true));
    }

    /** The join with its build side already collected, probing {@code left} (the left input, lowered; closed here). */
    DataFrame run(JoinNode j, DataFrame build, Executor.Lowered left) {
        String operator = operator(j);
        int n = build.height();
        List<Field> keyFields = new ArrayList<>();
        for (int i = 0; i < j.keyTypes().size(); i++) keyFields.add(Field.of("key" + i, j.keyTypes().get(i)));
        boolean markBuild = j.how().marksBuild();
        // RIGHT_SEMI and RIGHT_ANTI mark keys (a key's build rows are matched together): fewer, and one store a probe row.
        boolean byKey = j.how().outputsRightOnly();
        int workers = executor.workers(left);
        String advice = advice(executor.spilling());
        AtomicLong output = new AtomicLong();
        try (JoinTable table = JoinTable.build(keyFields, keys(build, j.rightOn(), j.keyTypes()), n, build.estimatedBytes(), memory,
                operator, advice)) {
            // LEFT, FULL: the build side with one all-null row at index n, where unmatched probe rows take their right values.
            DataFrame buildPadded = j.how() == Kind.LEFT || j.how() == Kind.FULL ? withNullRow(build) : build;
            build = null; // what the join holds (and reserves) from here on
            int marks = byKey ? table.keys() : n;
            if (markBuild) table.reserve((long) workers * (marks + 16) + (byKey ? n : 0));
            List<ProbeSink> sinks = new Pipeline(left.source(), left.steps(), memory).run(workers,
                    i -> new ProbeSink(j, table, buildPadded, markBuild ? new boolean[marks] : null, operator, advice, output, memory));
            TreeMap<Long, DataFrame> all = new TreeMap<>();
            for (ProbeSink s : sinks) all.putAll(s.out);
            List<DataFrame> parts = new ArrayList<>(all.values());
            if (markBuild) {
                boolean[] matched = new boolean[marks];
                for (ProbeSink s : sinks) for (int i = 0; i < marks; i++) matched[i] |= s.matched[i];
                if (byKey) matched = rowsOfKeys(table, matched);
                // RIGHT_SEMI outputs the matched build rows; RIGHT, FULL and RIGHT_ANTI the unmatched.
                boolean keep = j.how() == Kind.RIGHT_SEMI;
                int count = 0;
                for (boolean m : matched) if (m == keep) count++;
                if (count > 0) {
                    int[] rows = new int[count];
                    int at = 0;
                    for (int i = 0; i < n; i++) if (matched[i] == keep) rows[at++] = i;
                    List<Column> cols = new ArrayList<>();
                    Schema ls = j.left().schema();
                    for (JoinNode.Output o : j.outputs()) {
                        cols.add(o.fromLeft() ? new NullColumn(o.name(), ls.field(o.input()).type(), count)
                                : Rows.take(buildPadded.column(o.input()), rows).rename(o.name()));
                    }
                    parts.add(new DataFrame(cols, count));
                }
            }
            return Frames.concat(parts, j.schema());
        }
    }

    /** Which build rows of {@code table} have a key marked in {@code keys} (by key id). */
    static boolean[] rowsOfKeys(JoinTable table, boolean[] keys) {
        boolean[] rows = new boolean[table.buildRows()];
        for (int id = 0; id < keys.length; id++) {
            if (keys[id]) for (int p = table.start(id), e = table.end(id); p < e; p++) rows[table.row(p)] = true;
        }
        return rows;
    }

    /** {@code build} with one all-null row appended. */
    static DataFrame withNullRow(DataFrame build) {
        List<Column> padded = new ArrayList<>(build.width());
        for (Column c : build.columns()) padded.add(ColumnConcat.concat(List.of(c, new NullColumn(c.name(), c.type(), 1))));
        return new DataFrame(padded, build.height() + 1);
    }

    /** The key columns of {@code df}, each cast to its pair's common type where it differs. */
    static List<Column> keys(DataFrame df, List<String> on, List<DataType> types) {
        List<Column> out = new ArrayList<>(on.size());
        for (int i = 0; i < on.size(); i++) {
            Column c = df.column(on.get(i));
            if (!c.type().equals(types.get(i))) {
                c = ExpressionCompiler.compile(Expr.col(on.get(i)).cast(types.get(i)), df.schema()).evaluate(df);
            }
            out.add(c);
        }
        return out;
    }

    /** A worker's joined batches by sequence number, and which build rows (RIGHT, FULL) or keys (RIGHT_SEMI, RIGHT_ANTI) it matched. */
    static final class ProbeSink implements Pipeline.Sink {
        final JoinNode j;
        final JoinTable table;
        final DataFrame build;
        final boolean[] matched;
        final String operator;
        final Map<Long, DataFrame> out = new TreeMap<>();
        private final String advice;
        /** Bytes of output all workers hold. */
        private final AtomicLong output;
        private final MemoryManager memory;

        ProbeSink(JoinNode j, JoinTable table, DataFrame build, boolean[] matched, String operator, String advice, AtomicLong output,
                  MemoryManager memory) {
            this.j = j;
            this.table = table;
            this.build = build;
            this.matched = matched;
            this.operator = operator;
            this.advice = advice;
            this.output = output;
            this.memory = memory;
        }

        @Override
        public void accept(long sequence, DataFrame batch) {
            int rows = batch.height();
            if (rows == 0) return;
            DataFrame result = j.how() == Kind.CROSS ? cross(batch) : probe(batch);
            if (result == null || result.height() == 0) return;
            // The output is held whole, so within HeldLimit, like a collected result.
            long bytes = result.estimatedBytes(), held = output.addAndGet(bytes);
            HeldLimit.check(memory, held, operator + " output (" + (held >> 20) + " MB of joined rows so far)",
                    advice + " (the joined rows held in memory may take half of the memory budget)");
            memory.reserve(bytes, result); // counted until the result is garbage collected, as CollectSink
            out.put(sequence, result);
        }

        /**
         * The batch's joined rows (INNER, LEFT, SEMI, ANTI need no state beyond the table: any thread may call this);
         * null for RIGHT_SEMI and RIGHT_ANTI, which only mark the keys matched.
         */
        DataFrame probe(DataFrame batch) {
            int rows = batch.height();
            int[] ids = table.find(keys(batch, j.leftOn(), j.keyTypes()), rows);
            Kind how = j.how();
            if (how.outputsRightOnly()) {
                for (int id : ids) if (id >= 0) matched[id] = true;
                return null;
            }
            if (how == Kind.SEMI || how == Kind.ANTI) {
                boolean[] keep = new boolean[rows];
                for (int i = 0; i < rows; i++) keep[i] = (ids[i] >= 0) == (how == Kind.SEMI);
                return Rows.keep(batch, keep);
            }
            boolean keepUnmatched = how == Kind.LEFT || how == Kind.FULL;
            long total = 0;
            for (int i = 0; i < rows; i++) {
                int id = ids[i];
                total += id >= 0 ? table.end(id) - table.start(id) : keepUnmatched ? 1 : 0;
            }
            if (total > Integer.MAX_VALUE - 16) {
                throw new MemoryBudgetExceededException(operator + " (one batch of " + rows + " left rows has " + total + " matches)",
                        total * 8, memory.availableBytes(), "a batch's output must stay below 2^31 rows");
            }
            int m = (int) total;
            int[] li = new int[m], ri = new int[m];
            int at = 0;
            int nullRow = table.buildRows();
            for (int i = 0; i < rows; i++) {
                int id = ids[i];
                if (id < 0) {
                    if (keepUnmatched) {
                        li[at] = i;
                        ri[at++] = nullRow;
                    }
                    continue;
                }
                for (int p = table.start(id), e = table.end(id); p < e; p++) {
                    int r = table.row(p);
                    li[at] = i;
                    ri[at++] = r;
                    if (matched != null) matched[r] = true;
                }
            }
            return assemble(batch, li, ri, m);
        }

        private DataFrame cross(DataFrame batch) {
            int rows = batch.height();
            int n = table.buildRows();
            long total = (long) rows * n;
            long bytes = total == 0 ? 0 : batch.estimatedBytes() / rows * total + build.estimatedBytes() / (n + 1) * total;
            if (total > Integer.MAX_VALUE - 16 || bytes > memory.availableBytes()) {
                throw new MemoryBudgetExceededException(String.format(Locale.ROOT,
                        "cross join (a left batch of %,d rows × %,d right rows = %,d rows)", rows, n, total),
                        bytes, memory.availableBytes(),
                        "a cross join materialises every pair: filter the inputs first, or join on keys");
            }
            int m = (int) total;
            int[] li = new int[m], ri = new int[m];
            int at = 0;
            for (int i = 0; i < rows; i++) {
                for (int r = 0; r < n; r++) {
                    li[at] = i;
                    ri[at++] = r;
                }
            }
            return assemble(batch, li, ri, m);
        }

        private DataFrame assemble(DataFrame batch, int[] li, int[] ri, int m) {
            List<Column> cols = new ArrayList<>(j.outputs().size());
            for (JoinNode.Output o : j.outputs()) {
                Column c = o.fromLeft() ? Rows.take(batch.column(o.input()), li) : Rows.take(build.column(o.input()), ri);
                cols.add(c.name().equals(o.name()) ? c : c.rename(o.name()));
            }
            return new DataFrame(cols, m);
        }
    }
}
