package dev.streamingadaptive.exec;

import dev.streamingadaptive.expr.SortKey;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.scan.Frames;
import dev.streamingadaptive.spill.SpillDirectory;
import dev.streamingadaptive.spill.SpillFile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A stable sort of all rows within the memory budget. Input batches are gathered (reserved) up to a
 * run of 1/{@value #RUN_SHARE} of the budget; an input that ends within one run is sorted in memory
 * by {@link SortKernel}. A larger one is cut into runs, each sorted in memory and written to a
 * {@link SpillFile} of the query's spill folder in row groups small enough that
 * {@value #TARGET_FAN_IN} runs' batches fit half the budget, and the runs are merged by a
 * {@link RunMerger} that holds one batch per run: in one pass when the heads of all runs fit in half
 * the budget, else in passes that first merge consecutive runs into longer ones (consecutive, so ties
 * keep input order). Run files are deleted as soon as they are merged, and all of them on
 * {@link #close()}. With spilling off, the input may take half the budget (as a collected result)
 * and is sorted in memory, or is refused naming the sort.
 */
final class ExternalSort implements BatchStream {
    /**
     * A run takes at most this share of the budget while gathered; sorting it takes as much again (the
     * sorted copy), and the scan feeding the sort keeps batches in flight in what is left.
     */
    static final int RUN_SHARE = 6;
    /** Without spilling, the input may take this share of the budget, as a collected result. */
    static final int UNSPILLED_SHARE = HeldLimit.SHARE;
    /** The merge's run heads take at most this share of the budget. */
    private static final int HEADS_SHARE = 2;
    /** Runs one merge pass should take: sets the row groups of the run files, hence the batches read back. */
    private static final int TARGET_FAN_IN = 128;
    /**
     * An output batch takes about this share of the budget, and the head batches the merge has moved past but
     * gathers it from as much again.
     */
    private static final int OUTPUT_SHARE = 16;
    private static final int MIN_ROWS = 1024;
    private static final int MAX_ROWS = 1 << 16;

    private final Supplier<BatchStream> inputs;
    private final Schema schema;
    private final List<SortKey> keys;
    private final MemoryManager memory;
    private final Supplier<SpillDirectory> spill;
    private final String operator;
    private final List<SpillFile> runs = new ArrayList<>();
    private BatchStream input;
    private BatchStream output;
    /** What the sort did, for tests: runs written (merged runs included) and merge passes that wrote a run. */
    int runsWritten;
    int intermediatePasses;
    /** Rows per row group of the run files, set from the first run's row size. */
    private int runGroupRows;
    /** Why sorting failed: rethrown to later callers rather than sorting again. */
    private RuntimeException failure;
    private boolean closed;

    /**
     * @param inputs   makes the input when the sort is first pulled
     * @param spill    this run's spill folder (made on first use); null: spilling is off, an input over half
     *                 the budget is refused with a {@link MemoryBudgetExceededException} naming {@code operator}
     * @param operator what sorts, for messages and file names
     */
    ExternalSort(Supplier<BatchStream> inputs, Schema schema, List<SortKey> keys, MemoryManager memory, Supplier<SpillDirectory> spill,
                 String operator) {
        this.inputs = inputs;
        this.schema = schema;
        this.keys = List.copyOf(keys);
        this.memory = memory;
        this.spill = spill;
        this.operator = operator;
    }

    @Override public Schema schema() { return schema; }

    @Override
    public DataFrame next() {
        if (closed) return null;
        if (failure != null) throw failure;
        try {
            if (output == null) output = sorted();
            DataFrame b;
            while ((b = output.next()) != null) if (b.height() > 0) return b;
            return null;
        } catch (RuntimeException e) {
            failure = e;
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            if (input != null) input.close();
        } finally {
            try {
                if (output != null) output.close();
            } finally {
                for (SpillFile r : runs) r.delete();
                runs.clear();
            }
        }
    }

    /** Reads the whole input; the rows sorted in memory or the merge of the spilled runs. */
    private BatchStream sorted() {
        long capacity = memory.capacityBytes();
        long runLimit = Math.max(1, capacity / (spill != null ? RUN_SHARE : UNSPILLED_SHARE));
        List<DataFrame> pending = new ArrayList<>();
        long pendingBytes = 0;
        input = inputs.get();
        try (MemoryManager.Reservation held = memory.reserve(0)) {
            DataFrame b;
            while ((b = input.next()) != null) {
                if (b.height() == 0) continue;
                long bytes = b.estimatedBytes();
                if (spill == null && pendingBytes + bytes > runLimit) throw refused(pending.size(), pendingBytes + bytes, runLimit);
                if (!pending.isEmpty() && pendingBytes + bytes > runLimit) {
                    spillRun(pending, held, capacity);
                    pendingBytes = 0;
                }
                pending.add(b);
                pendingBytes += bytes;
                held.resize(pendingBytes);
            }
            input.close();
            input = null;
            if (runs.isEmpty()) return new FrameStream(sortInMemory(pending, held));
            if (!pending.isEmpty()) spillRun(pending, held, capacity);
        }
        return merge(capacity);
    }

    /** Spilling is off and the input outgrows what the sort may hold. */
    private MemoryBudgetExceededException refused(int batches, long needed, long limit) {
        return new MemoryBudgetExceededException(operator + " (holding " + batches + " batches of rows so far, " + ((needed >> 20)) + " MB)",
                needed, limit, "spilling is off for this query (withoutSpilling()), so the sort must fit in memory: allow it to spill "
                + "with withSpillDirectory(folder), raise the memory limit, sort fewer rows or columns, or take the first rows with "
                + "head(n), which keeps only those (the rows kept may take 1/" + UNSPILLED_SHARE + " of the memory budget)");
    }

    /** The pending batches as one sorted frame; {@code held} (their reservation) follows what is held. */
    private DataFrame sortInMemory(List<DataFrame> pending, MemoryManager.Reservation held) {
        DataFrame all = Frames.concat(pending, schema);
        pending.clear();
        held.resize(all.estimatedBytes());
        // The sorted copy, the row numbers and their merge buffer, while the sort runs.
        try (MemoryManager.Reservation work = memory.reserve(all.estimatedBytes() + 8L * all.height())) {
            return SortKernel.sort(all, keys);
        }
    }

    /** Sorts the pending batches and writes them as the next run; releases them. */
    private void spillRun(List<DataFrame> pending, MemoryManager.Reservation held, long capacity) {
        if (runs.isEmpty()) requireFlat();
        DataFrame sorted = sortInMemory(pending, held);
        held.resize(sorted.estimatedBytes());
        if (runGroupRows == 0) {
            long rowBytes = Math.max(1, sorted.estimatedBytes() / Math.max(1, sorted.height()));
            runGroupRows = (int) Math.clamp(capacity / HEADS_SHARE / TARGET_FAN_IN / rowBytes, MIN_ROWS, MAX_ROWS);
        }
        try (SpillFile.Writer w = SpillFile.writer(spill.get(), "sort-run", schema, runGroupRows)) {
            w.write(sorted);
            runs.add(w.finish());
            runsWritten++;
        }
        held.resize(0);
    }

    /** Spill files hold flat columns only: a sort of nested columns that outgrows memory is refused. */
    private void requireFlat() {
        List<String> nested = new ArrayList<>();
        for (Field f : schema.fields()) if (f.type().isNested()) nested.add(f.name());
        if (nested.isEmpty()) return;
        long capacity = memory.capacityBytes();
        throw new MemoryBudgetExceededException(operator + " (rows beyond 1/" + RUN_SHARE + " of the budget must spill to disk)",
                capacity / RUN_SHARE + 1, capacity / RUN_SHARE, "the nested columns " + nested + " cannot be spilled yet: sort "
                + "without them (select them away), raise the memory limit, or take the first rows with head(n)");
    }

    /** The merge of the runs, after as many passes as it takes to leave no more runs than one merge can hold. */
    private BatchStream merge(long capacity) {
        DataFrame first = firstBatchOfLargestRun();
        long rowBytes = Math.max(1, first.estimatedBytes() / Math.max(1, first.height()));
        long headBytes = rowBytes * runGroupRows;
        long outputBytes = capacity / OUTPUT_SHARE;
        int outputRows = (int) Math.clamp(outputBytes / rowBytes, MIN_ROWS, MAX_ROWS);
        // One head per run, plus a writer's buffered row group in the passes that write a merged run.
        int fanIn = (int) Math.clamp(capacity / HEADS_SHARE / headBytes - 1, 2, Integer.MAX_VALUE);
        while (runs.size() > fanIn) {
            intermediatePasses++;
            List<SpillFile> next = new ArrayList<>();
            for (int from = 0; from < runs.size(); from += fanIn) {
                List<SpillFile> group = runs.subList(from, Math.min(runs.size(), from + fanIn));
                // The merger deletes the group's runs; a failure leaves the rest to close() and the spill folder.
                next.add(group.size() == 1 ? group.getFirst() : mergeIntoRun(List.copyOf(group), outputRows, outputBytes, headBytes));
            }
            runs.clear();
            runs.addAll(next);
        }
        List<SpillFile> last = List.copyOf(runs);
        runs.clear(); // the merger deletes them from now on
        return new RunMerger(last, schema, keys, memory, runGroupRows, outputRows, outputBytes);
    }

    /** A batch as the merge will read it back, for the bytes of a row as read (not as written: strings may have been dictionaries). */
    private DataFrame firstBatchOfLargestRun() {
        SpillFile largest = runs.getFirst();
        for (SpillFile r : runs) if (r.rows() > largest.rows()) largest = r;
        try (Stream<DataFrame> batches = largest.read(runGroupRows)) {
            return batches.findFirst().orElseThrow();
        }
    }

    private SpillFile mergeIntoRun(List<SpillFile> group, int outputRows, long outputBytes, long headBytes) {
        try (RunMerger merger = new RunMerger(group, schema, keys, memory, runGroupRows, outputRows, outputBytes);
             SpillFile.Writer w = SpillFile.writer(spill.get(), "sort-merged-run", schema, runGroupRows);
             MemoryManager.Reservation buffered = memory.reserve(headBytes)) {
            DataFrame b;
            while ((b = merger.next()) != null) w.write(b);
            runsWritten++;
            return w.finish();
        }
    }
}
