package dev.streamingadaptive.exec;

import dev.streamingadaptive.exec.agg.JoinTable;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.plan.JoinNode;
import dev.streamingadaptive.plan.JoinNode.Kind;
import dev.streamingadaptive.plan.LogicalPlan;
import dev.streamingadaptive.scan.Frames;
import dev.streamingadaptive.spill.SpillDirectory;
import dev.streamingadaptive.spill.SpillFile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An equality join that spills when its build side (the right input) does not fit: a hybrid grace
 * hash join. The build side is read until it passes a quarter of the memory budget; when it ends
 * first, it is joined in memory: the left input's batches are probed on the pipeline's workers
 * ({@link #probe}, a step after this stream), in left order, a left row's matches in build order; RIGHT and
 * FULL mark the build rows matched as they probe, and once every left batch handed out has been probed, output
 * the build rows nobody matched; RIGHT_SEMI and RIGHT_ANTI, which output only build rows, probe on all workers
 * before their first output ({@link Join}).
 * Otherwise both sides are split by a hash of their keys into {@value JoinPartitioner#FANOUT} spill
 * files each and joined partition by partition, the partition's build rows in memory; a partition whose build rows still do not fit is split again by
 * other hash bits (up to {@value JoinPartitioner#MAX_LEVEL} times), and one that does not get
 * smaller by splitting (one key with too many rows) is joined in chunks ({@link PartitionJoin}).
 * Rows come out partition by partition (not in left order), as a stream of batches, so a join
 * feeding an aggregation stays within the budget. Each partition's files are deleted as soon as it
 * is joined; the rest when the stream is closed, early or after a failure (and the run's spill
 * folder with the run).
 *
 * <p>Rows with a null key never match: they are not written at all where the join never outputs
 * them (the build side of INNER, LEFT, SEMI, ANTI, RIGHT_SEMI; the probe side of all but LEFT, FULL, ANTI), and
 * otherwise go to a file of their own, output after the partitions without joining.
 */
final class SpillingJoin implements BatchStream {
    /**
     * Test hook: the build bytes held in memory before the join spills (default: a quarter of the
     * memory budget), so that tests reach partitioning, re-splitting and chunking on small inputs.
     */
    static final String BUILD_LIMIT_PROPERTY = "streamingadaptive.join.buildLimitBytes";

    /** Joins that partitioned their inputs so far, in this JVM (tests tell from it whether a join spilled). */
    private static final java.util.concurrent.atomic.AtomicInteger PARTITIONED = new java.util.concurrent.atomic.AtomicInteger();

    static int partitionedJoins() {
        return PARTITIONED.get();
    }

    /** System property: {@code false} keeps a spilling INNER join from building from its left instead ({@link #buildFromLeft}). */
    static final String BUILD_FROM_LEFT_PROPERTY = "streamingadaptive.join.buildFromLeft";

    private final Executor executor;
    private final MemoryManager memory;
    private final JoinNode j;
    private final String operator;
    private final String advice;
    private final long buildLimit;
    /**
     * What the hash table over a build side costs per row on top of its batches: key ids and the row
     * list (8 bytes), the key table's slots and keys (about 24 at its load factor). Measured: 14.8M
     * build rows of an 8-byte key asked for one 452 MB array, which a batch-bytes-only limit let
     * through (TPC-H Q10 at SF 10 in -Xmx2g failed instead of spilling).
     */
    static final int TABLE_BYTES_PER_ROW = 40;
    private final long flushBytes;
    private final Deque<Work> pending = new ArrayDeque<>();
    private final List<MemoryManager.Reservation> held = new ArrayList<>();
    /** Whether the consumer needs the left side's order (when the build side fits). */
    private final boolean ordered;
    /** Whether {@link #buildFromLeft} may build from the left when the right passes the limit. */
    private final boolean fromLeft;
    /** For an INNER join, this join with its sides swapped (how {@link #buildFromLeft} joins); else null. */
    private final JoinNode swapped;
    /** Per output column, the column of {@link #swapped} that holds it. */
    private final List<String> swappedColumns;
    /** The left's batches {@link #buildFromLeft} holds (also while they are partitioned), or null. */
    private MemoryManager.Reservation leftReserved;
    /** What is being output: a partition's join, or rows with null keys. */
    private BatchStream current;
    /**
     * Set when the build side fits and the join outputs no unmatched build rows (INNER, LEFT, SEMI,
     * ANTI): then this stream hands out the left input's batches and {@link #probe} joins them on the
     * pipeline's workers, in parallel. Null otherwise: the batches handed out are already joined.
     */
    private volatile Prober prober;
    private boolean started;
    private boolean closed;
    private RuntimeException failure;

    /** What the join still has to output: a partition to join, or rows with null keys to output as they are. */
    private sealed interface Work permits Pair, NullKeyRows {
        void delete();
    }

    /** A partition still to join: its two files, how often it was split, and whether splitting it again can help. */
    private record Pair(SpillFile build, SpillFile probe, int level, boolean splittable) implements Work {
        @Override public void delete() {
            build.delete();
            probe.delete();
        }
    }

    /** Rows of one side with a null key: they match nothing, so they are output unmatched without joining. */
    private record NullKeyRows(SpillFile file, boolean probeSide) implements Work {
        @Override public void delete() {
            file.delete();
        }
    }

    /**
     * The join lowered: spilling when the executor may, else the in-memory join (refusing what does not
     * fit). {@code ordered}: whether the consumer needs the left side's order.
     */
    static Executor.Lowered lower(Executor executor, MemoryManager memory, JoinNode j, boolean ordered) {
        if (j.how() == Kind.CROSS || !executor.spilling()) {
            return new Executor.Lowered(new DeferredStream(j.schema(), () -> new Join(executor, memory).run(j)), List.of(), j.schema());
        }
        SpillingJoin join = new SpillingJoin(executor, memory, j, ordered);
        return new Executor.Lowered(join, List.of(join::probe), j.schema());
    }

    private SpillingJoin(Executor executor, MemoryManager memory, JoinNode j, boolean ordered) {
        this.ordered = ordered;
        this.executor = executor;
        this.memory = memory;
        this.j = j;
        this.operator = Join.operator(j);
        this.advice = Join.advice(true);
        long capacity = memory.capacityBytes();
        long limit = Long.getLong(BUILD_LIMIT_PROPERTY, -1);
        // A quarter of the budget, and no more rows than the table's largest array (about 32 bytes a row) allows.
        this.buildLimit = limit > 0 ? limit : Math.max(1, Math.min(capacity / 4,
                JoinTable.maxArrayBytes() / 32 * TABLE_BYTES_PER_ROW));
        // What the 16 writers of a split hold by reference stays within 1/8 of the budget.
        this.flushBytes = Math.max(16 << 10, Math.min(capacity / (8L * JoinPartitioner.FANOUT), 8L << 20));
        boolean allowed = Boolean.parseBoolean(System.getProperty(BUILD_FROM_LEFT_PROPERTY, "true"));
        // INNER only (the others' outputs differ), and not where the consumer needs the left's order.
        this.swapped = allowed && j.how() == Kind.INNER && !ordered ? j.swapped() : null;
        this.swappedColumns = swapped == null ? null : j.columnsIn(swapped);
        this.fromLeft = swapped != null || allowed && (j.how() == Kind.SEMI || j.how() == Kind.ANTI);
    }

    @Override public Schema schema() { return j.schema(); }

    @Override
    public DataFrame next() {
        if (closed) return null;
        if (failure != null) throw failure;
        try {
            if (!started) {
                started = true;
                start();
            }
            Prober inMemory = prober;
            if (inMemory != null) {
                DataFrame b = inMemory.left.source().next();
                if (b != null) {
                    if (inMemory.matched != null) inMemory.probing.incrementAndGet();
                    return b;
                }
                if (inMemory.matched == null) return null;
                // RIGHT, FULL: the build rows no left row matched, once every batch handed out is probed. The workers
                // pull under one lock, so none takes a left batch meanwhile, and those probing do not need it.
                inMemory.awaitProbes();
                prober = null;
                DataFrame unmatched = inMemory.unmatchedBuildRows();
                inMemory.close();
                if (unmatched != null) current = new FrameStream(unmatched);
            }
            while (true) {
                if (current != null) {
                    DataFrame out = current.next();
                    if (out != null) return out;
                    current.close();
                    current = null;
                }
                Work w = pending.pollFirst();
                if (w == null) return null;
                current = switch (w) {
                    case Pair p -> open(p);
                    case NullKeyRows n -> output(n);
                };
            }
        } catch (RuntimeException e) {
            failure = e;
            release();
            if (leftReserved != null) leftReserved.close();
            throw e;
        }
    }

    /** Reads the build side: joins in memory when it ends within the limit, else partitions both sides. */
    private void start() {
        RuntimeFilter runtime = new RuntimeFilter(j, executor::isShared);
        List<DataFrame> batches = new ArrayList<>();
        MemoryManager.Reservation reserved = memory.reserve(0);
        held.add(reserved);
        long bytes = 0, rows = 0;
        BatchStream build = open(j.right(), true);
        boolean handedOn = false; // the rest of the build stream now probes a table of the left (see buildFromLeft)
        try {
            DataFrame b;
            while ((b = build.next()) != null) {
                if (b.height() == 0) continue;
                runtime.add(b);
                batches.add(b);
                bytes += b.estimatedBytes();
                rows += b.height();
                reserved.resize(bytes);
                if (bytes + rows * TABLE_BYTES_PER_ROW > buildLimit) {
                    List<DataFrame> leftRead = new ArrayList<>();
                    BatchStream left = fromLeft ? open(j.left(), false) : null;
                    try {
                        handedOn = left != null && buildFromLeft(batches, build, left, leftRead);
                        if (!handedOn) partition(batches, build, runtime, leftRead, left);
                    } finally {
                        if (left != null && !handedOn) left.close();
                    }
                    return;
                }
            }
        } finally {
            if (!handedOn) build.close();
        }
        DataFrame frame = Frames.concat(batches, j.right().schema());
        batches = null;
        reserved.close();
        LogicalPlan probe = runtime.probe(frame, memory, held);
        Kind how = j.how();
        if (how.outputsRightOnly()) {
            // Nothing comes out before the whole left has marked the build rows: mark them on all workers, then output.
            current = new FrameStream(new Join(executor, memory).run(j, frame, probe));
            return;
        }
        prober = new Prober(j, frame, executor.lower(probe, ordered), null);
    }

    /**
     * An INNER, SEMI or ANTI join whose right input passed the build limit: the left input is read, and when it ends
     * within the limit, it becomes the build side instead (in memory) and the right's batches, those read and then the
     * rest of {@code build}, probe it on the pipeline's workers; true then. INNER joins as {@link #swapped}, its output
     * streaming; SEMI and ANTI as RIGHT_SEMI and RIGHT_ANTI, their output (the left rows marked, or not) once the right
     * is read, in the left's order. Else false, with the left's batches read so far in {@code leftRead} and
     * {@code left} positioned after them, for the partitioning. TPC-H Q9 at SF 10 built all 15M orders (spilling them)
     * for the 3.2M lineitem rows a part filter leaves: estimates before the run could not tell, the sizes read can.
     */
    private boolean buildFromLeft(List<DataFrame> rightRead, BatchStream build, BatchStream left, List<DataFrame> leftRead) {
        MemoryManager.Reservation reserved = leftReserved = memory.reserve(0);
        long bytes = 0, rows = 0;
        DataFrame b;
        while ((b = left.next()) != null) {
            if (b.height() == 0) continue;
            leftRead.add(b);
            bytes += b.estimatedBytes();
            rows += b.height();
            reserved.resize(bytes);
            if (bytes + rows * TABLE_BYTES_PER_ROW > buildLimit) return false;
        }
        left.close();
        DataFrame frame = Frames.concat(leftRead, j.left().schema());
        leftRead.clear();
        BatchStream probe = resumed(rightRead, build);
        Executor.Lowered right = new Executor.Lowered(probe, List.of(), j.right().schema());
        if (swapped == null) { // SEMI, ANTI
            JoinNode s = JoinNode.of(j.right(), j.left(), j.rightOn(), j.leftOn(), j.how() == Kind.SEMI ? Kind.RIGHT_SEMI : Kind.RIGHT_ANTI);
            try {
                current = new FrameStream(new Join(executor, memory).run(s, frame, right));
            } catch (RuntimeException | Error e) {
                probe.close(); // the join's pipeline closes it, unless its table failed first
                throw e;
            }
            reserved.close();
            return true;
        }
        try {
            prober = new Prober(swapped, frame, right, this::inOriginalOrder);
        } catch (RuntimeException | Error e) {
            probe.close();
            throw e;
        }
        reserved.close();
        return true;
    }

    /** {@code read} (batches already pulled from {@code rest}), then what is left of {@code rest}. */
    private static BatchStream resumed(List<DataFrame> read, BatchStream rest) {
        java.util.ArrayDeque<DataFrame> first = new java.util.ArrayDeque<>(read);
        read.clear();
        return new BatchStream() {
            @Override public Schema schema() { return rest.schema(); }

            @Override public DataFrame next() {
                DataFrame b = first.poll();
                return b != null ? b : rest.next();
            }

            @Override public void close() {
                first.clear();
                rest.close();
            }
        };
    }

    /** A batch of {@link #swapped} as this join outputs it: its columns in this join's order and names. */
    private DataFrame inOriginalOrder(DataFrame batch) {
        List<Column> cols = new ArrayList<>(swappedColumns.size());
        List<JoinNode.Output> outs = j.outputs();
        for (int i = 0; i < swappedColumns.size(); i++) cols.add(batch.column(swappedColumns.get(i)).rename(outs.get(i).name()));
        return new DataFrame(cols, batch.height());
    }

    /** The step after this stream: joins a left batch when {@link #prober} is set, else passes a joined batch on. */
    private DataFrame probe(DataFrame batch) {
        Prober p = prober;
        if (p == null) return batch;
        try {
            for (BatchStep s : p.left.steps()) batch = s.apply(batch);
            DataFrame out = p.sink.probe(batch);
            return p.shape == null ? out : p.shape.apply(out);
        } finally {
            if (p.matched != null) p.probing.decrementAndGet();
        }
    }

    /**
     * The in-memory table of a build side that fits, and the input that probes it: the left, or the right where the
     * sides were swapped ({@code shape} then puts the output columns back in this join's order).
     */
    private final class Prober implements AutoCloseable {
        final JoinTable table;
        final Join.ProbeSink sink;
        final Executor.Lowered left;
        final java.util.function.UnaryOperator<DataFrame> shape;
        final DataFrame build;
        /** RIGHT, FULL: the build rows some left row matched (workers only ever set them: their races are benign), else null. */
        final boolean[] matched;
        /** Left batches handed out and not yet probed (RIGHT, FULL). */
        final java.util.concurrent.atomic.AtomicInteger probing = new java.util.concurrent.atomic.AtomicInteger();
        private final MemoryManager.Reservation matchedBytes;

        Prober(JoinNode on, DataFrame build, Executor.Lowered left, java.util.function.UnaryOperator<DataFrame> shape) {
            this.left = left;
            this.shape = shape;
            List<Field> keyFields = new ArrayList<>();
            for (int i = 0; i < on.keyTypes().size(); i++) keyFields.add(Field.of("key" + i, on.keyTypes().get(i)));
            try {
                this.table = JoinTable.build(keyFields, Join.keys(build, on.rightOn(), on.keyTypes()), build.height(), build.estimatedBytes(),
                        memory, operator, advice);
            } catch (RuntimeException e) {
                left.source().close();
                throw e;
            }
            this.build = build;
            boolean marks = on.how() == Kind.RIGHT || on.how() == Kind.FULL;
            try {
                this.matchedBytes = memory.reserve(marks ? build.height() : 0);
            } catch (RuntimeException e) {
                try {
                    left.source().close();
                } finally {
                    table.close();
                }
                throw e;
            }
            this.matched = marks ? new boolean[build.height()] : null;
            // LEFT, FULL: unmatched left rows take their right values from an all-null row at index n.
            DataFrame rows = on.how() == Kind.LEFT || on.how() == Kind.FULL ? Join.withNullRow(build) : build;
            this.sink = new Join.ProbeSink(on, table, rows, matched, operator, advice, null, memory);
        }

        /** Waits until every left batch handed out has been probed (a batch's probe is short: a brief spin and park). */
        void awaitProbes() {
            while (probing.get() > 0) java.util.concurrent.locks.LockSupport.parkNanos(20_000);
        }

        /** RIGHT, FULL: the build rows no left row matched, as output rows (nulls for the left columns), or null when none. */
        DataFrame unmatchedBuildRows() {
            return PartitionJoin.buildRowsFlagged(j, build, matched, false);
        }

        @Override
        public void close() {
            try {
                left.source().close();
            } finally {
                try {
                    table.close();
                } finally {
                    matchedBytes.close();
                }
            }
        }
    }

    /** Splits the build side (what was read, then the rest) and then the probe side into partition files. */
    /**
     * {@code leftRead} and {@code left}: the left's batches already read (counted in {@link #leftReserved}) and the rest
     * of it, when {@link #buildFromLeft} read some; else null, and the left is read narrowed by the build side's keys.
     */
    private void partition(List<DataFrame> read, BatchStream rest, RuntimeFilter runtime, List<DataFrame> leftRead, BatchStream left) {
        PARTITIONED.incrementAndGet();
        SpillDirectory dir = executor.spillDirectory();
        SpillFile[] buildFiles, probeFiles;
        SpillFile buildNulls, probeNulls;
        try (JoinPartitioner split = new JoinPartitioner(dir, "join-build", j.right().schema(), j.rightOn(), j.keyTypes(), 0,
                !j.how().keepsUnmatchedBuild(), flushBytes, memory)) {
            for (DataFrame b : read) split.add(b);
            read.clear();
            release();
            DataFrame b;
            while ((b = rest.next()) != null) {
                runtime.add(b);
                split.add(b);
            }
            rest.close();
            buildFiles = split.finish();
            buildNulls = split.nullKeyFile();
        }
        boolean keepUnmatchedProbe = j.how() == Kind.LEFT || j.how() == Kind.FULL || j.how() == Kind.ANTI;
        try (JoinPartitioner split = new JoinPartitioner(dir, "join-probe", j.left().schema(), j.leftOn(), j.keyTypes(), 0,
                !keepUnmatchedProbe, flushBytes, memory);
             BatchStream probe = left != null ? left : open(runtime.probe(null, memory, held), false)) {
            for (DataFrame b : leftRead) split.add(b);
            leftRead.clear();
            if (leftReserved != null) leftReserved.close();
            DataFrame b;
            while ((b = probe.next()) != null) split.add(b);
            probeFiles = split.finish();
            probeNulls = split.nullKeyFile();
        } catch (RuntimeException e) {
            for (SpillFile f : buildFiles) f.delete();
            if (buildNulls != null) buildNulls.delete();
            throw e;
        }
        for (int p = 0; p < JoinPartitioner.FANOUT; p++) pending.add(new Pair(buildFiles[p], probeFiles[p], 0, true));
        if (buildNulls != null) pending.add(new NullKeyRows(buildNulls, false));
        if (probeNulls != null) pending.add(new NullKeyRows(probeNulls, true));
    }

    /**
     * The join of one partition, or null when it has nothing to output or was split into smaller
     * partitions (queued first).
     */
    private PartitionJoin open(Pair p) {
        Kind how = j.how();
        boolean nothing = p.probe.rows() == 0 ? !how.keepsUnmatchedBuild()
                : p.build.rows() == 0 && (how == Kind.INNER || how == Kind.SEMI || how == Kind.RIGHT || how.outputsRightOnly());
        if (nothing) {
            p.delete();
            return null;
        }
        BuildChunks chunks = new BuildChunks(p.build);
        try {
            DataFrame first = chunks.next();
            if (chunks.ended) {
                chunks.close();
                return new PartitionJoin(j, operator, advice, memory, BuildChunks.one(first), true, p.probe::read, p.probe.rows(),
                        p.probe::delete);
            }
            if (p.splittable && p.level < JoinPartitioner.MAX_LEVEL) {
                chunks.stopReading(); // the file is read again to split it
                split(p);
                return null;
            }
            chunks.pushBack(first);
            return new PartitionJoin(j, operator, advice, memory, chunks, false, p.probe::read, p.probe.rows(), p.probe::delete);
        } catch (RuntimeException e) {
            chunks.close();
            p.delete();
            throw e;
        }
    }

    /** Rows with null keys as output rows (nulls for the other side's columns; ANTI: as they are), batch by batch. */
    private BatchStream output(NullKeyRows rows) {
        Stream<DataFrame> batches = rows.file.read();
        Iterator<DataFrame> it = batches.iterator();
        return new BatchStream() {
            @Override public Schema schema() { return j.schema(); }

            @Override public DataFrame next() {
                while (it.hasNext()) {
                    DataFrame b = it.next();
                    if (b.height() > 0) return rows.probeSide ? PartitionJoin.withNullRight(j, b) : PartitionJoin.withNullLeft(j, b);
                }
                return null;
            }

            @Override public void close() {
                try {
                    batches.close();
                } finally {
                    rows.file.delete();
                }
            }
        };
    }

    /** Splits a partition's two files by the next hash bits; the parts go first in the queue. */
    private void split(Pair p) {
        SpillDirectory dir = executor.spillDirectory();
        int level = p.level + 1;
        SpillFile[] b = resplit(dir, "join-build", p.build, j.right().schema(), j.rightOn(), level);
        SpillFile[] pr;
        try {
            pr = resplit(dir, "join-probe", p.probe, j.left().schema(), j.leftOn(), level);
        } catch (RuntimeException e) {
            for (SpillFile f : b) f.delete();
            throw e;
        }
        for (int k = JoinPartitioner.FANOUT - 1; k >= 0; k--) {
            // A part holding every row of its parent (one key, or keys whose hashes agree on every bit) will not shrink.
            pending.addFirst(new Pair(b[k], pr[k], level, b[k].rows() < p.build.rows()));
        }
    }

    private SpillFile[] resplit(SpillDirectory dir, String what, SpillFile file, Schema schema, List<String> on, int level) {
        // Rows with null keys were set apart when the sides were first split: none are left here.
        try (JoinPartitioner split = new JoinPartitioner(dir, what, schema, on, j.keyTypes(), level, true, flushBytes, memory);
             Stream<DataFrame> batches = file.read()) {
            batches.forEach(split::add);
            SpillFile[] out = split.finish();
            file.delete();
            return out;
        }
    }

    /** The build rows of a partition file in chunks of about the build limit, deleting the file when closed. */
    private final class BuildChunks implements PartitionJoin.Chunks {
        private final SpillFile file;
        private final Stream<DataFrame> stream;
        private final Iterator<DataFrame> batches;
        private final MemoryManager.Reservation reserved = memory.reserve(0);
        private DataFrame pushedBack;
        private boolean handedOut;
        boolean ended;

        BuildChunks(SpillFile file) {
            this.file = file;
            this.stream = file.read();
            this.batches = stream.iterator();
        }

        /** A single chunk, already read. */
        static PartitionJoin.Chunks one(DataFrame chunk) {
            return new PartitionJoin.Chunks() {
                DataFrame left = chunk;

                @Override public DataFrame next() {
                    DataFrame out = left;
                    left = null;
                    return out;
                }

                @Override public void close() { left = null; }
            };
        }

        void pushBack(DataFrame chunk) {
            pushedBack = chunk;
        }

        @Override
        public DataFrame next() {
            if (pushedBack != null) {
                DataFrame out = pushedBack;
                pushedBack = null;
                return out;
            }
            if (ended) return null;
            List<DataFrame> parts = new ArrayList<>();
            long bytes = 0, rows = 0;
            while (bytes + rows * TABLE_BYTES_PER_ROW <= buildLimit) {
                if (!batches.hasNext()) {
                    ended = true;
                    break;
                }
                DataFrame b = batches.next();
                parts.add(b);
                bytes += b.estimatedBytes();
                rows += b.height();
                reserved.resize(bytes);
            }
            if (parts.isEmpty() && handedOut) return null;
            handedOut = true;
            DataFrame chunk = Frames.concat(parts, j.right().schema());
            reserved.resize(0); // the chunk's table reserves it from here on
            return chunk;
        }

        void stopReading() {
            reserved.close();
            stream.close();
        }

        @Override
        public void close() {
            stopReading();
            file.delete();
        }
    }

    /** {@code plan} as a stream of batches with its row-wise steps applied on the pulling thread. */
    private BatchStream open(LogicalPlan plan, boolean ordered) {
        Executor.Lowered l = executor.lower(plan, ordered);
        if (l.steps().isEmpty()) return l.source();
        return new BatchStream() {
            @Override public Schema schema() { return l.schema(); }

            @Override public DataFrame next() {
                DataFrame b;
                while ((b = l.source().next()) != null) {
                    for (BatchStep s : l.steps()) b = s.apply(b);
                    if (b.height() > 0) return b;
                }
                return null;
            }

            @Override public void close() { l.source().close(); }
        };
    }

    private void release() {
        for (MemoryManager.Reservation r : held) r.close();
        held.clear();
    }

    /** Stops early or after a failure: closes the partition being joined and deletes every file still queued. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        RuntimeException first = null;
        try {
            if (current != null) current.close();
        } catch (RuntimeException e) {
            first = e;
        }
        current = null;
        for (Work p : pending) {
            try {
                p.delete();
            } catch (RuntimeException e) {
                if (first == null) first = e;
            }
        }
        pending.clear();
        Prober p = prober;
        if (p != null) {
            try {
                p.close();
            } catch (RuntimeException e) {
                if (first == null) first = e;
            }
        }
        release();
        if (leftReserved != null) leftReserved.close();
        if (first != null) throw first;
    }
}
