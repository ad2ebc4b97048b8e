package dev.streamingadaptive.exec.agg;

import dev.streamingadaptive.exec.HeldLimit;
import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.reader.MmapParquetReader;
import dev.streamingadaptive.spill.SpillDirectory;
import dev.streamingadaptive.spill.SpillFile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A hash group-by whose groups may outgrow memory: one {@link HashAggregation} per worker, and when
 * a worker's table would pass its share of the budget, its groups are written, split by a hash of
 * their keys into {@value KeyPartitioner#PARTITIONS} partitions ({@link KeyPartitioner}), to spill
 * files, and the worker starts an empty table. At the end the remaining tables are spilled too (the
 * memory they hold is what the partitions are merged in), and each partition is read back from
 * every worker's files and merged in a fresh table, its finished groups handed out, its files
 * deleted, before the next. A partition still too big for memory is split again by the next hash
 * bits; a partition of one huge group is one row of state and always fits.
 *
 * <p>What is spilled is each group's partial state, not its input rows: a fixed number of values per
 * group and aggregate (sum and count; min/max; n, mean and M2 for variance, merged with Chan's
 * formula; first/last's value and position), written as INT64/FLOAT64/BINARY columns
 * ({@link Accumulator#exportState}) and folded back with {@link Accumulator#mergeState}, the same
 * arithmetic as merging two workers' tables. So a spill is at most one row per group however many
 * rows fed it, and exact: a two-phase rewrite (partial aggregates, then aggregates of those) has no
 * aggregate to combine variances (Chan) or to take first/last by position, and a mean would need a
 * rewrite into sum and count; here every aggregate keeps the merge it already has. n_unique's value sets spill as rows of their own, (keys, value) per
 * distinct pair, into the same partitions, and are folded back as values (a set taking a value twice
 * is unchanged); one group whose distinct values alone outgrow memory cannot be split and is refused.
 * Median and quantile keep every value (not only distinct ones): not spilled, such a group-by is
 * refused, saying so, when it outgrows memory.
 *
 * <p>When everything fits, the workers' tables are merged in memory as without spilling: the only
 * cost of spilling being on is one comparison per batch.
 */
public final class SpillingAggregation implements AutoCloseable {
    /** Groups exported per spill batch: bounds what a spill allocates besides the table. */
    private static final int EXPORT_CHUNK = 1 << 16;
    /** A table below this never spills: a spill file per partition would cost more than it frees. */
    private static final long MIN_SPILL_BYTES = 1 << 20;
    /** Scratch of a spill per group: its partition (1 byte) and its place in partition order (4). */
    private static final int SPILL_SCRATCH_PER_GROUP = 5;

    private final List<Field> keyFields;
    private final List<AggSpec> aggs;
    private final MemoryManager memory;
    private final String operator;
    /** This run's spill folder (made on first use), or null when spilling is off. */
    private final Supplier<SpillDirectory> directory;
    private final boolean spillable;
    private final String advice;
    private final long workerLimit;
    private final long mergeLimit;
    private final List<Worker> workers = new ArrayList<>();
    /** The level-0 spill files of each partition, from every worker. */
    private final List<List<Piece>> spilled = new ArrayList<>();
    private Results results;
    private boolean closed;
    /** Spills so far and the deepest level split (for tests and diagnostics). */
    private final AtomicInteger spills = new AtomicInteger();
    private volatile int deepestLevel = -1;

    /**
     * @param directory this run's spill folder, made when first needed; null when spilling is off
     * @param workers   how many workers feed it (each may hold its share of the budget)
     */
    public SpillingAggregation(List<Field> keyFields, List<AggSpec> aggs, MemoryManager memory, String operator,
                               Supplier<SpillDirectory> directory, int workers) {
        this.keyFields = List.copyOf(keyFields);
        this.aggs = List.copyOf(aggs);
        this.memory = memory;
        this.operator = operator;
        this.directory = directory;
        List<String> unspillable = new ArrayList<>();
        for (AggSpec a : this.aggs) {
            switch (a.function()) {
                case MEDIAN, QUANTILE -> unspillable.add(a.function().sqlName() + " (" + a.outputName() + ")");
                default -> { }
            }
        }
        this.spillable = directory != null && !keyFields.isEmpty() && unspillable.isEmpty();
        if (directory == null) {
            advice = MemoryAccount.NO_SPILL_ADVICE;
        } else if (!unspillable.isEmpty() && !keyFields.isEmpty()) {
            advice = "the state of " + String.join(", ", unspillable) + " keeps every value and is not spilled: raise the "
                    + "memory limit (for example --memory-limit), group by fewer distinct keys, or compute it in a separate query";
        } else {
            advice = "raise the memory limit (for example --memory-limit), or use fewer threads";
        }
        // Each worker's table may take its share of half the budget (the scans, the batches in flight and the
        // spill writers need the rest); merging a partition at the end has a quarter, the other quarter being
        // for its finished result.
        long capacity = memory.capacityBytes();
        this.workerLimit = capacity / 2 / Math.max(1, workers);
        this.mergeLimit = capacity / 4;
        spilled.addAll(emptyPartitions());
    }

    /** How many times a table was spilled. */
    int spillCount() {
        return spills.get();
    }

    /** The deepest partitioning level spilled (0: workers' tables only; 1: a partition was split again); -1 before any spill. */
    int deepestLevel() {
        return deepestLevel;
    }

    /** A new worker's table; call from the thread that sets up the workers. */
    public Worker worker() {
        Worker w = new Worker(newTable());
        synchronized (workers) {
            workers.add(w);
        }
        return w;
    }

    private HashAggregation newTable() {
        return new HashAggregation(keyFields, aggs, memory, operator, advice);
    }

    /** One worker's share: its own table, spilled when it would pass the worker's share of the budget. Not thread-safe. */
    public final class Worker implements AutoCloseable {
        private HashAggregation table;
        private final Growth growth = new Growth();

        private Worker(HashAggregation table) {
            this.table = table;
        }

        /** {@link HashAggregation#add(List, List, int, long)}, spilling the table first when the batch might not fit. */
        public void add(List<Column> keys, List<Column> inputs, int rows, long batchSequence) {
            if (spillable && growth.mustSpill(table, rows, workerLimit)) spillTable(table.groupCount());
            if (!spillable && !keyFields.isEmpty()) refuseBeyondHalf();
            long before = table.groupCount();
            try {
                table.add(keys, inputs, rows, batchSequence);
            } catch (MemoryBudgetExceededException e) {
                // Refused although under its limit (the scans hold the rest of the budget): spill what is whole, retry once.
                int intact = table.intactGroups();
                if (!spillable || intact <= 0) throw e;
                spillTable(intact);
                before = 0;
                table.add(keys, inputs, rows, batchSequence);
            }
            growth.observe(rows, table.groupCount() - before);
        }

        private void spillTable(long groups) {
            HashAggregation full = table;
            table = null;
            spill(full, (int) groups, 0, spilled);
            table = newTable();
        }

        /**
         * The most rows one {@link #add} should take: unlimited unless spilling, else what its limit's
         * quarter holds at the growth seen so far (a table spills only between batches, so a batch whose
         * new groups alone would pass the limit must come in morsels).
         */
        public int rowsAtOnce() {
            if (!spillable) return Integer.MAX_VALUE;
            return growth.rowsWithin(table, workerLimit / 4);
        }

        /**
         * Without spilling, the workers' tables together stay within {@link HeldLimit}, as a collected
         * result (measured without it: 40M rows into 12M groups under 256 MB sometimes ran for over
         * 10 minutes).
         */
        private void refuseBeyondHalf() {
            long held = 0, groups = 0;
            synchronized (workers) {
                for (Worker w : workers) {
                    HashAggregation t = w.table;
                    if (t == null) continue;
                    held += t.reservedBytes();
                    groups += t.groupCount();
                }
            }
            HeldLimit.check(memory, held, operator + " (" + String.format(java.util.Locale.ROOT, "%,d", groups)
                    + " groups so far, holding " + (held >> 20) + " MB)",
                    advice + " (without spilling the groups may take half of the memory budget: the scans feeding them need the rest)");
        }

        /** Releases the table (the query failed or is done). */
        @Override
        public void close() {
            if (table != null) table.close();
        }
    }

    /**
     * When a table should spill before taking more rows (before it could pass its limit), and how many
     * rows it should take at once, from the new groups per row seen last.
     */
    private static final class Growth {
        /** New groups per row in the last batch: the best guess for the next (1 until known). */
        private double newPerRow = 1;

        void observe(int rows, long newGroups) {
            if (rows > 0) newPerRow = Math.max(0.01, (double) newGroups / rows);
        }

        /** Rows whose new groups should take at most {@code bytes} (at least {@value #MIN_ROWS}). */
        int rowsWithin(HashAggregation table, long bytes) {
            long groups = table.groupCount();
            // Before the table has a fair sample, a generous guess of a group's bytes: 16 per key or state column, twice.
            long perGroup = groups >= 1000 ? table.reservedBytes() / groups + 1 : 32L * table.stateSchema().size();
            return (int) Math.max(MIN_ROWS, Math.min(Integer.MAX_VALUE, (long) (bytes / (perGroup * newPerRow))));
        }

        private static final int MIN_ROWS = 1024;

        boolean mustSpill(HashAggregation table, int rows, long limit) {
            long reserved = table.reservedBytes();
            if (reserved < MIN_SPILL_BYTES) return false;
            long groups = Math.max(1, table.groupCount());
            long perGroup = reserved / groups + 1;
            // At most a quarter of the limit: the workers cut batches to that (Worker.rowsAtOnce), and a merge that is
            // refused memory anyway spills what it holds and goes on.
            long growth = Math.min(limit / 4, (long) (rows * newPerRow * perGroup));
            // Arrays grow by half at once and are copied (old and new alive): keep half of what is held free for
            // that, plus the scratch of a spill (partition and order per group).
            long headroom = reserved / 2 + SPILL_SCRATCH_PER_GROUP * groups;
            return reserved + headroom + growth > limit;
        }
    }

    /**
     * Writes every group of {@code table} into the files of its partition at {@code level}, then
     * closes the table. Only the scratch is allocated besides the table (partition and order per
     * group, a long per group and integer key); the groups go out {@value #EXPORT_CHUNK} at a time,
     * one partition's file after another, so one writer's row group is buffered at once.
     */
    private void spill(HashAggregation table, int level, List<List<Piece>> into) {
        spill(table, (int) table.groupCount(), level, into);
    }

    /** {@link #spill(HashAggregation, int, List)} of groups [0, n) only. */
    private void spill(HashAggregation table, int n, int level, List<List<Piece>> into) {
        spills.incrementAndGet();
        if (level > deepestLevel) deepestLevel = level;
        SpillDirectory dir = directory.get();
        Schema schema = table.stateSchema();
        MemoryManager.Reservation scratch = memory.reserve(MemoryAccount.bytes(n, SPILL_SCRATCH_PER_GROUP));
        MemoryManager.Reservation keys = null;
        try {
            keys = memory.reserve(table.exporting(true));
            byte[] part = new byte[n];
            int[] ids = new int[Math.min(n, EXPORT_CHUNK)];
            KeyPartitioner partitioner = new KeyPartitioner();
            for (int from = 0; from < n; from += EXPORT_CHUNK) {
                int len = Math.min(EXPORT_CHUNK, n - from);
                for (int i = 0; i < len; i++) ids[i] = from + i;
                partitioner.partitions(table.keyColumns(ids, len), len, level, part, from);
            }
            // Counting sort of the groups by partition.
            int[] start = new int[KeyPartitioner.PARTITIONS + 1];
            for (int g = 0; g < n; g++) start[part[g] + 1]++;
            for (int p = 0; p < KeyPartitioner.PARTITIONS; p++) start[p + 1] += start[p];
            int[] order = new int[n];
            int[] next = java.util.Arrays.copyOf(start, KeyPartitioner.PARTITIONS);
            for (int g = 0; g < n; g++) order[next[part[g]]++] = g;
            for (int p = 0; p < KeyPartitioner.PARTITIONS; p++) {
                if (start[p] == start[p + 1]) continue;
                try (SpillFile.Writer w = SpillFile.writer(dir, operator + " level " + level + " partition " + p, schema)) {
                    for (int from = start[p]; from < start[p + 1]; from += EXPORT_CHUNK) {
                        int len = Math.min(EXPORT_CHUNK, start[p + 1] - from);
                        System.arraycopy(order, from, ids, 0, len);
                        w.write(table.state(ids, len));
                    }
                    add(into, p, new Piece(w.finish(), -1));
                }
            }
            order = null;
            for (int agg : table.valueSets()) spillValues(table, agg, part, n, level, into, dir);
        } finally {
            // On failure, what this spill completed is listed (deleted on close); a file being written is discarded by its writer.
            if (keys != null) keys.close();
            scratch.close();
            table.close();
        }
    }

    /**
     * Writes aggregate {@code agg}'s value sets (n_unique) of groups [0, n) as (keys, value) rows into
     * the files of the groups' partitions {@code part[group]}, one file per partition.
     */
    private void spillValues(HashAggregation table, int agg, byte[] part, int n, int level, List<List<Piece>> into, SpillDirectory dir) {
        long[] pairs = table.valuePairs(agg);
        try (MemoryManager.Reservation scratch = memory.reserve(MemoryAccount.bytes(pairs.length, 8 + 4))) {
            int[] start = new int[KeyPartitioner.PARTITIONS + 1];
            int count = 0;
            for (long pair : pairs) {
                int g = (int) (pair >>> 32);
                if (g < n) {
                    start[part[g] + 1]++;
                    count++;
                }
            }
            for (int p = 0; p < KeyPartitioner.PARTITIONS; p++) start[p + 1] += start[p];
            int[] order = new int[count]; // indices into pairs, by partition
            int[] next = java.util.Arrays.copyOf(start, KeyPartitioner.PARTITIONS);
            for (int i = 0; i < pairs.length; i++) {
                int g = (int) (pairs[i] >>> 32);
                if (g < n) order[next[part[g]]++] = i;
            }
            Schema schema = table.valueSchema(agg);
            int[] gids = new int[Math.min(Math.max(count, 1), EXPORT_CHUNK)];
            int[] valueIds = new int[gids.length];
            for (int p = 0; p < KeyPartitioner.PARTITIONS; p++) {
                if (start[p] == start[p + 1]) continue;
                try (SpillFile.Writer w = SpillFile.writer(dir, operator + " values " + agg + " level " + level + " partition " + p, schema)) {
                    for (int from = start[p]; from < start[p + 1]; from += EXPORT_CHUNK) {
                        int len = Math.min(EXPORT_CHUNK, start[p + 1] - from);
                        for (int i = 0; i < len; i++) {
                            long pair = pairs[order[from + i]];
                            gids[i] = (int) (pair >>> 32);
                            valueIds[i] = (int) pair;
                        }
                        w.write(table.valueRows(agg, gids, valueIds, len));
                    }
                    add(into, p, new Piece(w.finish(), agg));
                }
            }
        }
    }

    private static void add(List<List<Piece>> into, int partition, Piece piece) {
        synchronized (into) {
            into.get(partition).add(piece);
        }
    }

    /** A spill file of one partition: groups' states ({@code valueSet} -1) or aggregate {@code valueSet}'s values as rows. */
    private record Piece(SpillFile file, int valueSet) {}

    /**
     * The result, after every worker is done: in memory as one frame when nothing was spilled and the
     * tables fit to be merged, else partition by partition. Closing the results (or this) deletes what
     * is left of the spill files.
     */
    public Results finish() {
        if (closed || results != null) throw new IllegalStateException(operator + " already finished");
        List<HashAggregation> tables = new ArrayList<>();
        synchronized (workers) {
            for (Worker w : workers) if (w.table != null) tables.add(w.table);
        }
        boolean anySpilled = false;
        for (List<Piece> files : spilled) anySpilled |= !files.isEmpty();
        // Nothing spilled: merge in memory, into the largest table, when what it may grow by (the others' state)
        // fits twice in what memory has left; a merge refused halfway could not be undone.
        HashAggregation largest = tables.get(0);
        long held = 0;
        for (HashAggregation t : tables) {
            held += t.reservedBytes();
            if (t.reservedBytes() > largest.reservedBytes()) largest = t;
        }
        if (!spillable || (!anySpilled && (held - largest.reservedBytes()) * 2 <= memory.availableBytes())) {
            HashAggregation result = largest;
            for (HashAggregation t : tables) if (t != result) result.merge(t);
            results = new Results(result.finish());
            return results;
        }
        // The tables still held are spilled too: their memory is what the partitions are merged in.
        for (Worker w : workers) {
            HashAggregation t = w.table;
            w.table = null;
            if (t.groupCount() > 0) spill(t, 0, spilled);
            else t.close();
        }
        Deque<Partition> pending = new ArrayDeque<>();
        for (int p = spilled.size() - 1; p >= 0; p--) {
            if (!spilled.get(p).isEmpty()) pending.push(new Partition(new ArrayList<>(spilled.get(p)), 1));
            spilled.get(p).clear();
        }
        results = new Results(pending);
        return results;
    }

    private static List<List<Piece>> emptyPartitions() {
        List<List<Piece>> split = new ArrayList<>();
        for (int q = 0; q < KeyPartitioner.PARTITIONS; q++) split.add(new ArrayList<>());
        return split;
    }

    /** The spill files of one partition and the level its own split would use. */
    private record Partition(List<Piece> files, int level) {}

    /** The finished groups, a frame at a time; close to delete the spill files not yet merged. */
    public final class Results implements AutoCloseable {
        private DataFrame inMemory;
        private final Deque<Partition> pending;
        /** The partition being merged: its files not yet deleted are deleted on close. */
        private Partition current;

        private Results(DataFrame frame) {
            this.inMemory = frame;
            this.pending = new ArrayDeque<>();
        }

        private Results(Deque<Partition> pending) {
            this.pending = pending;
        }

        /** Whether the groups were spilled (the result comes partition by partition). */
        public boolean spilled() {
            return inMemory == null;
        }

        /** The next frame of finished groups (key columns then aggregates), or null at the end. */
        public DataFrame next() {
            if (inMemory != null) {
                DataFrame f = inMemory;
                inMemory = null;
                return f;
            }
            while (!pending.isEmpty()) {
                current = pending.pop();
                DataFrame out = merge(current);
                current = null;
                if (out != null && out.height() > 0) return out;
            }
            return null;
        }

        /**
         * Merges one partition's files in a fresh table and finishes it, deleting each file once read;
         * when the table would pass its limit, splits the partition again (its sub-partitions are pushed,
         * null is returned).
         */
        private DataFrame merge(Partition p) {
            HashAggregation table = newTable();
            List<List<Piece>> split = null;
            Growth growth = new Growth();
            try {
                List<Piece> files = p.files();
                for (int i = 0; i < files.size(); i++) {
                    Piece piece = files.get(i);
                    SpillFile f = piece.file();
                    // Row group by row group on this thread: a spill file holds one partition of one spill (often a
                    // single small row group), so a streaming reader's set-up would cost more than the reading.
                    try (MmapParquetReader r = MmapParquetReader.open(f.path()).withThreads(1)) {
                        for (int g = 0; g < r.numRowGroups(); g++) {
                            DataFrame b = r.readRowGroup(g);
                            boolean canSplit = p.level() <= KeyPartitioner.MAX_LEVEL;
                            if (canSplit && growth.mustSpill(table, b.height(), mergeLimit)) {
                                if (split == null) split = emptyPartitions();
                                HashAggregation full = table;
                                table = null;
                                spill(full, p.level(), split);
                                table = newTable();
                            }
                            long before = table.groupCount();
                            try {
                                merge(table, piece, b);
                            } catch (MemoryBudgetExceededException e) {
                                int intact = table.intactGroups();
                                if (!canSplit || intact <= 0) throw e;
                                if (split == null) split = emptyPartitions();
                                HashAggregation full = table;
                                table = null;
                                spill(full, intact, p.level(), split);
                                table = newTable();
                                before = 0;
                                merge(table, piece, b);
                            }
                            growth.observe(b.height(), table.groupCount() - before);
                        }
                    }
                    f.delete();
                    files.set(i, null);
                }
                if (split == null) {
                    HashAggregation done = table;
                    table = null;
                    return done.finish();
                }
                HashAggregation rest = table;
                table = null;
                spill(rest, p.level(), split);
                pendingSplit(split, p.level());
                return null;
            } catch (RuntimeException e) {
                if (split != null) pendingSplit(split, p.level()); // deleted by close
                throw e;
            } finally {
                if (table != null) table.close();
            }
        }

        private static void merge(HashAggregation table, Piece piece, DataFrame rows) {
            if (piece.valueSet() < 0) table.mergeState(rows);
            else table.mergeValues(piece.valueSet(), rows);
        }

        /** Queues the sub-partitions of a split partition (to merge next, or for close to delete after a failure). */
        private void pendingSplit(List<List<Piece>> split, int level) {
            for (int q = split.size() - 1; q >= 0; q--) {
                if (!split.get(q).isEmpty()) pending.push(new Partition(split.get(q), level + 1));
            }
        }

        /** Deletes the spill files not yet merged. */
        @Override
        public void close() {
            inMemory = null;
            RuntimeException failure = null;
            if (current != null) pending.push(current);
            current = null;
            for (Partition p : pending) {
                for (Piece f : p.files()) {
                    if (f == null) continue;
                    try {
                        f.file().delete();
                    } catch (RuntimeException e) {
                        if (failure == null) failure = e;
                    }
                }
            }
            pending.clear();
            if (failure != null) throw failure;
        }
    }

    /** Releases every table and deletes every spill file not yet merged (a failed query, or the end). Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        synchronized (workers) {
            for (Worker w : workers) w.close();
        }
        try {
            if (results != null) results.close();
        } finally {
            for (List<Piece> files : spilled) {
                synchronized (spilled) {
                    for (Piece f : files) f.file().delete();
                    files.clear();
                }
            }
        }
    }
}
