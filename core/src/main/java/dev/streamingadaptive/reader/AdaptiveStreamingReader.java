package dev.streamingadaptive.reader;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.memory.AdaptiveChunkStrategy;
import dev.streamingadaptive.memory.ChunkStrategy;
import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.predicate.PredicatePushdown;
import dev.streamingadaptive.scan.Frames;
import dev.streamingadaptive.scan.MemoryFit;
import dev.streamingadaptive.scan.RowGroupBatches;
import dev.streamingadaptive.scan.ScanCounters;
import dev.streamingadaptive.scan.ScanPredicate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
 * A facade over the internal scan: batches come from {@code scan.RowGroupBatches}.
 */
public final class AdaptiveStreamingReader implements AutoCloseable, Iterable<DataFrame> {
    private final MmapParquetReader reader;
    private ChunkStrategy strategy = AdaptiveChunkStrategy.defaults();
    private ScanPredicate predicate;
    private long rowLimit = Long.MAX_VALUE;
    private final ScanCounters counters = new ScanCounters();
    private boolean countAllPages;

    private AdaptiveStreamingReader(MmapParquetReader reader) {
        this.reader = reader;
    }

    /** Maps the file and reads its footer (see {@link MmapParquetReader#open}). */
    public static AdaptiveStreamingReader open(Path path) {
        return new AdaptiveStreamingReader(MmapParquetReader.open(path));
    }

    /** How batch sizes are chosen (default: {@link AdaptiveChunkStrategy#defaults()}). */
    public AdaptiveStreamingReader withChunkStrategy(ChunkStrategy strategy) {
        this.strategy = java.util.Objects.requireNonNull(strategy, "strategy");
        return this;
    }

    /**
     * Skips row groups the predicate rules out and keeps only matching rows of each batch. A
     * {@link dev.streamingadaptive.predicate.RowPredicate} is bound to this file's columns first (literals converted to the column
     * types); its columns need not be among the selected ones.
     *
     * @throws dev.streamingadaptive.predicate.PredicateBindingException for an unknown column or a
     *         literal that cannot be compared with its column
     */
    public AdaptiveStreamingReader withPredicate(PredicatePushdown predicate) {
        ScanPredicate p = ScanPredicate.of(predicate);
        this.predicate = p == null ? null : p.bind(reader.fullSchema());
        return this;
    }

    /** Reads only these top-level columns, in this order. */
    public AdaptiveStreamingReader withColumns(String... names) {
        reader.withColumns(names);
        return this;
    }

    /** Where available memory comes from and batches are accounted (default: {@link MemoryManager#system()}). */
    public AdaptiveStreamingReader withMemoryManager(MemoryManager memory) {
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
        return new ScanStatistics(counters);
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
        RowGroupBatches it = batches(strategy, memory(), false);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(it::release);
    }

    /** The batches, read lazily. */
    @Override
    public Iterator<DataFrame> iterator() {
        return batches(strategy, memory(), false);
    }

    /** This reader's budget. */
    private MemoryManager memory() {
        return reader.context().memory();
    }

    /** The batches of the whole file, sized by {@code s} from {@code budget}. */
    private RowGroupBatches batches(ChunkStrategy s, MemoryManager budget, boolean perBatchBudget) {
        var source = new RowGroupBatches.Source(reader.file(), reader.selectedFields(), predicate, 0, reader.numRowGroups(), rowLimit,
                reader.verifyChecksums(), countAllPages, true);
        return new RowGroupBatches(source, s, budget, perBatchBudget, reader.context(), counters);
    }

    /**
     * The whole (projected, filtered, limited) file as one frame.
     *
     * @throws MemoryBudgetExceededException when the estimate exceeds what the MemoryManager has
     */
    public DataFrame collect() {
        checkFits("collect() of " + reader.file().fileName());
        if (predicate == null && rowLimit == Long.MAX_VALUE) return reader.readAll();
        List<DataFrame> batches = new ArrayList<>();
        try (Stream<DataFrame> s = stream()) {
            s.forEach(batches::add);
        }
        return batches.isEmpty() ? emptyResult() : Frames.concat(batches);
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
        checkFits("collectBatchesAdaptive() of " + reader.file().fileName());
        ChunkStrategy s = strategy;
        MemoryManager m = memory();
        if (maxMemoryMb != null) {
            if (maxMemoryMb < 1) throw new IllegalArgumentException("maxMemoryMb must be at least 1, got " + maxMemoryMb);
            // Each batch sees a budget of maxMemoryMb whatever is already collected.
            AdaptiveChunkStrategy perBatch = new AdaptiveChunkStrategy(1, 1_000_000, 1.0);
            perBatch.estimateRowBytes(estimatedRowBytes());
            s = perBatch;
            m = MemoryManager.fixed((long) maxMemoryMb << 20);
        }
        List<DataFrame> out = new ArrayList<>();
        RowGroupBatches it = batches(s, m, true);
        try {
            while (it.hasNext()) out.add(it.next());
        } finally {
            it.release();
        }
        return out;
    }

    private void checkFits(String what) {
        long need = estimateMemoryRequired();
        // Without a predicate only the first rowLimit rows are read.
        if (predicate == null) need = MemoryFit.limitedTo(need, reader.totalRows(), rowLimit);
        MemoryFit.require(need, memory(), what, "read it with stream() instead");
    }

    private long estimatedRowBytes() {
        long rows = reader.totalRows();
        return rows == 0 ? 1 : Math.max(1, estimateMemoryRequired() / rows);
    }

    /** Unmaps the file. */
    @Override
    public void close() {
        reader.close();
    }
}
