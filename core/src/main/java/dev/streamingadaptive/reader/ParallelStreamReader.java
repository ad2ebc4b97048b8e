package dev.streamingadaptive.reader;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.predicate.PredicatePushdown;
import dev.streamingadaptive.scan.DatasetPlan;
import dev.streamingadaptive.scan.DatasetPlanner;
import dev.streamingadaptive.scan.DatasetSchema;
import dev.streamingadaptive.scan.Frames;
import dev.streamingadaptive.scan.MemoryFit;
import dev.streamingadaptive.scan.PlannedFile;
import dev.streamingadaptive.scan.DatasetScan;
import dev.streamingadaptive.scan.ScanContext;
import dev.streamingadaptive.scan.ScanCounters;
import dev.streamingadaptive.scan.ScanPredicate;
import dev.streamingadaptive.scan.ScanRequest;
import dev.streamingadaptive.scan.WholeFileCollector;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads many Parquet files as one dataset, in parallel.
 *
 * <pre>{@code
 * try (var reader = ParallelStreamReader.fromGlob("data/trades-*.parquet").withMaxConcurrent(4)
 *         .withPredicate(new ComparisonPredicate("symbol", ComparisonPredicate.Op.EQ, "AAPL"))) {
 *     DataFrame all = reader.collectConcatenated();
 * }
 * }</pre>
 *
 * Work units are the row groups of all files, run on a work-stealing pool of {@link #withThreads}
 * threads, so cores stay busy when files differ in size. Each unit is a scan of one row group
 * like {@link AdaptiveStreamingReader}'s (pruning, late materialisation, batches sized by the
 * {@link MemoryManager}). Units are started only while the estimated bytes of
 * started-but-unconsumed units fit half the available memory (a quarter, an eighth… after memory
 * pressure), at most twice the thread count, and with at most {@link #withMaxConcurrent} files
 * mapped at once: a slow consumer holds the scan back instead of filling the heap.
 *
 * <p>Files under {@code key=value} folders get those keys as columns (hive partitioning); a
 * predicate on them alone skips whole files. Files must share a schema unless
 * {@link #withSchemaEvolution} allows missing columns (nulls) and widening types.
 *
 * <p>A facade over the internal scan: its settings are an immutable {@code scan.ScanRequest},
 * planned by {@code scan.DatasetPlanner} and run as a {@code scan.DatasetScan} (or, without
 * predicate and limit, by {@code scan.WholeFileCollector}) on this reader's {@code scan.ScanContext}.
 */
public final class ParallelStreamReader implements AutoCloseable {
    private ScanRequest request;
    private final ScanContext context = ScanContext.defaults();
    private int maxConcurrent = -1;
    private final Set<DatasetScan> scans = Collections.synchronizedSet(new HashSet<>());
    /** The plan, and the request it was made for (a new projection, predicate or policy plans again). */
    private DatasetPlan plan;
    private ScanRequest planned;

    /** A file left out of a scan by {@link #skipUnreadableFiles()}, and why. */
    public record SkippedFile(Path path, String reason) {}

    /** These files, in this order (the order of {@link #stream()} and {@link #collectParallel()}). */
    public ParallelStreamReader(List<Path> files) {
        this(files, commonParent(files));
    }

    private ParallelStreamReader(List<Path> files, Path root) {
        this.request = ScanRequest.of(files, root);
    }

    /**
     * The files a glob names ({@code *}, {@code ?}, {@code [..]}, {@code {a,b}}, {@code **} for any
     * depth), sorted; a directory means every {@code *.parquet} file below it.
     *
     * @throws UncheckedIOException (wrapping NoSuchFileException) when nothing matches
     */
    public static ParallelStreamReader fromGlob(String pattern) {
        return new ParallelStreamReader(ParquetFiles.expand(pattern), ParquetFiles.root(pattern));
    }

    /** Every {@code *.parquet} file below {@code dir} (hidden and {@code _} entries ignored), sorted. */
    public static ParallelStreamReader fromDirectory(Path dir) {
        return fromGlob(dir.toString());
    }

    /** Only these columns (file columns, partition keys or the file path column), in this order. */
    public ParallelStreamReader withColumns(String... names) {
        request = request.withColumns(names == null ? null : List.of(names));
        return this;
    }

    /** Keeps only matching rows; row groups, pages and (for partition keys) whole files are pruned. */
    public ParallelStreamReader withPredicate(PredicatePushdown predicate) {
        request = request.withPredicate(ScanPredicate.of(predicate));
        return this;
    }

    /**
     * Stops after {@code rows} rows (after the predicate): streams end, and {@link #collectParallel()}
     * and {@link #collectConcatenated()} hold at most that many rows, the first ones in file order.
     * Units are not started once the limit is reached.
     */
    public ParallelStreamReader withRowLimit(long rows) {
        request = request.withRowLimit(rows);
        return this;
    }

    /** Threads decoding row groups (default: the number of available processors). */
    public ParallelStreamReader withThreads(int threads) {
        context.threads(threads);
        return this;
    }

    /** At most this many files open (mapped) at once (default: twice the threads, at least 4). */
    public ParallelStreamReader withMaxConcurrent(int files) {
        if (files < 1) throw new IllegalArgumentException("maxConcurrent must be at least 1, got " + files);
        this.maxConcurrent = files;
        return this;
    }

    /** The memory budget that sizes batches and bounds the work in flight (default: system). */
    public ParallelStreamReader withMemoryManager(MemoryManager memory) {
        context.memory(memory);
        return this;
    }

    /**
     * Whether files may differ in schema: columns missing from a file read as nulls and
     * integer/float columns widen to a common type. Off by default: a difference is a
     * {@link SchemaMismatchException} naming both files and the column.
     */
    public ParallelStreamReader withSchemaEvolution(boolean allow) {
        request = request.withSchemaEvolution(allow);
        return this;
    }

    /** See {@link AdaptiveStreamingReader#withFullPageCounts}: statistics count the pages of pruned row groups too. */
    public ParallelStreamReader withFullPageCounts(boolean count) {
        request = request.withFullPageCounts(count);
        return this;
    }

    /** Whether page CRCs are verified where the writer stored them (default: true). */
    public ParallelStreamReader withChecksumVerification(boolean verify) {
        request = request.withChecksumVerification(verify);
        return this;
    }

    /** Whether {@code key=value} folders become columns (default: true). */
    public ParallelStreamReader withHivePartitioning(boolean enabled) {
        request = request.withHivePartitioning(enabled);
        return this;
    }

    /**
     * Types for hive partition keys instead of inferring them (INT32, INT64, FLOAT64, BOOLEAN,
     * DATE or STRING); keys not named here are still inferred. A folder value that does not parse
     * as its type fails the scan naming the file.
     */
    public ParallelStreamReader withHivePartitionTypes(Map<String, DataType> types) {
        request = request.withPartitionTypes(types);
        return this;
    }

    /** Adds a column with each row's file path (as given or matched). */
    public ParallelStreamReader includeFilePath(String columnName) {
        request = request.withFilePathColumn(Objects.requireNonNull(columnName, "columnName"));
        return this;
    }

    /**
     * Files that cannot be read (bad footer, corrupt pages, unreadable) are reported in
     * {@link #skippedFiles()} and left out instead of failing the scan. {@link #collectParallel()}
     * and {@link #collectConcatenated()} then hold nothing of them; a {@link #stream()} may already
     * have handed out row groups of a file that fails later.
     */
    public ParallelStreamReader skipUnreadableFiles() {
        request = request.withSkipUnreadable(true);
        return this;
    }

    /**
     * Reads only these splits of the dataset: their files (which must be among the dataset's; the root and hive
     * columns stay the dataset's) and, in each, only the split's row groups. Row counts from the footers,
     * estimates and batches then cover the splits alone.
     *
     * @throws IllegalArgumentException naming a split file that is not in the dataset
     */
    public ParallelStreamReader withSplit(java.util.List<FileSplit> splits) {
        Map<Path, dev.streamingadaptive.scan.ScanRequest.RowGroupRange> ranges = new java.util.LinkedHashMap<>();
        for (FileSplit s : splits) {
            if (ranges.put(s.file(), new dev.streamingadaptive.scan.ScanRequest.RowGroupRange(s.firstRowGroup(), s.endRowGroup())) != null) {
                throw new IllegalArgumentException("two splits of " + s.file() + "; give one range per file");
            }
        }
        request = request.withSplit(ranges);
        return this;
    }

    /** Whether {@link #withSplit} limits the row groups read (footer statistics then describe more than is read). */
    public boolean isSplit() {
        return !request.rowGroups().isEmpty();
    }

    /** The files that were skipped (see {@link #skipUnreadableFiles()}). */
    public List<SkippedFile> skippedFiles() {
        return context.skipped().stream().map(s -> new SkippedFile(s.path(), s.reason())).toList();
    }

    /** The files of this dataset, in order. */
    public List<Path> files() {
        return request.files();
    }

    /** The files a scan reads: those a predicate on partition keys does not rule out (and that open). */
    public List<Path> filesToRead() {
        return plan().files().stream().map(PlannedFile::path).toList();
    }

    /** Rows in the files a scan reads, before any predicate or limit (from the footers). */
    public long totalRows() {
        return plan().totalRows();
    }

    /** Row groups in the files a scan reads, before any predicate (from the footers). */
    public long totalRowGroups() {
        return totalRowGroups(plan());
    }

    /** The output schema: the (unified) file columns selected, then partition keys, then the file path. */
    public synchronized Schema schema() {
        // Planned already, or files may be skipped (their skips are recorded by planning): the plan's schema;
        // else the footers alone, without the decoded-size estimate a scan needs and a schema does not.
        if (request.skipUnreadable() || plan != null && planned.samePlanAs(request)) return plan().outputSchema();
        try {
            return DatasetPlanner.outputSchema(request);
        } catch (DatasetSchema.Mismatch e) {
            throw new SchemaMismatchException(e.getMessage());
        }
    }

    /**
     * From now on every count of this reader's scans is also added to {@code into} as it happens,
     * so that another thread can show the progress of one or several readers (the statistics of
     * {@link #scanStatistics()} stay this reader's own).
     */
    public ParallelStreamReader withStatistics(ScanStatistics into) {
        context.counters().alsoCountInto(into.counters());
        return this;
    }

    /** Row groups, pages and rows read and pruned, summed over every scan of this reader so far. */
    public ScanStatistics scanStatistics() {
        return new ScanStatistics(context.counters().copy());
    }

    /** The batches in file order (and row-group order within a file); close the stream to stop early. */
    public Stream<DataFrame> stream() {
        return frames(ScanRequest.Order.FILE_ORDER);
    }

    /** The batches in the order they finish decoding: faster when order does not matter. */
    public Stream<DataFrame> streamUnordered() {
        return frames(ScanRequest.Order.AS_READY);
    }

    /**
     * One frame per file, in path order (files left out by a partition predicate are left out here
     * too; a file without matching rows gives an empty frame).
     *
     * @throws MemoryBudgetExceededException when the files' decoded size does not fit (without a predicate)
     */
    public List<DataFrame> collectParallel() {
        DatasetPlan p = plan();
        ScanRequest r = request.withOrder(ScanRequest.Order.FILE_ORDER);
        checkFits(p, r);
        if (r.predicate() == null && r.rowLimit() == Long.MAX_VALUE && r.rowGroups().isEmpty()) {
            countPlanned(p);
            return WholeFileCollector.collect(p, r, context);
        }
        Map<Integer, List<DataFrame>> perFile = new LinkedHashMap<>();
        for (PlannedFile f : p.files()) perFile.put(f.index(), new ArrayList<>());
        try (DatasetScan scan = scheduler(p, r)) {
            while (scan.hasNext()) {
                DatasetScan.UnitResult u = scan.next();
                perFile.get(u.file()).addAll(u.frames());
            }
        }
        Set<Path> bad = new HashSet<>();
        for (SkippedFile s : skippedFiles()) bad.add(s.path());
        List<DataFrame> out = new ArrayList<>();
        for (PlannedFile f : p.files()) {
            if (bad.contains(f.path())) continue;
            out.add(Frames.concat(perFile.get(f.index()), p.outputSchema()));
        }
        return out;
    }

    /**
     * All files as one frame, in file order.
     *
     * @throws MemoryBudgetExceededException when the files' decoded size does not fit (without a predicate)
     */
    public DataFrame collectConcatenated() {
        return Frames.concat(collectParallel(), plan().outputSchema());
    }

    /** Stops every scan still running and unmaps their files. */
    @Override
    public void close() {
        List<DatasetScan> open;
        synchronized (scans) {
            open = new ArrayList<>(scans);
        }
        for (DatasetScan s : open) s.close();
        context.close();
    }

    private Stream<DataFrame> frames(ScanRequest.Order order) {
        DatasetScan scan = scheduler(plan(), request.withOrder(order));
        Iterator<DataFrame> it = new Iterator<>() {
            private Iterator<DataFrame> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (!scan.hasNext()) return false;
                    current = scan.next().frames().iterator();
                }
                return true;
            }

            @Override
            public DataFrame next() {
                if (!hasNext()) throw new NoSuchElementException();
                return current.next();
            }
        };
        int flags = Spliterator.NONNULL | (order == ScanRequest.Order.FILE_ORDER ? Spliterator.ORDERED : 0);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, flags), false).onClose(scan::close);
    }

    /** One pass over the plan, registered so that {@link #close()} can stop it. */
    private DatasetScan scheduler(DatasetPlan p, ScanRequest r) {
        int maxFiles = maxConcurrent > 0 ? maxConcurrent : Math.max(4, 2 * context.threads());
        countPlanned(p);
        DatasetScan[] self = new DatasetScan[1];
        DatasetScan s = DatasetScan.start(p, r, context, maxFiles, () -> scans.remove(self[0]));
        self[0] = s;
        scans.add(s);
        return s;
    }

    /** Adds the row groups a pass over {@code p} will visit to the statistics (the whole of a progress bar). */
    private void countPlanned(DatasetPlan p) {
        context.counters().add(ScanCounters.Counter.ROW_GROUPS_PLANNED, totalRowGroups(p));
    }

    private static long totalRowGroups(DatasetPlan p) {
        long groups = 0;
        for (PlannedFile f : p.files()) groups += f.rowGroupRows().length;
        return groups;
    }

    /** Without a predicate everything selected is decoded: it must fit (the first rowLimit rows when limited). */
    private void checkFits(DatasetPlan p, ScanRequest r) {
        if (r.predicate() != null) return;
        long need = MemoryFit.limitedTo(p.estimatedBytes(), p.totalRows(), r.rowLimit());
        MemoryFit.require(need, context.memory(), "collecting " + p.files().size() + " files", "read them with stream() instead");
    }

    /** The plan of the current request (made again when the request changed what it plans). */
    synchronized DatasetPlan plan() {
        if (plan == null || !planned.samePlanAs(request)) {
            try {
                plan = DatasetPlanner.plan(request, context);
            } catch (DatasetSchema.Mismatch e) {
                throw new SchemaMismatchException(e.getMessage());
            }
            planned = request;
        }
        return plan;
    }

    private static Path commonParent(List<Path> files) {
        if (files.isEmpty()) return Path.of("");
        Path common = files.get(0).toAbsolutePath().normalize().getParent();
        for (Path f : files) {
            Path parent = f.toAbsolutePath().normalize().getParent();
            while (common != null && !parent.startsWith(common)) common = common.getParent();
        }
        return common == null ? Path.of("/") : common;
    }
}
