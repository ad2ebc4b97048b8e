package dev.streamingadaptive.scan;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.ColumnConcat;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.memory.AdaptiveChunkStrategy;
import dev.streamingadaptive.memory.ChunkStrategy;
import dev.streamingadaptive.memory.FixedMemoryManager;
import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.parquet.meta.RowGroup;
import dev.streamingadaptive.parquet.schema.FieldPlan;
import dev.streamingadaptive.predicate.RowRanges;
import dev.streamingadaptive.predicate.Rows;
import dev.streamingadaptive.reader.internal.Assembler;
import dev.streamingadaptive.reader.internal.ColumnChunkReader;
import dev.streamingadaptive.reader.internal.LeafData;
import dev.streamingadaptive.reader.internal.ScratchBuffers;
import dev.streamingadaptive.scan.ScanCounters.Counter;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The batches of a range of row groups of one file, produced on demand; holds at most the current
 * batch's reservation. Before each batch the {@link ChunkStrategy} turns the memory available into a
 * row count; a batch may merge small row groups or cover part of a large one (flat columns are then
 * decoded page by page, so a row group larger than the budget is never decoded whole). Row groups
 * are pruned by the predicate first; with a row-level predicate its columns are decoded first and
 * the others only for matching rows. Batches reserve before decoding and, when the budget is shared,
 * wait for readers sharing it.
 */
public final class RowGroupBatches implements Iterator<DataFrame> {
    /**
     * What to read: row groups [fromGroup, toGroup) of {@code file}, the output fields, the bound
     * predicate (or null), at most {@code rowLimit} rows (after the predicate).
     *
     * @param waitForMemory whether batches wait for a shared budget (false: they take what is free at once,
     *                      possibly beyond it; for units whose results a scheduler holds while it waits)
     */
    public record Source(ParquetFile file, List<FieldPlan> output, ScanPredicate predicate, int fromGroup, int toGroup,
                         long rowLimit, boolean verifyChecksums, boolean countAllPages, boolean waitForMemory) {}

    /**
     * A batch reserves this many times its expected size before decoding: while it is built, the
     * decoded values, their null-spread copies and (across row groups) the concatenated copy exist
     * side by side. Once built it holds only its own size.
     */
    private static final int DECODE_ROOM = 2;

    /**
     * With pages released between batches, a batch asks for at least this fraction (1/n) of the whole
     * budget. Measured with 8 readers on one 64 MB budget in a 300 MB heap: 1/4 took 12 s with 128 MB of
     * heap in use after GC, 1/16 took 28 s with 84–92 MB; sizing by what was free took 170 s.
     */
    private static final int SHARED_BATCH_DIVISOR = 16;

    /** Rows a batch asks for when it has to wait for readers sharing its budget. */
    private static final int WAITING_BATCH_ROWS = 16_384;

    /** Below one matching row in this many, other columns are read only around the matches. */
    private static final int SPARSE_FRACTION = 8;

    /**
     * Matches scattered more densely than one run in this many rows leave no page without a match, so reading only
     * around them saves no decompression; the other columns are then decoded whole and gathered, which costs less
     * than a skip and a take a run (TPC-H Q6 and Q15, a run every 28-50 rows: per-run calls and thousands of tiny
     * columns joined together).
     */
    private static final int MIN_ROWS_PER_RUN = 256;

    /** Runs few enough to read around however small the part (a small budget's batches over tiny pages). */
    private static final int FEW_RUNS = 64;


    private final ParquetFile file;
    private final ScanPredicate predicate;
    private final long rowLimit;
    private final int endGroup;
    private final boolean verifyChecksums;
    private final boolean countAllPages;
    private final boolean waitForMemory;
    private final ScanContext context;
    private final ScanCounters counters;
    /** Decoded bytes per row of the output of the whole file, from the footer. */
    private final long estimatedRowBytes;
    private final ChunkStrategy strategy;
    private final MemoryManager memory;
    /** collectBatchesAdaptive keeps every batch: the budget applies per batch, nothing is released early. */
    private final boolean perBatchBudget;
    private final Runnable onPressure;
    private final DecodeOrder plan;
    private int group;
    private long rowsLeftInGroup;
    private long groupRows;
    /** The rows of the current row group the page index leaves, or null for all; and the next range to visit. */
    private RowRanges ranges;
    private int rangeIndex;
    private List<FieldCursor> cursors = List.of();
    /**
     * Whether the current row group's decompressed pages stay in memory between batches. When
     * they do not fit half the budget (one page per column chunk, as DuckDB writes, makes them
     * large), each column's page is released after its part of a batch and decompressed again
     * for the next: slower, but the budget holds.
     */
    private boolean residentPages = true;
    /** Page buffers passed from the chunk readers of one row group to the next, or null (see {@link #withPagePool}). */
    private ScratchBuffers pagePool;
    /** Where value arrays decoded only to be copied come from (the page pool, when pages are pooled), else null. */
    private ScratchBuffers valuePool;
    /** Page-buffer bytes the current row group needs (all pages, or those decoded side by side). */
    private long pageReserve;
    /** Columns decoded in parallel within a batch (1 when page buffers must be kept few). */
    private boolean parallelColumns = true;
    private long emitted;
    private DataFrame next;
    /** Slices of a batch that came out larger than the budget, emitted one by one. */
    private final java.util.ArrayDeque<DataFrame> pending = new java.util.ArrayDeque<>();
    /** collectBatchesAdaptive only: the current batch's reservation in its per-batch manager. */
    private MemoryManager.Reservation current;
    /**
     * What this scan holds in the reader's manager: the chunk readers' buffers kept between
     * batches (page buffers, dictionaries) and, unless batches have a budget of their own, the
     * current batch and the slices of it still pending.
     */
    private final HeldMemory held;
    /** Bytes of the current batch and its pending slices (counted in {@link #held}). */
    private long batchBytes;
    /** What the pending slices' sizes count twice (shared dictionaries) beyond the batch they came from. */
    private long sliceOverhead;
    /** Whether a batch is being decoded (its grant is in {@link #held}). */
    private boolean decoding;
    /** Largest expected page buffer of the current row group. */
    private long largestPage;
    private boolean done;

    /**
     * Batches of {@code source}, sized by {@code strategy} from what {@code batchMemory} has available.
     *
     * @param perBatchBudget whether {@code batchMemory} is a budget per batch (every batch is kept, nothing
     *                       released early) rather than the budget the scan shares with other readers
     * @param context        the reader's threads and MemoryManager (page buffers are held there)
     * @param counters       where the scan's statistics are added
     */
    public RowGroupBatches(Source source, ChunkStrategy strategy, MemoryManager batchMemory, boolean perBatchBudget,
                           ScanContext context, ScanCounters counters) {
        this.file = source.file();
        this.predicate = source.predicate();
        this.rowLimit = source.rowLimit();
        this.endGroup = source.toGroup();
        this.group = source.fromGroup() - 1;
        this.verifyChecksums = source.verifyChecksums();
        this.countAllPages = source.countAllPages();
        this.waitForMemory = source.waitForMemory();
        this.context = context;
        this.counters = counters;
        this.plan = DecodeOrder.of(file, source.output(), predicate);
        long rows = file.totalRows();
        this.estimatedRowBytes = rows == 0 ? 1 : Math.max(1, file.fileBytes(source.output()) / rows);
        this.strategy = strategy;
        this.memory = batchMemory;
        this.perBatchBudget = perBatchBudget;
        strategy.estimateRowBytes(estimatedRowBytes);
        this.onPressure = strategy instanceof AdaptiveChunkStrategy a ? a::onPressure : () -> { };
        memory.addPressureListener(onPressure);
        // Owned by the iterator: an abandoned, unclosed iterator gives its memory back when collected.
        this.held = new HeldMemory(context.memory(), this);
    }

    @Override
    public boolean hasNext() {
        // Held for the whole batch: a close() from another thread waits instead of unmapping under it.
        if (next == null && !done) next = file.whileMapped(this::produce);
        return next != null;
    }

    @Override
    public DataFrame next() {
        if (!hasNext()) throw new NoSuchElementException();
        DataFrame out = next;
        next = null;
        return out;
    }

    /** Ends the scan: releases the current batch, the row group's pages and every reservation. */
    public void release() {
        if (current != null) current.close();
        current = null;
        if (!done) {
            done = true;
            try {
                finishGroup();
            } finally {
                held.close();
                memory.removePressureListener(onPressure);
            }
        }
    }

    /**
     * Takes the chunk readers' page buffers (and compressed-page copies) from {@code pool} and gives them back when a
     * row group is done, instead of allocating them for every column chunk: DuckDB writes one page a chunk, so every
     * chunk otherwise allocated buffers the size of its whole page, all garbage a row group later (measured: 1.5 GB a
     * pass over the 40M-row trades file, and a tenth of a filter's time in collector pauses). Only on a roomy budget
     * ({@link #roomyFor}), and a released page ({@link #residentPages} false) is dropped, not pooled: pooled
     * buffers are heap in use that the budget does not see.
     */
    public RowGroupBatches withPagePool(ScratchBuffers pool) {
        this.pagePool = pool;
        return this;
    }

    private DataFrame produce() {
        if (!pending.isEmpty()) {
            DataFrame slice = pending.poll();
            // This slice and those not handed out yet are in memory: keep them reserved.
            if (!perBatchBudget) holdBatch(Math.max(slice.estimatedBytes(), slice.estimatedBytes() + pendingBytes() - sliceOverhead));
            emitted += slice.height();
            return slice;
        }
        holdBatch(0);   // the consumer is done with the previous batch
        while (true) {
            if (emitted >= rowLimit) {
                release();
                return null;
            }
            if (rowsLeftInGroup == 0 && !advanceGroup()) {
                release();
                return null;
            }
            if (!perBatchBudget) checkRoomForOneRow();
            long available = perBatchBudget ? available() : Math.max(0, available() - pagesStillNeeded()) / DECODE_ROOM;
            if (!perBatchBudget && !residentPages) {
                // Every batch decompresses its pages again: sized by what readers sharing the budget leave
                // free right now, it would pay that for a few rows (measured: 8 readers on 64 MB, 15x slower).
                // Ask for a fixed share of the whole budget instead, waiting for it. Larger shares are faster
                // still but make many readers' arrays large enough for G1 to round them up to whole regions,
                // so the heap really used drifts above the budget (SHARED_BATCH_DIVISOR).
                long share = Math.max(0, memory.capacityBytes() - held.bytes() - pagesStillNeeded()) / DECODE_ROOM
                        / SHARED_BATCH_DIVISOR;
                available = Math.max(available, share);
            }
            int target = alignToRowGroup(strategy.calculateChunkSize(available, remainingRows()));
            // Reserve before decoding, waiting while readers sharing the budget hold it.
            MemoryManager.Reservation grant = perBatchBudget ? null : grantFor(target);
            long granted = grant == null ? 0 : grant.bytes();
            if (grant != null) {
                held.add(grant);
                available = Math.max(1, (grant.bytes() - pagesStillNeeded()) / DECODE_ROOM);
                // A wait may have granted less than the strategy asked for: decode what was granted.
                target = (int) Math.max(1, Math.min(target, (long) (available / Math.max(1, rowBytes()))));
            }
            List<DataFrame> pieces = new ArrayList<>();
            int have = 0;
            long decodedBytes = 0;
            boolean allDecoded = true;
            decoding = true;
            try {
                while (have < target) {
                    if (rowsLeftInGroup == 0) {
                        if (!advanceGroup()) break;
                        if (grant != null && have > 0) {
                            // The grant was sized for the previous row group's pages: go on only as far as it
                            // still has room for this one's pages and rows.
                            long room = granted - DECODE_ROOM * decodedBytes - pagesStillNeeded();
                            long wanted = decodeBytes(target - have);
                            if (room < wanted) {
                                // Ask for the rest without waiting: a free budget should not cut the batch.
                                MemoryManager.Reservation more = memory.tryAcquire(wanted - room, this);
                                if (more != null) {
                                    held.add(more);
                                    granted += more.bytes();
                                    room = wanted;
                                    available = Math.max(available, (granted - pagesStillNeeded()) / DECODE_ROOM);
                                }
                            }
                            long rowsFitting = (long) (room / (DECODE_ROOM * Math.max(1, rowBytes())));
                            if (rowsFitting < 1) break;
                            target = (int) Math.min(target, have + rowsFitting);
                        }
                    }
                    long limitInRange = skipToRange();
                    if (limitInRange == 0) continue;
                    int take = (int) Math.min(Math.min(target - have, rowsLeftInGroup), limitInRange);
                    Part part = readPart(take);
                    if (part.rows() != null && part.rows().height() > 0) pieces.add(part.rows());
                    decodedBytes += part.decodedBytes();
                    allDecoded &= part.allColumnsDecoded();
                    have += take;
                    rowsLeftInGroup -= take;
                }
            } catch (RuntimeException | Error e) {
                decoding = false;
                if (!done) holdBatch(0);
                throw e;
            }
            decoding = false;
            // Only a fully decoded batch tells the strategy what a row costs.
            if (allDecoded && have > 0) strategy.observe(have, decodedBytes);
            DataFrame batch = pieces.isEmpty() ? null : Frames.concat(pieces);
            if (batch != null && batch.height() > rowLimit - emitted) batch = batch.head((int) (rowLimit - emitted));
            if (batch == null || batch.height() == 0) {
                holdBatch(0);
                continue;
            }
            long bytes = batch.estimatedBytes();
            // The grant becomes the batch's and the new page buffers' share in one step.
            if (perBatchBudget) current = memory.reserve(bytes, batch);
            else holdBatch(bytes);
            // A per-batch budget is a bound on every batch, and so is a share of a tight budget (its consumers reserve
            // what they are handed in the same budget). A share of a roomy one is a target: a small miss is handed on
            // whole, since the pieces are copies and a batch that takes its row group's sliver (alignToRowGroup) misses
            // by the sliver's share (measured: every 1,001,472-row batch 0.2% over, cut in two, 9% of a group-by's time).
            boolean roomy = !perBatchBudget && roomyFor(bytes);
            long cutAbove = roomy ? available + available / CUT_TOLERANCE : available;
            if (bytes > cutAbove && batch.height() > 1) {
                // The estimate was low: cut the batch so that each piece fits the budget.
                int slices = (int) Math.min(batch.height(), (bytes + available - 1) / Math.max(1, available));
                int per = (batch.height() + slices - 1) / slices;
                for (int at = 0; at < batch.height(); at += per) pending.add(batch.slice(at, Math.min(per, batch.height() - at)));
                DataFrame first = pending.poll();
                // Each slice counts a shared dictionary again: hold what the batch really occupies.
                sliceOverhead = Math.max(0, first.estimatedBytes() + pendingBytes() - bytes);
                if (!perBatchBudget) holdBatch(bytes);
                emitted += first.height();
                return first;
            }
            emitted += batch.height();
            return batch;
        }
    }

    /** A decoded batch over its share of a roomy budget by more than 1/{@value} is cut; by less, it is handed on whole. */
    private static final int CUT_TOLERANCE = 8;
    /** A budget is roomy for what takes at most 1/{@value} of it (a batch, a row group's page buffers). */
    private static final int ROOMY_SHARE = 64;

    /** Whether {@code bytes} take at most {@link #ROOMY_SHARE 1/64} of the budget. */
    private boolean roomyFor(long bytes) {
        return bytes <= memory.capacityBytes() / ROOMY_SHARE;
    }

    /**
     * An adaptive batch that would leave a sliver (at most 1/8 of a batch) of its row group takes
     * the sliver too: otherwise the next batch spans two row groups and is a copy of both parts.
     * (DuckDB's 1M-row groups hold 1,001,472 rows and the default batch is 1M rows: every batch
     * was such a copy.) Exact strategies keep their sizes.
     */
    private int alignToRowGroup(int target) {
        if (!(strategy instanceof AdaptiveChunkStrategy) || rowsLeftInGroup <= target) return target;
        return rowsLeftInGroup - target <= target / 8 ? (int) Math.min(Integer.MAX_VALUE, rowsLeftInGroup) : target;
    }

    private long pendingBytes() {
        long b = 0;
        for (DataFrame d : pending) b += d.estimatedBytes();
        return b;
    }

    /** Bytes a batch of {@code rows} rows needs while it is decoded (see {@link #DECODE_ROOM}). */
    private long decodeBytes(long rows) {
        return (long) Math.ceil(rows * DECODE_ROOM * Math.max(1, rowBytes()));
    }

    /** Decoded bytes a row is expected to take. */
    private double rowBytes() {
        return strategy instanceof AdaptiveChunkStrategy a ? a.bytesPerRow() : estimatedRowBytes;
    }

    /**
     * Makes sure the whole budget can hold the page buffers still to be allocated and one row:
     * resident pages are released first (so that readers sharing a budget never wait on each
     * other's pages), then columns are decoded one at a time.
     *
     * @throws MemoryBudgetExceededException when even that does not fit
     */
    private void checkRoomForOneRow() {
        double perRow = Math.max(1, rowBytes());
        if ((residentPages || parallelColumns) && !cursors.isEmpty()
                && (memory.capacityBytes() - held.bytes() - pagesStillNeeded() < perRow
                    || memory.availableBytes() - pagesStillNeeded() < perRow)) {
            evictPages();
        }
        long capacity = memory.capacityBytes() - held.bytes();
        long pages = pagesStillNeeded();
        long minimum = pages + (long) Math.ceil(DECODE_ROOM * perRow);
        if (minimum > capacity) {
            throw new MemoryBudgetExceededException("one row of " + file.fileName() + " with " + pages
                    + " bytes of page buffers (a compressed page is decompressed whole)", minimum, Math.max(0, capacity),
                    "raise the memory limit or select fewer columns");
        }
    }

    /**
     * Reserves room for {@code rows} rows and the page buffers still to be allocated, at most
     * the whole budget; waits (fairly, with a timeout) while other readers of the budget hold it.
     */
    private MemoryManager.Reservation grantFor(int rows) {
        long capacity = Math.max(1, memory.capacityBytes() - held.bytes());
        long need = decodeBytes(Math.max(1, rows)) + pagesStillNeeded();
        long bytes = Math.min(need, capacity);
        if (!waitForMemory) {
            // Cannot wait (see overRowGroups): take what is free now, or the least one row needs.
            long least = decodeBytes(1) + pagesStillNeeded();
            return memory.reserve(Math.min(bytes, Math.max(least, memory.availableBytes())), this);
        }
        MemoryManager.Reservation now = memory.tryAcquire(bytes, this);
        if (now != null) return now;
        // About to wait for readers sharing the budget: hold nothing they may need (a reader holding
        // its pages while waiting for theirs would deadlock), and ask only for a small batch.
        boolean wasResident = residentPages;
        if (residentPages || parallelColumns) evictPages();
        capacity = Math.max(1, memory.capacityBytes() - held.bytes());
        // A batch of pages already released was sized for that (see produce): wait for all of it.
        int waitRows = wasResident ? Math.min(rows, WAITING_BATCH_ROWS) : rows;
        long small = decodeBytes(Math.max(1, waitRows)) + pagesStillNeeded();
        return memory.acquire(Math.min(small, capacity), this);
    }

    /** Releases the current row group's decompressed pages and decodes it page-by-page from now on. */
    private void evictPages() {
        for (FieldCursor c : cursors) c.releasePages();
        residentPages = false;
        parallelColumns = false;
        pageReserve = largestPage;
        syncWorking();
    }

    /** Brings what is held in line with what the chunk readers keep plus the batch bytes held. */
    private void syncWorking() {
        long retained = 0;
        for (FieldCursor c : cursors) retained += c.retainedBytes();
        // While a batch decodes, its grant covers what the readers allocate: settle when it is done.
        if (!done && !decoding) held.settle(retained + (perBatchBudget ? 0 : batchBytes));
    }

    /** The consumer now holds {@code bytes} of batches (0: none). */
    private void holdBatch(long bytes) {
        batchBytes = bytes;
        syncWorking();
    }

    /**
     * Page buffers the current row group will still allocate: with resident pages, what its
     * cursors do not hold yet; otherwise the pages decoded side by side within one batch.
     */
    private long pagesStillNeeded() {
        if (cursors.isEmpty()) return 0;
        if (!residentPages) return pageReserve;
        long held = 0;
        for (FieldCursor c : cursors) held += c.retainedBytes();
        return Math.max(0, pageReserve - held);
    }

    /**
     * Passes over rows the page index ruled out (lazily, on every cursor) and returns how many
     * rows may be read before the next such gap (0 when the skip used up the row group).
     */
    private long skipToRange() {
        if (ranges == null) return rowsLeftInGroup;
        long pos = groupRows - rowsLeftInGroup;
        while (rangeIndex < ranges.rangeCount() && ranges.to(rangeIndex) <= pos) rangeIndex++;
        long next = rangeIndex < ranges.rangeCount() ? ranges.from(rangeIndex) : groupRows;
        if (next > pos) {
            long gap = next - pos;
            for (FieldCursor c : cursors) c.skip(gap);
            counters.add(Counter.ROWS_SKIPPED_BY_PAGE_INDEX, gap);
            rowsLeftInGroup -= gap;
            pos = next;
            if (rowsLeftInGroup == 0) return 0;
        }
        return ranges.to(rangeIndex) - pos;
    }

    /** The rows of one stretch of the current row group that pass the predicate, and what decoding them cost. */
    private record Part(DataFrame rows, long decodedBytes, boolean allColumnsDecoded) {}

    /**
     * Reads the next {@code rows} rows of the row group. With a row predicate, its columns are
     * decoded first; the other columns are decoded only when some row matches (late
     * materialisation), and otherwise skipped lazily, so whole pages nobody needs are never
     * decompressed.
     */
    private Part readPart(int rows) {
        counters.add(Counter.ROWS_DECODED, rows);
        if (!plan.lateMaterialisation()) {
            DataFrame all = readRows(cursors, rows);
            long bytes = all.estimatedBytes();
            if (predicate != null) all = predicate.filter(all);
            counters.add(Counter.ROWS_MATCHED, all.height());
            return new Part(all, bytes, true);
        }
        List<FieldCursor> filterCursors = plan.pick(cursors, plan.filterFields());
        List<FieldCursor> otherCursors = plan.pick(cursors, plan.otherFields());
        DataFrame filterFrame = readRows(filterCursors, rows);
        boolean[] mask = predicate.matches(filterFrame);
        int matched = 0;
        for (boolean m : mask) if (m) matched++;
        counters.add(Counter.ROWS_MATCHED, matched);
        long bytes = filterFrame.estimatedBytes();
        if (matched == 0) {
            for (FieldCursor c : otherCursors) c.skip(rows);
            return new Part(null, bytes, otherCursors.isEmpty());
        }
        if (matched * SPARSE_FRACTION < rows) {
            int[] runs = Rows.runs(mask, rows, Math.max(FEW_RUNS, rows / MIN_ROWS_PER_RUN)); // once, not once a column
            if (runs != null) return sparsePart(filterFrame, mask, runs, otherCursors, rows, bytes);
        }
        // The other columns are decoded only to be copied (the rows kept): into pooled arrays, handed back after the copy.
        boolean pooled = valuePool != null && matched < rows;
        DataFrame otherFrame = readRows(otherCursors, rows, pooled);
        bytes += otherFrame.estimatedBytes();
        DataFrame kept = Rows.keep(outputFrame(filterFrame, otherFrame, rows), mask);
        if (pooled) for (FieldCursor c : otherCursors) c.giveBackValues(valuePool);
        return new Part(kept, bytes, true);
    }

    /**
     * Few rows match: the other columns are read run by run (skipping in between), so pages
     * holding no matching row are never decompressed.
     */
    private Part sparsePart(DataFrame filterFrame, boolean[] mask, int[] runs, List<FieldCursor> otherCursors, int rows, long bytes) {
        List<Column> others = new ArrayList<>(otherCursors.size());
        for (FieldCursor c : otherCursors) {
            List<Column> parts = new ArrayList<>(runs.length / 2);
            int at = 0;
            for (int r = 0; r < runs.length; r += 2) {
                int start = runs[r];
                int end = runs[r + 1];
                if (start > at) c.skip(start - at);
                parts.add(c.take(end - start));
                at = end;
            }
            if (rows > at) c.skip(rows - at);
            if (!residentPages) c.releasePages();
            Column col = parts.size() == 1 ? parts.get(0) : ColumnConcat.concat(parts);
            bytes += col.estimatedBytes();
            others.add(col);
        }
        DataFrame kept = Rows.keep(filterFrame, mask);
        DataFrame otherFrame = new DataFrame(others, kept.height());
        return new Part(outputFrame(kept, otherFrame, kept.height()), bytes, false);
    }

    /** The output columns, in output order, from the filter columns and the others. */
    private DataFrame outputFrame(DataFrame filterFrame, DataFrame otherFrame, int rows) {
        List<Column> out = new ArrayList<>(plan.outputFields().size());
        for (FieldPlan f : plan.outputFields()) {
            int i = plan.filterFields().indexOf(f);
            out.add(i >= 0 ? filterFrame.column(i) : otherFrame.column(plan.otherFields().indexOf(f)));
        }
        return new DataFrame(out, rows);
    }

    private long available() {
        return perBatchBudget && memory instanceof FixedMemoryManager f ? f.budget() : memory.availableBytes();
    }


    private long remainingRows() {
        long rows = rowsLeftInGroup;
        for (int g = group + 1; g < endGroup; g++) rows += file.rowGroupRows(g);
        return predicate == null ? Math.min(rows, rowLimit - emitted) : rows;
    }

    /** Moves to the next row group the predicate does not rule out; false at the end. */
    private boolean advanceGroup() {
        finishGroup();
        while (++group < endGroup) {
            RowGroup rg = file.metadata().rowGroups().get(group);
            if (rg.numRows() <= 0) continue;
            counters.add(Counter.ROW_GROUPS_TOTAL, 1);
            RowGroupPruning.Decision decision = predicate == null ? new RowGroupPruning.Decision(RowGroupPruning.Verdict.READ, null)
                    : predicate.prune(file, group, verifyChecksums);
            if (decision.verdict() != RowGroupPruning.Verdict.READ) {
                switch (decision.verdict()) {
                    case STATISTICS -> counters.add(Counter.ROW_GROUPS_PRUNED_BY_STATISTICS, 1);
                    case BLOOM_FILTER -> counters.add(Counter.ROW_GROUPS_PRUNED_BY_BLOOM_FILTER, 1);
                    case DICTIONARY -> counters.add(Counter.ROW_GROUPS_PRUNED_BY_DICTIONARY, 1);
                    case PAGE_INDEX -> counters.add(Counter.ROW_GROUPS_PRUNED_BY_PAGE_INDEX, 1);
                    default -> { }
                }
                if (countAllPages) counters.add(Counter.PAGES_SKIPPED, RowGroupPruning.dataPages(file, group, plan.scanFields(), verifyChecksums));
                continue;
            }
            counters.add(Counter.ROW_GROUPS_READ, 1);
            counters.add(Counter.BYTES_READ, file.rowGroupCompressedBytes(group, plan.scanFields()));
            // The file's next row group, whoever reads it, is read from disk while this one decodes.
            file.readAhead(group + 1, plan.scanFields());
            rowsLeftInGroup = rg.numRows();
            groupRows = rg.numRows();
            ranges = decision.rows();
            rangeIndex = 0;
            List<FieldCursor> next = new ArrayList<>(plan.scanFields().size());
            try {
                for (FieldPlan f : plan.scanFields()) next.add(new FieldCursor(group, f));
            } catch (RuntimeException | Error e) {
                for (FieldCursor c : next) c.close();
                throw e;
            }
            cursors = next;
            planPages();
            return true;
        }
        cursors = List.of();
        return false;
    }

    /** Chooses how the new row group's page buffers are held (see {@link #residentPages}). */
    private void planPages() {
        long all = 0;
        long largest = 0;
        for (FieldCursor c : cursors) {
            long b = c.expectedRetainedBytes();
            all += b;
            largest = Math.max(largest, b);
        }
        // Page buffers are working memory of the reader, also when batches get a budget of their own.
        long room = perBatchBudget ? context.memory().availableBytes() : available();
        int threads = Math.max(1, context.threads());
        residentPages = all <= room / 2;
        parallelColumns = residentPages || largest * threads <= room / 2;
        pageReserve = residentPages ? all : largest * (parallelColumns ? threads : 1);
        largestPage = largest;
        // A pooled buffer is live heap that no reservation covers between row groups: pool only on a roomy budget.
        boolean pool = pagePool != null && roomyFor(all);
        for (FieldCursor c : cursors) c.poolPages(pool ? pagePool : null);
        valuePool = pool ? pagePool : null;
    }

    /** The next {@code rows} rows of a cursor; its page is released afterwards unless pages stay resident. */
    private Column take(FieldCursor c, int rows) {
        return take(c, rows, false);
    }

    private Column take(FieldCursor c, int rows, boolean pooled) {
        Column col = pooled ? c.takePooled(rows, valuePool) : c.take(rows);
        if (!residentPages) c.releasePages();
        return col;
    }

    /** Adds the finished row group's page counts to the statistics. */
    private void finishGroup() {
        try {
            for (FieldCursor c : cursors) {
                if (countAllPages) c.skipRest();
                counters.add(Counter.PAGES_DECODED, c.pagesDecoded());
                counters.add(Counter.PAGES_SKIPPED, c.pagesSkipped());
            }
        } finally {
            for (FieldCursor c : cursors) c.close();
            cursors = List.of();
            syncWorking();
        }
    }

    private DataFrame readRows(List<FieldCursor> which, int rows) {
        return readRows(which, rows, false);
    }

    /** @param pooled decode flat values into arrays of {@link #valuePool} (the caller copies what it keeps, then gives them back) */
    private DataFrame readRows(List<FieldCursor> which, int rows, boolean pooled) {
        List<Column> columns = new ArrayList<>(which.size());
        java.util.concurrent.ForkJoinPool pool = which.size() > 1 && parallelColumns ? context.decodePool() : null;
        if (pool == null) {
            for (FieldCursor c : which) columns.add(take(c, rows, pooled));
        } else {
            // Cursors are independent: decode the columns of this batch in parallel.
            List<java.util.concurrent.Future<Column>> tasks = new ArrayList<>(which.size());
            for (FieldCursor c : which) tasks.add(pool.submit(() -> file.whileMapped(() -> take(c, rows, pooled))));
            try {
                for (var t : tasks) columns.add(DecodingThreads.join(t));
            } catch (RuntimeException | Error e) {
                for (var t : tasks) t.cancel(false);
                throw e;
            }
        }
        return new DataFrame(columns, rows);
    }

    /**
     * Hands out the rows of one field of one row group in order, decoding only the rows asked for
     * (mid-page included) from one chunk reader per leaf. Skips are lazy: rows passed over are
     * applied before the next take, whole pages by their headers alone.
     */
    private final class FieldCursor implements AutoCloseable {
        private final int group;
        private final FieldPlan plan;
        private final java.util.Map<Integer, ColumnChunkReader> chunks = new java.util.LinkedHashMap<>();
        private long pendingSkip;
        private Object borrowedValues;

        FieldCursor(int group, FieldPlan plan) {
            this.group = group;
            this.plan = plan;
            try {
                for (var leaf : ParquetFile.leavesOf(plan)) chunks.putIfAbsent(leaf.leafIndex(), file.chunkReader(group, leaf, verifyChecksums));
            } catch (RuntimeException | Error e) {
                close();
                throw e;
            }
        }

        /** The chunk readers take their page buffers from {@code pool} and give them back when closed (null: they allocate). */
        void poolPages(ScratchBuffers pool) {
            for (ColumnChunkReader c : chunks.values()) c.withScratch(pool);
        }

        int pagesDecoded() {
            int n = 0;
            for (ColumnChunkReader c : chunks.values()) n += c.pagesDecoded();
            return n;
        }

        int pagesSkipped() {
            int n = 0;
            for (ColumnChunkReader c : chunks.values()) n += c.pagesSkipped();
            return n;
        }

        /** What this field's chunk readers are expected to keep between batches (page buffers, dictionaries). */
        long expectedRetainedBytes() {
            long n = 0;
            for (ColumnChunkReader c : chunks.values()) n += c.expectedRetainedBytes();
            return n;
        }

        /** Heap the chunk readers keep between batches (page buffers, dictionaries). */
        long retainedBytes() {
            long n = 0;
            for (ColumnChunkReader c : chunks.values()) n += c.retainedBytes();
            return n;
        }

        /** Counts the pages never reached as skipped (walks their headers). */
        void skipRest() {
            applySkip();
            for (ColumnChunkReader c : chunks.values()) if (c.hasMore()) c.skipPages(Long.MAX_VALUE);
        }

        /** Passes over the next {@code rows} rows (decoding nothing yet). */
        void skip(long rows) {
            pendingSkip += rows;
        }

        /** Drops the decompressed pages; they are decompressed again when needed. */
        void releasePages() {
            for (ColumnChunkReader c : chunks.values()) c.releasePage();
        }

        private void applySkip() {
            long n = pendingSkip;
            pendingSkip = 0;
            if (n > 0) for (ColumnChunkReader c : chunks.values()) c.skipRows(n);
        }

        Column take(int rows) {
            applySkip();
            java.util.Map<Integer, LeafData> decoded = new java.util.HashMap<>();
            for (var e : chunks.entrySet()) decoded.put(e.getKey(), e.getValue().readRows(rows));
            try {
                return new Assembler(decoded::get, rows).assemble(plan);
            } catch (ParquetFormatException e) {
                throw e.withContext(file.fileName(), group, plan.name(), -1);
            }
        }

        /**
         * {@link #take} with a flat field's values decoded into an array of {@code pool} where its decoder can: the
         * column may then be over that array, valid until {@link #giveBackValues}.
         */
        Column takePooled(int rows, ScratchBuffers pool) {
            Class<?> component = plan instanceof FieldPlan.Primitive p && p.node().repLevel() == 0 && chunks.size() == 1
                    ? switch (p.node().element().type()) {
                        case INT64 -> long.class;
                        case INT32 -> int.class;
                        case DOUBLE -> double.class;
                        case FLOAT -> float.class;
                        default -> null;
                    } : null;
            if (component == null) return take(rows);
            applySkip();
            Object target = pool.values(component, rows);
            borrowedValues = target;
            LeafData leaf = chunks.values().iterator().next().readRowsInto(rows, target);
            try {
                return new Assembler(i -> leaf, rows).assemble(plan);
            } catch (ParquetFormatException e) {
                throw e.withContext(file.fileName(), group, plan.name(), -1);
            }
        }

        /** Hands the array of the last {@link #takePooled} back to {@code pool}, once nothing reads its column. */
        void giveBackValues(ScratchBuffers pool) {
            pool.giveValues(borrowedValues);
            borrowedValues = null;
        }

        @Override
        public void close() {
            for (ColumnChunkReader c : chunks.values()) c.close();
        }
    }
}
