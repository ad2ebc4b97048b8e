package dev.streamingadaptive.reader;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.ColumnConcat;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.memory.AdaptiveChunkStrategy;
import dev.streamingadaptive.memory.ChunkStrategy;
import dev.streamingadaptive.memory.FixedMemoryManager;
import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.parquet.meta.RowGroup;
import dev.streamingadaptive.parquet.schema.FieldPlan;
import dev.streamingadaptive.predicate.PredicatePushdown;
import dev.streamingadaptive.predicate.RowRanges;
import dev.streamingadaptive.predicate.RowPredicate;
import dev.streamingadaptive.predicate.Rows;
import dev.streamingadaptive.reader.internal.Assembler;
import dev.streamingadaptive.reader.internal.ColumnChunkReader;
import dev.streamingadaptive.reader.internal.LeafData;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads a Parquet file as a stream of batches whose size follows the memory actually available.
 *
 * <pre>{@code
 * try (var reader = AdaptiveStreamingReader.open(Path.of("large.parquet"))
 *         .withChunkStrategy(new AdaptiveChunkStrategy(1_000, 1_000_000, 0.8))
 *         .withColumns("ts", "symbol", "price")) {
 *     reader.stream().forEach(batch -> process(batch));   // bounded memory, any file size
 * }
 * }</pre>
 *
 * Before each batch the {@link ChunkStrategy} turns {@link MemoryManager#availableBytes()} into a
 * row count; a batch may merge small row groups or cover part of a large one (flat columns are
 * then decoded page by page, so a row group larger than the budget is never decoded whole). Each
 * batch is reserved in the MemoryManager while it is the current batch: the reservation ends when
 * the next batch is requested, the stream is closed, or (failing those) the batch is collected.
 */
public final class AdaptiveStreamingReader implements AutoCloseable, Iterable<DataFrame> {
    private final MmapParquetReader reader;
    private ChunkStrategy strategy = AdaptiveChunkStrategy.defaults();
    private PredicatePushdown predicate;
    private MemoryManager memory = MemoryManager.system();
    private long rowLimit = Long.MAX_VALUE;
    private final ScanStatistics statistics = new ScanStatistics();
    private boolean countAllPages;

    /** The row groups scanned: [firstGroup, endGroup). */
    private int firstGroup;
    private int endGroup;
    /** Whether close() closes the file (false when a multi-file scan shares it). */
    private final boolean ownsReader;

    private AdaptiveStreamingReader(MmapParquetReader reader, boolean ownsReader) {
        this.reader = reader;
        this.ownsReader = ownsReader;
        this.endGroup = reader.numRowGroups();
    }

    /**
     * A scan of row groups [from, to) of an already open file that the caller keeps open (for
     * multi-file scans, whose work units are row groups).
     */
    static AdaptiveStreamingReader overRowGroups(MmapParquetReader reader, int from, int to) {
        AdaptiveStreamingReader r = new AdaptiveStreamingReader(reader, false);
        r.firstGroup = from;
        r.endGroup = to;
        return r;
    }

    /** Maps the file and reads its footer (see {@link MmapParquetReader#open}). */
    public static AdaptiveStreamingReader open(Path path) {
        return new AdaptiveStreamingReader(MmapParquetReader.open(path), true);
    }

    /** How batch sizes are chosen (default: {@link AdaptiveChunkStrategy#defaults()}). */
    public AdaptiveStreamingReader withChunkStrategy(ChunkStrategy strategy) {
        this.strategy = java.util.Objects.requireNonNull(strategy, "strategy");
        return this;
    }

    /**
     * Skips row groups the predicate rules out and keeps only matching rows of each batch. A
     * {@link RowPredicate} is bound to this file's columns first (literals converted to the column
     * types); its columns need not be among the selected ones.
     *
     * @throws dev.streamingadaptive.predicate.PredicateBindingException for an unknown column or a
     *         literal that cannot be compared with its column
     */
    public AdaptiveStreamingReader withPredicate(PredicatePushdown predicate) {
        this.predicate = predicate instanceof RowPredicate rp ? rp.bind(reader.fullSchema()) : predicate;
        return this;
    }

    /** Reads only these top-level columns, in this order. */
    public AdaptiveStreamingReader withColumns(String... names) {
        reader.withColumns(names);
        return this;
    }

    /** Where available memory comes from and batches are accounted (default: {@link MemoryManager#system()}). */
    public AdaptiveStreamingReader withMemoryManager(MemoryManager memory) {
        this.memory = java.util.Objects.requireNonNull(memory, "memory");
        reader.withMemoryManager(memory);
        return this;
    }

    /** Stops after {@code rows} rows (after the predicate). */
    public AdaptiveStreamingReader withRowLimit(long rows) {
        if (rows < 0) throw new IllegalArgumentException("row limit must not be negative, got " + rows);
        this.rowLimit = rows;
        return this;
    }

    /** Decoding threads (default: all cores); the columns of each batch are decoded in parallel. */
    public AdaptiveStreamingReader withThreads(int threads) {
        reader.withThreads(threads);
        return this;
    }

    /**
     * What the scans of this reader read and skipped so far (row groups per pruning level, pages,
     * rows decoded and matched).
     */
    public ScanStatistics scanStatistics() {
        return statistics;
    }

    /**
     * Also counts the data pages of pruned row groups (by walking their page headers), so that
     * {@link ScanStatistics} reports pages read out of all pages; off by default.
     */
    public AdaptiveStreamingReader withFullPageCounts(boolean count) {
        this.countAllPages = count;
        return this;
    }

    /** Output schema of the selected columns. */
    public Schema schema() {
        return reader.schema();
    }

    /** The underlying row-group reader (metadata, row groups). */
    public MmapParquetReader reader() {
        return reader;
    }

    /** Bytes needed to materialise the selected columns of the whole file (estimated from the footer). */
    public long estimateMemoryRequired() {
        return reader.estimateMemoryRequired();
    }

    /** The batches, read lazily; close the stream (or exhaust it) to release the current batch. */
    public Stream<DataFrame> stream() {
        BatchIterator it = new BatchIterator(strategy);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(it::release);
    }

    /** The batches, read lazily. */
    @Override
    public Iterator<DataFrame> iterator() {
        return new BatchIterator(strategy);
    }

    /**
     * The whole (projected, filtered, limited) file as one frame.
     *
     * @throws MemoryBudgetExceededException when the estimate exceeds what the MemoryManager has
     */
    public DataFrame collect() {
        checkFits("collect() of " + reader.fileName());
        if (predicate == null && rowLimit == Long.MAX_VALUE) return reader.readAll();
        List<DataFrame> batches = new ArrayList<>();
        try (Stream<DataFrame> s = stream()) {
            s.forEach(batches::add);
        }
        return batches.isEmpty() ? emptyResult() : concat(batches);
    }

    /**
     * No row matched: a frame of the selected columns with no rows. The column types come from
     * decoding the smallest row group (only in this case, and bounded by one row group).
     */
    private DataFrame emptyResult() {
        if (reader.numRowGroups() == 0) return reader.readAll();
        int smallest = 0;
        for (int g = 1; g < reader.numRowGroups(); g++) if (reader.rowGroupRows(g) < reader.rowGroupRows(smallest)) smallest = g;
        return reader.readRowGroup(smallest).head(0);
    }

    /**
     * All batches, each at most about {@code maxMemoryMb} MB decoded ({@code null}: sized from the
     * available memory like {@link #stream()}).
     *
     * @throws MemoryBudgetExceededException when the whole file cannot fit
     */
    public List<DataFrame> collectBatchesAdaptive(Integer maxMemoryMb) {
        checkFits("collectBatchesAdaptive() of " + reader.fileName());
        ChunkStrategy s = strategy;
        MemoryManager m = memory;
        if (maxMemoryMb != null) {
            if (maxMemoryMb < 1) throw new IllegalArgumentException("maxMemoryMb must be at least 1, got " + maxMemoryMb);
            // Each batch sees a budget of maxMemoryMb whatever is already collected.
            AdaptiveChunkStrategy perBatch = new AdaptiveChunkStrategy(1, 1_000_000, 1.0);
            perBatch.estimateRowBytes(estimatedRowBytes());
            s = perBatch;
            m = MemoryManager.fixed((long) maxMemoryMb << 20);
        }
        List<DataFrame> out = new ArrayList<>();
        BatchIterator it = new BatchIterator(s, m, true);
        try {
            while (it.hasNext()) out.add(it.next());
        } finally {
            it.release();
        }
        return out;
    }

    private void checkFits(String what) {
        long need = estimateMemoryRequired();
        long total = reader.totalRows();
        if (predicate == null && rowLimit < total && total > 0) {
            // Only the first rowLimit rows are read: scale the estimate (rounded up).
            need = (long) Math.ceil(need * ((double) rowLimit / total));
        }
        long available = memory.availableBytes();
        if (need > available) {
            throw new MemoryBudgetExceededException(what, need, available, "read it with stream() instead");
        }
    }

    private long estimatedRowBytes() {
        long rows = reader.totalRows();
        return rows == 0 ? 1 : Math.max(1, estimateMemoryRequired() / rows);
    }

    /** The frames one after another (at least one, all with the same columns). */
    static DataFrame concat(List<DataFrame> parts) {
        if (parts.size() == 1) return parts.get(0);
        int width = parts.get(0).width();
        List<Column> columns = new ArrayList<>(width);
        long rows = 0;
        for (DataFrame p : parts) rows += p.height();
        if (rows > Integer.MAX_VALUE - 16) throw new MemoryBudgetExceededException("one frame", rows, Integer.MAX_VALUE, "use stream()");
        for (int c = 0; c < width; c++) {
            List<Column> pieces = new ArrayList<>(parts.size());
            for (DataFrame p : parts) pieces.add(p.column(c));
            columns.add(ColumnConcat.concat(pieces));
        }
        return new DataFrame(columns, (int) rows);
    }

    /** Unmaps the file. */
    @Override
    public void close() {
        if (ownsReader) reader.close();
    }

    /** Below one matching row in this many, other columns are read only around the matches. */
    private static final int SPARSE_FRACTION = 8;

    /** Produces batches on demand; holds at most the current batch's reservation. */
    private final class BatchIterator implements Iterator<DataFrame> {
        private final ChunkStrategy strategy;
        private final MemoryManager memory;
        /** collectBatchesAdaptive keeps every batch: the budget applies per batch, nothing is released early. */
        private final boolean perBatchBudget;
        private final Runnable onPressure;
        private final ScanPlan plan = ScanPlan.of(reader, predicate);
        private int group = firstGroup - 1;
        private long rowsLeftInGroup;
        private long groupRows;
        /** The rows of the current row group the page index leaves, or null for all; and the next range to visit. */
        private RowRanges ranges;
        private int rangeIndex;
        private List<FieldCursor> cursors = List.of();
        private long emitted;
        private DataFrame next;
        /** Slices of a batch that came out larger than the budget, emitted one by one. */
        private final java.util.ArrayDeque<DataFrame> pending = new java.util.ArrayDeque<>();
        private MemoryManager.Reservation current;
        private boolean done;

        BatchIterator(ChunkStrategy strategy) {
            this(strategy, AdaptiveStreamingReader.this.memory, false);
        }

        BatchIterator(ChunkStrategy strategy, MemoryManager memory, boolean perBatchBudget) {
            this.strategy = strategy;
            this.memory = memory;
            this.perBatchBudget = perBatchBudget;
            strategy.estimateRowBytes(estimatedRowBytes());
            this.onPressure = strategy instanceof AdaptiveChunkStrategy a ? a::onPressure : () -> { };
            memory.addPressureListener(onPressure);
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) next = produce();
            return next != null;
        }

        @Override
        public DataFrame next() {
            if (!hasNext()) throw new NoSuchElementException();
            DataFrame out = next;
            next = null;
            return out;
        }

        void release() {
            if (current != null) current.close();
            current = null;
            if (!done) {
                done = true;
                finishGroup();
                memory.removePressureListener(onPressure);
            }
        }

        private DataFrame produce() {
            if (current != null && !perBatchBudget) {
                current.close();
                current = null;
            }
            if (!pending.isEmpty()) return emit(pending.poll());
            while (true) {
                if (emitted >= rowLimit) {
                    release();
                    return null;
                }
                long available = available();
                if (strategy instanceof AdaptiveChunkStrategy a && a.rowsFitting(available) == 0) {
                    throw new MemoryBudgetExceededException("one row of " + reader.fileName(), (long) Math.ceil(a.bytesPerRow()),
                            available, "raise the memory limit or select fewer columns");
                }
                int target = strategy.calculateChunkSize(available, remainingRows());
                if (target <= 0) {
                    release();
                    return null;
                }
                List<DataFrame> pieces = new ArrayList<>();
                int have = 0;
                boolean any = false;
                long decodedBytes = 0;
                boolean allDecoded = true;
                while (have < target) {
                    if (rowsLeftInGroup == 0 && !advanceGroup()) break;
                    any = true;
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
                if (!any) {
                    release();
                    return null;
                }
                // Only a fully decoded batch tells the strategy what a row costs.
                if (allDecoded) strategy.observe(have, decodedBytes);
                if (pieces.isEmpty()) continue;
                DataFrame batch = concat(pieces);
                if (batch.height() > rowLimit - emitted) batch = batch.head((int) (rowLimit - emitted));
                if (batch.height() == 0) continue;
                long bytes = batch.estimatedBytes();
                if (bytes > available && batch.height() > 1) {
                    // The estimate was low: cut the batch so that each piece fits the budget.
                    int slices = (int) Math.min(batch.height(), (bytes + available - 1) / Math.max(1, available));
                    int per = (batch.height() + slices - 1) / slices;
                    for (int at = 0; at < batch.height(); at += per) pending.add(batch.slice(at, Math.min(per, batch.height() - at)));
                    return emit(pending.poll());
                }
                return emit(batch);
            }
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
                statistics.rowsSkippedByPageIndex += gap;
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
            statistics.rowsDecoded += rows;
            if (plan.rowPredicate() == null) {
                DataFrame all = readRows(cursors, rows);
                long bytes = all.estimatedBytes();
                if (predicate != null) all = predicate.apply(all);
                statistics.rowsMatched += all.height();
                return new Part(all, bytes, true);
            }
            List<FieldCursor> filterCursors = plan.pick(cursors, plan.filterFields());
            List<FieldCursor> otherCursors = plan.pick(cursors, plan.otherFields());
            DataFrame filterFrame = readRows(filterCursors, rows);
            boolean[] mask = plan.rowPredicate().matches(filterFrame);
            int matched = 0;
            for (boolean m : mask) if (m) matched++;
            statistics.rowsMatched += matched;
            long bytes = filterFrame.estimatedBytes();
            if (matched == 0) {
                for (FieldCursor c : otherCursors) c.skip(rows);
                return new Part(null, bytes, otherCursors.isEmpty());
            }
            if (matched * SPARSE_FRACTION < rows) return sparsePart(filterFrame, mask, otherCursors, rows, bytes);
            DataFrame otherFrame = readRows(otherCursors, rows);
            bytes += otherFrame.estimatedBytes();
            return new Part(Rows.keep(outputFrame(filterFrame, otherFrame, rows), mask), bytes, true);
        }

        /**
         * Few rows match: the other columns are read run by run (skipping in between), so pages
         * holding no matching row are never decompressed.
         */
        private Part sparsePart(DataFrame filterFrame, boolean[] mask, List<FieldCursor> otherCursors, int rows, long bytes) {
            List<Column> others = new ArrayList<>(otherCursors.size());
            for (FieldCursor c : otherCursors) {
                List<Column> parts = new ArrayList<>();
                int at = 0;
                for (int i = 0; i < rows; ) {
                    if (!mask[i]) { i++; continue; }
                    int start = i;
                    while (i < rows && mask[i]) i++;
                    if (start > at) c.skip(start - at);
                    parts.add(c.take(i - start));
                    at = i;
                }
                if (rows > at) c.skip(rows - at);
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

        private DataFrame emit(DataFrame batch) {
            emitted += batch.height();
            current = memory.reserve(batch.estimatedBytes(), batch);
            return batch;
        }

        private long remainingRows() {
            long rows = rowsLeftInGroup;
            for (int g = group + 1; g < endGroup; g++) rows += reader.rowGroupRows(g);
            return predicate == null ? Math.min(rows, rowLimit - emitted) : rows;
        }

        /** Moves to the next row group the predicate does not rule out; false at the end. */
        private boolean advanceGroup() {
            finishGroup();
            while (++group < endGroup) {
                RowGroup rg = reader.metadata().rowGroups().get(group);
                if (rg.numRows() <= 0) continue;
                statistics.rowGroupsTotal++;
                RowGroupPruning.Decision decision = predicate == null ? new RowGroupPruning.Decision(RowGroupPruning.Verdict.READ, null)
                        : RowGroupPruning.check(reader, group, predicate, plan.rowPredicate());
                if (decision.verdict() != RowGroupPruning.Verdict.READ) {
                    switch (decision.verdict()) {
                        case STATISTICS -> statistics.rowGroupsPrunedByStatistics++;
                        case BLOOM_FILTER -> statistics.rowGroupsPrunedByBloomFilter++;
                        case DICTIONARY -> statistics.rowGroupsPrunedByDictionary++;
                        case PAGE_INDEX -> statistics.rowGroupsPrunedByPageIndex++;
                        default -> { }
                    }
                    if (countAllPages) statistics.pagesSkipped += RowGroupPruning.dataPages(reader, group, plan.scanFields());
                    continue;
                }
                statistics.rowGroupsRead++;
                rowsLeftInGroup = rg.numRows();
                groupRows = rg.numRows();
                ranges = decision.rows();
                rangeIndex = 0;
                List<FieldCursor> next = new ArrayList<>(plan.scanFields().size());
                for (FieldPlan f : plan.scanFields()) next.add(new FieldCursor(group, rg, f));
                cursors = next;
                return true;
            }
            cursors = List.of();
            return false;
        }

        /** Adds the finished row group's page counts to the statistics. */
        private void finishGroup() {
            for (FieldCursor c : cursors) {
                if (countAllPages) c.skipRest();
                statistics.pagesDecoded += c.pagesDecoded();
                statistics.pagesSkipped += c.pagesSkipped();
            }
            cursors = List.of();
        }

        private DataFrame readRows(List<FieldCursor> which, int rows) {
            List<Column> columns = new ArrayList<>(which.size());
            java.util.concurrent.ForkJoinPool pool = which.size() > 1 ? reader.decodePool() : null;
            if (pool == null) {
                for (FieldCursor c : which) columns.add(c.take(rows));
            } else {
                // Cursors are independent: decode the columns of this batch in parallel.
                List<java.util.concurrent.Future<Column>> tasks = new ArrayList<>(which.size());
                for (FieldCursor c : which) tasks.add(pool.submit(() -> c.take(rows)));
                try {
                    for (var t : tasks) columns.add(MmapParquetReader.await(t));
                } catch (RuntimeException | Error e) {
                    for (var t : tasks) t.cancel(false);
                    throw e;
                }
            }
            return new DataFrame(columns, rows);
        }
    }

    /**
     * Hands out the rows of one field of one row group in order. Flat columns decode just enough
     * pages for each request; nested columns decode the row group's column once and slice it.
     * Skips are lazy: rows passed over are only decoded if a later request shares their page.
     */
    private final class FieldCursor {
        private final int group;
        private final RowGroup rg;
        private final FieldPlan plan;
        private final ColumnChunkReader chunk;
        private Column buffered;
        private int offset;
        private long pendingSkip;

        FieldCursor(int group, RowGroup rg, FieldPlan plan) {
            this.group = group;
            this.rg = rg;
            this.plan = plan;
            boolean flat = plan instanceof FieldPlan.Primitive p && p.node().repLevel() == 0;
            this.chunk = flat ? reader.chunkReader(group, ((FieldPlan.Primitive) plan).node()) : null;
        }

        int pagesDecoded() { return chunk == null ? 0 : chunk.pagesDecoded(); }

        int pagesSkipped() { return chunk == null ? 0 : chunk.pagesSkipped(); }

        /** Counts the pages never reached as skipped (walks their headers). */
        void skipRest() {
            if (chunk != null && chunk.hasMore()) chunk.skipPages(Long.MAX_VALUE);
        }

        /** Passes over the next {@code rows} rows (decoding nothing yet). */
        void skip(long rows) {
            pendingSkip += rows;
        }

        /** Applies pending skips: buffered rows first, then whole pages, then the start of a page. */
        private void applySkip() {
            long n = pendingSkip;
            pendingSkip = 0;
            if (chunk == null && buffered == null) buffered = reader.readField(group, rg, plan);
            n -= fromBuffer(n, null);
            if (n == 0 || chunk == null) return;
            n -= chunk.skipPages(n);
            if (n == 0) return;
            buffered = decodeNext((int) n);
            offset = 0;
            if (buffered.size() < n) {
                throw new ParquetFormatException("column chunk ended before the row group's rows", reader.fileName(), group, plan.name(), -1, null);
            }
            fromBuffer(n, null);
        }

        Column take(int rows) {
            if (pendingSkip > 0) applySkip();
            // A nested column is decoded once for the row group and sliced; a flat one page by page.
            if (chunk == null && buffered == null) buffered = reader.readField(group, rg, plan);
            List<Column> parts = new ArrayList<>(2);
            int have = fromBuffer(rows, parts);
            while (have < rows) {
                buffered = decodeNext(rows - have);
                offset = 0;
                have += fromBuffer(rows - have, parts);
            }
            return parts.size() == 1 ? parts.get(0) : ColumnConcat.concat(parts);
        }

        /**
         * Takes up to {@code max} rows from the decoded remainder, adding them to {@code into}
         * (null: passes over them); returns how many.
         */
        private int fromBuffer(long max, List<Column> into) {
            if (buffered == null) return 0;
            int k = (int) Math.min(max, buffered.size() - offset);
            if (into != null) into.add(offset == 0 && k == buffered.size() ? buffered : buffered.slice(offset, k));
            offset += k;
            if (offset == buffered.size()) {
                buffered = null;
                offset = 0;
            }
            return k;
        }

        /** Decodes whole pages holding at least {@code rows} more rows (fewer only at the chunk's end). */
        private Column decodeNext(int rows) {
            if (chunk == null || !chunk.hasMore()) {
                throw new ParquetFormatException("column chunk ended before the row group's rows", reader.fileName(), group, plan.name(), -1, null);
            }
            LeafData d = chunk.readPages(rows);
            try {
                return new Assembler(i -> d, d.levelCount()).assemble(plan);
            } catch (ParquetFormatException e) {
                throw e.withContext(reader.fileName(), group, plan.name(), -1);
            }
        }
    }
}
