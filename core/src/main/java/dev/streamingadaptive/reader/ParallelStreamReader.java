package dev.streamingadaptive.reader;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.NullColumn;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.predicate.AndPredicate;
import dev.streamingadaptive.predicate.PredicatePushdown;
import dev.streamingadaptive.predicate.RowPredicate;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
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
 * threads, so cores stay busy when files differ in size. Each unit is an
 * {@link AdaptiveStreamingReader} scan of one row group (pruning, late materialisation, batches
 * sized by the {@link MemoryManager}). Units are started only while the estimated bytes of
 * started-but-unconsumed units fit half the available memory (a quarter, an eighth… after memory
 * pressure), at most twice the thread count, and with at most {@link #withMaxConcurrent} files
 * mapped at once: a slow consumer holds the scan back instead of filling the heap.
 *
 * <p>Files under {@code key=value} folders get those keys as columns (hive partitioning); a
 * predicate on them alone skips whole files. Files must share a schema unless
 * {@link #withSchemaEvolution} allows missing columns (nulls) and widening types.
 */
public final class ParallelStreamReader implements AutoCloseable {
    private final List<Path> files;
    private final Path root;
    private List<String> columns;
    private PredicatePushdown predicate;
    private int threads = Runtime.getRuntime().availableProcessors();
    private int maxConcurrent = -1;
    private MemoryManager memory = MemoryManager.system();
    private boolean schemaEvolution;
    private boolean hivePartitioning = true;
    private Map<String, DataType> givenPartitionTypes = Map.of();
    private String filePathColumn;
    private boolean skipUnreadable;
    private boolean verifyChecksums = true;
    private boolean countAllPages;
    private final List<SkippedFile> skipped = Collections.synchronizedList(new ArrayList<>());
    private final ScanStatistics statistics = new ScanStatistics();
    private final Set<Scan> scans = Collections.synchronizedSet(new HashSet<>());
    private Plan plan;

    /** A file left out of a scan by {@link #skipUnreadableFiles()}, and why. */
    public record SkippedFile(Path path, String reason) {}

    /** These files, in this order (the order of {@link #stream()} and {@link #collectParallel()}). */
    public ParallelStreamReader(List<Path> files) {
        this(files, commonParent(files));
    }

    private ParallelStreamReader(List<Path> files, Path root) {
        if (files.isEmpty()) throw new IllegalArgumentException("no files to read");
        this.files = List.copyOf(files);
        this.root = root;
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
        this.columns = names == null || names.length == 0 ? null : List.of(names);
        plan = null;
        return this;
    }

    /** Keeps only matching rows; row groups, pages and (for partition keys) whole files are pruned. */
    public ParallelStreamReader withPredicate(PredicatePushdown predicate) {
        this.predicate = predicate;
        plan = null;
        return this;
    }

    /** Threads decoding row groups (default: the number of available processors). */
    public ParallelStreamReader withThreads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        this.threads = threads;
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
        this.memory = java.util.Objects.requireNonNull(memory, "memory");
        return this;
    }

    /**
     * Whether files may differ in schema: columns missing from a file read as nulls and
     * integer/float columns widen to a common type. Off by default: a difference is a
     * {@link SchemaMismatchException} naming both files and the column.
     */
    public ParallelStreamReader withSchemaEvolution(boolean allow) {
        this.schemaEvolution = allow;
        plan = null;
        return this;
    }

    /** See {@link AdaptiveStreamingReader#withFullPageCounts}: statistics count the pages of pruned row groups too. */
    public ParallelStreamReader withFullPageCounts(boolean count) {
        this.countAllPages = count;
        return this;
    }

    /** Whether page CRCs are verified where the writer stored them (default: true). */
    public ParallelStreamReader withChecksumVerification(boolean verify) {
        this.verifyChecksums = verify;
        return this;
    }

    /** Whether {@code key=value} folders become columns (default: true). */
    public ParallelStreamReader withHivePartitioning(boolean enabled) {
        this.hivePartitioning = enabled;
        plan = null;
        return this;
    }

    /**
     * Types for hive partition keys instead of inferring them (INT32, INT64, FLOAT64, BOOLEAN,
     * DATE or STRING); keys not named here are still inferred. A folder value that does not parse
     * as its type fails the scan naming the file.
     */
    public ParallelStreamReader withHivePartitionTypes(Map<String, DataType> types) {
        for (var kv : types.entrySet()) {
            if (!HivePartitions.supported(kv.getValue())) {
                throw new IllegalArgumentException("partition column " + kv.getKey() + " cannot be " + kv.getValue()
                        + " (INT32, INT64, FLOAT64, BOOLEAN, DATE or STRING)");
            }
        }
        this.givenPartitionTypes = Map.copyOf(types);
        plan = null;
        return this;
    }

    /** Adds a column with each row's file path (as given or matched). */
    public ParallelStreamReader includeFilePath(String columnName) {
        this.filePathColumn = java.util.Objects.requireNonNull(columnName, "columnName");
        plan = null;
        return this;
    }

    /**
     * Files that cannot be read (bad footer, corrupt pages, unreadable) are reported in
     * {@link #skippedFiles()} and left out instead of failing the scan. {@link #collectParallel()}
     * and {@link #collectConcatenated()} then hold nothing of them; a {@link #stream()} may already
     * have handed out row groups of a file that fails later.
     */
    public ParallelStreamReader skipUnreadableFiles() {
        this.skipUnreadable = true;
        plan = null;
        return this;
    }

    /** The files that were skipped (see {@link #skipUnreadableFiles()}). */
    public List<SkippedFile> skippedFiles() {
        synchronized (skipped) {
            return List.copyOf(skipped);
        }
    }

    /** The files of this dataset, in order. */
    public List<Path> files() {
        return files;
    }

    /** The files a scan reads: those a predicate on partition keys does not rule out (and that open). */
    public List<Path> filesToRead() {
        return plan().files().stream().map(FileEntry::path).toList();
    }

    /** The output schema: the (unified) file columns selected, then partition keys, then the file path. */
    public Schema schema() {
        return plan().outputSchema();
    }

    /** Row groups, pages and rows read and pruned, summed over every scan of this reader so far. */
    public ScanStatistics scanStatistics() {
        synchronized (statistics) {
            return new ScanStatistics().add(statistics);
        }
    }

    /** The batches in file order (and row-group order within a file); close the stream to stop early. */
    public Stream<DataFrame> stream() {
        return frames(true);
    }

    /** The batches in the order they finish decoding: faster when order does not matter. */
    public Stream<DataFrame> streamUnordered() {
        return frames(false);
    }

    /**
     * One frame per file, in path order (files left out by a partition predicate are left out here
     * too; a file without matching rows gives an empty frame).
     *
     * @throws MemoryBudgetExceededException when the files' decoded size does not fit (without a predicate)
     */
    public List<DataFrame> collectParallel() {
        Plan p = plan();
        checkFits(p);
        if (predicate == null) return collectWhole(p);
        Map<Integer, List<DataFrame>> perFile = new LinkedHashMap<>();
        for (FileEntry f : p.files()) perFile.put(f.index(), new ArrayList<>());
        try (Scan scan = new Scan(p, true)) {
            while (scan.hasNext()) {
                UnitResult r = scan.next();
                perFile.get(r.file()).addAll(r.frames());
            }
        }
        Set<Path> bad = skippedPaths();
        List<DataFrame> out = new ArrayList<>();
        for (FileEntry f : p.files()) {
            if (bad.contains(f.path())) continue;
            out.add(concat(perFile.get(f.index()), p.outputSchema()));
        }
        return out;
    }

    /**
     * All files as one frame, in file order.
     *
     * @throws MemoryBudgetExceededException when the files' decoded size does not fit (without a predicate)
     */
    public DataFrame collectConcatenated() {
        List<DataFrame> perFile = collectParallel();
        return concat(perFile, plan().outputSchema());
    }

    /**
     * Without a predicate every row is kept, so each file is decoded whole by
     * {@link MmapParquetReader#readAll()} straight into whole-file arrays (no per-row-group copies
     * to join). With many files, files are decoded side by side, one thread each; with few, one
     * after the other, each on all threads (its row group × column tasks share a work-stealing pool).
     */
    private List<DataFrame> collectWhole(Plan p) {
        List<FileEntry> todo = p.files();
        boolean filesInParallel = threads > 1 && todo.size() >= 2 * threads;
        int perFileThreads = filesInParallel ? 1 : threads;
        if (!filesInParallel) {
            List<DataFrame> out = new ArrayList<>();
            for (FileEntry f : todo) {
                DataFrame df = decodeWhole(p, f, perFileThreads);
                if (df != null) out.add(df);
            }
            return out;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "streaming-adaptive-scan-file");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<DataFrame>> futures = new ArrayList<>();
            for (FileEntry f : todo) futures.add(pool.submit(() -> decodeWhole(p, f, 1)));
            List<DataFrame> out = new ArrayList<>();
            for (var f : futures) {
                DataFrame df = MmapParquetReader.await(f);
                if (df != null) out.add(df);
            }
            return out;
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);   // no decoding thread outlives the call
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One file decoded whole and shaped, or null when it is unreadable and such files are skipped. */
    private DataFrame decodeWhole(Plan p, FileEntry f, int fileThreads) {
        try (MmapParquetReader r = MmapParquetReader.open(f.path()).withThreads(fileThreads).withChecksumVerification(verifyChecksums)
                .withMemoryManager(memory)) {
            List<String> need = new ArrayList<>();
            for (Field o : p.outputSchema().fields()) if (f.schema().indexOf(o.name()) >= 0) need.add(o.name());
            DataFrame df = need.isEmpty() ? emptyOfRows(r.totalRows()) : r.withColumns(need.toArray(String[]::new)).readAll();
            synchronized (statistics) {
                statistics.rowGroupsTotal += r.numRowGroups();
                statistics.rowGroupsRead += r.numRowGroups();
                statistics.rowsDecoded += df.height();
                statistics.rowsMatched += df.height();
            }
            return shape(p, df, f, null);
        } catch (ParquetFormatException | UncheckedIOException e) {
            if (!skipUnreadable) throw e;
            skipped.add(new SkippedFile(f.path(), e.getMessage()));
            return null;
        }
    }

    private static DataFrame emptyOfRows(long rows) {
        if (rows > Integer.MAX_VALUE - 16) throw new MemoryBudgetExceededException("one frame", rows, Integer.MAX_VALUE, "use stream()");
        return new DataFrame(List.of(), (int) rows);
    }

    /** Stops every scan still running and unmaps their files. */
    @Override
    public void close() {
        List<Scan> open;
        synchronized (scans) {
            open = new ArrayList<>(scans);
        }
        for (Scan s : open) s.close();
    }

    // ---------------------------------------------------------------------------------------

    private Stream<DataFrame> frames(boolean ordered) {
        Scan scan = new Scan(plan(), ordered);
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
        int flags = Spliterator.NONNULL | (ordered ? Spliterator.ORDERED : 0);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, flags), false).onClose(scan::close);
    }

    private Set<Path> skippedPaths() {
        Set<Path> out = new HashSet<>();
        for (SkippedFile s : skippedFiles()) out.add(s.path());
        return out;
    }

    private void checkFits(Plan p) {
        if (predicate != null) return;
        long need = 0;
        for (FileEntry f : p.files()) need += f.estimatedBytes();
        long available = memory.availableBytes();
        if (need > available) {
            throw new MemoryBudgetExceededException("collecting " + p.files().size() + " files", need, available,
                    "read them with stream() instead");
        }
    }

    private static DataFrame concat(List<DataFrame> parts, Schema schema) {
        if (!parts.isEmpty()) return AdaptiveStreamingReader.concat(parts);
        List<Column> empty = new ArrayList<>();
        for (Field f : schema.fields()) empty.add(new NullColumn(f.name(), f.type(), 0));
        return new DataFrame(empty, 0);
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

    // --- planning --------------------------------------------------------------------------

    /** One file of the dataset as the plan sees it. */
    record FileEntry(int index, Path path, Map<String, String> partitions, Schema schema, long[] rowGroupRows, long estimatedBytes) {}

    /**
     * What a scan does: the files left after partition pruning, the unified schema, and how the
     * predicate splits into what each file's reader prunes with and what is checked after adding
     * partition columns.
     */
    record Plan(List<FileEntry> files, List<Field> fileFields, Map<String, DataType> partitionTypes, Schema outputSchema,
                Schema shapedSchema, RowPredicate filePredicate, RowPredicate postPredicate, PredicatePushdown genericPredicate) {}

    synchronized Plan plan() {
        if (plan == null) plan = makePlan();
        return plan;
    }

    private Plan makePlan() {
        List<FileEntry> entries = new ArrayList<>();
        List<Path> readable = new ArrayList<>();
        List<Schema> schemas = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            try (MmapParquetReader r = MmapParquetReader.open(f)) {
                long[] rows = new long[r.numRowGroups()];
                for (int g = 0; g < rows.length; g++) rows[g] = r.rowGroupRows(g);
                Map<String, String> parts = hivePartitioning ? HivePartitions.of(root, f) : Map.of();
                Schema full = r.schema();   // before any projection
                long bytes = r.estimateMemoryRequired();
                if (columns != null) {
                    List<String> here = new ArrayList<>();
                    for (String c : columns) if (full.indexOf(c) >= 0) here.add(c);
                    bytes = here.isEmpty() ? 0 : r.withColumns(here.toArray(String[]::new)).estimateMemoryRequired();
                }
                entries.add(new FileEntry(i, f, parts, full, rows, bytes));
                readable.add(f);
                schemas.add(full);
            } catch (ParquetFormatException | UncheckedIOException e) {
                if (!skipUnreadable) throw e;
                skipped.add(new SkippedFile(f, e.getMessage()));
            }
        }
        if (entries.isEmpty()) throw new IllegalArgumentException("none of the " + files.size() + " files is readable: " + skippedFiles());
        List<Field> fileFields = DatasetSchema.unify(readable, schemas, schemaEvolution);
        Set<String> fileNames = new LinkedHashSet<>();
        for (Field f : fileFields) fileNames.add(f.name());

        Map<String, DataType> partitionTypes = new LinkedHashMap<>();
        Map<String, List<String>> partitionValues = new LinkedHashMap<>();
        for (FileEntry e : entries) {
            for (var kv : e.partitions().entrySet()) {
                if (fileNames.contains(kv.getKey())) continue;   // a file column wins over a folder name
                partitionValues.computeIfAbsent(kv.getKey(), k -> new ArrayList<>()).add(kv.getValue());
            }
        }
        for (var kv : partitionValues.entrySet()) {
            DataType given = givenPartitionTypes.get(kv.getKey());
            partitionTypes.put(kv.getKey(), given != null ? given : HivePartitions.inferType(kv.getValue()));
        }
        // Check every folder value against its type now, naming the file, rather than mid-scan.
        for (FileEntry e : entries) {
            for (var kv : partitionTypes.entrySet()) {
                try {
                    HivePartitions.constant(kv.getKey(), kv.getValue(), e.partitions().get(kv.getKey()), 0);
                } catch (IllegalArgumentException bad) {
                    throw new IllegalArgumentException(e.path() + ": " + bad.getMessage(), bad);
                }
            }
        }

        List<Field> available = new ArrayList<>(fileFields);
        for (var kv : partitionTypes.entrySet()) available.add(new Field(kv.getKey(), kv.getValue(), true));
        if (filePathColumn != null) available.add(new Field(filePathColumn, DataType.STRING, false));
        List<Field> output;
        if (columns == null) {
            output = available;
        } else {
            output = new ArrayList<>();
            for (String c : columns) {
                Field f = null;
                for (Field a : available) if (a.name().equals(c)) f = a;
                if (f == null) {
                    List<String> names = new ArrayList<>();
                    for (Field a : available) names.add(a.name());
                    throw new IllegalArgumentException("no column named '" + c + "' in the dataset; columns are " + names);
                }
                output.add(f);
            }
        }

        // Split the predicate: conjuncts on partition keys only choose files; conjuncts on file
        // columns only go to each file's reader; the rest is checked once partition columns exist.
        RowPredicate filePredicate = null;
        RowPredicate postPredicate = null;
        PredicatePushdown generic = null;
        List<RowPredicate> partitionOnly = new ArrayList<>();
        if (predicate instanceof RowPredicate rp) {
            for (RowPredicate c : conjuncts(rp)) {
                Set<String> cols = c.columns();
                if (!cols.isEmpty() && partitionTypes.keySet().containsAll(cols)) partitionOnly.add(c);
                else if (fileNames.containsAll(cols)) filePredicate = filePredicate == null ? c : new AndPredicate(filePredicate, c);
                else {
                    for (String col : cols) {
                        if (!fileNames.contains(col) && !partitionTypes.containsKey(col) && !col.equals(filePathColumn)) {
                            throw new IllegalArgumentException("unknown column '" + col + "' in the predicate " + rp + "; columns are "
                                    + available.stream().map(Field::name).toList());
                        }
                    }
                    postPredicate = postPredicate == null ? c : new AndPredicate(postPredicate, c);
                }
            }
        } else {
            generic = predicate;
        }

        // Bind what is evaluated on partition values or on shaped frames here; each file's reader
        // binds the rest to that file's own column types.
        Schema partitionSchema = new Schema(available.subList(fileFields.size(), fileFields.size() + partitionTypes.size()));
        partitionOnly.replaceAll(c -> c.bind(partitionSchema));
        if (postPredicate != null) postPredicate = postPredicate.bind(new Schema(available));
        List<FileEntry> kept = new ArrayList<>();
        for (FileEntry e : entries) {
            if (!partitionOnly.isEmpty()) {
                DataFrame values = partitionFrame(e, partitionTypes, 1);
                boolean match = true;
                for (RowPredicate c : partitionOnly) match &= c.evaluate(values, 0) == Boolean.TRUE;
                if (!match) continue;
            }
            kept.add(e);
        }
        return new Plan(kept, fileFields, partitionTypes, new Schema(output), new Schema(available), filePredicate, postPredicate, generic);
    }

    private static List<RowPredicate> conjuncts(RowPredicate p) {
        List<RowPredicate> out = new ArrayList<>();
        if (p instanceof AndPredicate a) {
            out.addAll(conjuncts(a.left()));
            out.addAll(conjuncts(a.right()));
        } else {
            out.add(p);
        }
        return out;
    }

    private static DataFrame partitionFrame(FileEntry e, Map<String, DataType> types, int rows) {
        List<Column> cols = new ArrayList<>();
        for (var kv : types.entrySet()) cols.add(HivePartitions.constant(kv.getKey(), kv.getValue(), e.partitions().get(kv.getKey()), rows));
        return new DataFrame(cols, rows);
    }

    // --- scanning --------------------------------------------------------------------------

    /** The frames of one row group of one file. */
    record UnitResult(int file, List<DataFrame> frames) {}

    /** One row group of one file: the unit of parallel work. */
    private record Unit(FileEntry file, int group) {}

    /** A file mapped for the units of a scan, with what its reader decodes. */
    private static final class OpenFile {
        final MmapParquetReader reader;
        final PredicatePushdown predicate;
        final RowPredicate post;
        int unitsLeft;

        OpenFile(MmapParquetReader reader, PredicatePushdown predicate, RowPredicate post, int unitsLeft) {
            this.reader = reader;
            this.predicate = predicate;
            this.post = post;
            this.unitsLeft = unitsLeft;
        }
    }

    /** What a unit decoded, tracked in the MemoryManager until the consumer moves past it. */
    private record UnitOutput(List<DataFrame> frames, MemoryManager.Reservation reservation) {}

    /** A started unit: its estimated decoded bytes and its result (or failure). */
    private record Started(Unit unit, long bytes, java.util.concurrent.CompletableFuture<UnitOutput> result) {}

    /**
     * One pass over the plan's units. The consumer's thread schedules (opens files, starts units
     * within the window) and closes files once all their units are consumed; pool threads only
     * decode. Closing stops the pool and unmaps every file, whatever state the scan is in.
     */
    private final class Scan implements Iterator<UnitResult>, AutoCloseable {
        private final Plan plan;
        private final boolean ordered;
        private final List<Unit> units = new ArrayList<>();
        private final java.util.concurrent.ForkJoinPool pool;
        private final Map<Integer, OpenFile> open = new LinkedHashMap<>();
        private final Set<Integer> failed = new HashSet<>();
        private final java.util.ArrayDeque<Started> started = new java.util.ArrayDeque<>();
        private final java.util.concurrent.LinkedBlockingQueue<Started> finished = new java.util.concurrent.LinkedBlockingQueue<>();
        private final Runnable onPressure = this::onPressure;
        private final int maxFiles;
        private volatile int budgetShift = 1;   // the window is available memory >> budgetShift
        private int nextUnit;
        private long bytesInFlight;
        private UnitResult next;
        /** The reservation of the unit the consumer holds now. */
        private MemoryManager.Reservation held;
        private boolean closed;

        Scan(Plan plan, boolean ordered) {
            this.plan = plan;
            this.ordered = ordered;
            for (FileEntry f : plan.files()) for (int g = 0; g < f.rowGroupRows().length; g++) units.add(new Unit(f, g));
            this.maxFiles = maxConcurrent > 0 ? maxConcurrent : Math.max(4, 2 * threads);
            java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
            this.pool = new java.util.concurrent.ForkJoinPool(threads, p -> {
                var t = java.util.concurrent.ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
                t.setName("streaming-adaptive-scan-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            }, null, false);
            memory.addPressureListener(onPressure);
            scans.add(this);
        }

        private void onPressure() {
            budgetShift = Math.min(budgetShift + 1, 6);
        }

        @Override
        public boolean hasNext() {
            if (next == null && !closed) {
                try {
                    next = produce();
                } catch (RuntimeException | Error e) {
                    close();
                    throw e;
                }
                if (next == null) close();
            }
            return next != null;
        }

        @Override
        public UnitResult next() {
            if (!hasNext()) throw new NoSuchElementException();
            UnitResult r = next;
            next = null;
            return r;
        }

        private UnitResult produce() {
            if (held != null) {
                held.close();
                held = null;
            }
            while (true) {
                fill();
                if (started.isEmpty()) return null;
                Started s;
                if (ordered) {
                    s = started.pollFirst();
                } else {
                    try {
                        s = finished.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for a row group", e);
                    }
                    started.remove(s);
                }
                bytesInFlight -= s.bytes();
                int file = s.unit().file().index();
                List<DataFrame> frames;
                try {
                    UnitOutput o = MmapParquetReader.await(s.result());
                    frames = o.frames();
                    held = o.reservation();
                } catch (ParquetFormatException | UncheckedIOException e) {
                    if (!skipUnreadable) throw e;
                    if (failed.add(file)) skipped.add(new SkippedFile(s.unit().file().path(), e.getMessage()));
                    frames = List.of();
                } finally {
                    unitDone(file);
                }
                if (failed.contains(file)) continue;
                return new UnitResult(file, frames);
            }
        }

        /** Starts units while the window allows: count, bytes and open files. */
        private void fill() {
            int maxUnits = 2 * threads;
            while (nextUnit < units.size() && started.size() < maxUnits) {
                Unit u = units.get(nextUnit);
                int file = u.file().index();
                if (failed.contains(file)) {
                    nextUnit++;
                    continue;
                }
                OpenFile of = open.get(file);
                if (of == null) {
                    if (open.size() >= maxFiles && !started.isEmpty()) return;
                    of = openFile(u.file());
                    if (of == null) {
                        nextUnit++;
                        continue;
                    }
                }
                long bytes = of.reader.estimateRowGroupBytes(u.group());
                long budget = Math.max(0, memory.availableBytes()) >> budgetShift;
                if (!started.isEmpty() && bytesInFlight + bytes > budget) return;
                OpenFile target = of;
                var result = java.util.concurrent.CompletableFuture.supplyAsync(() -> runUnit(u, target), pool);
                Started s = new Started(u, bytes, result);
                if (!ordered) result.whenComplete((r, e) -> finished.add(s));
                started.addLast(s);
                bytesInFlight += bytes;
                nextUnit++;
            }
        }

        private OpenFile openFile(FileEntry f) {
            MmapParquetReader r;
            try {
                r = MmapParquetReader.open(f.path()).withThreads(1).withChecksumVerification(verifyChecksums);
            } catch (ParquetFormatException | UncheckedIOException e) {
                if (!skipUnreadable) throw e;
                failed.add(f.index());
                skipped.add(new SkippedFile(f.path(), e.getMessage()));
                return null;
            }
            try {
                Schema fileSchema = r.schema();
                Set<String> need = new LinkedHashSet<>();
                for (Field o : plan.outputSchema().fields()) if (fileSchema.indexOf(o.name()) >= 0) need.add(o.name());
                RowPredicate post = plan.postPredicate();
                PredicatePushdown pushed = plan.genericPredicate() != null ? plan.genericPredicate() : plan.filePredicate();
                if (plan.filePredicate() != null && !hasAll(fileSchema, plan.filePredicate().columns())) {
                    // A column of the predicate is missing here (schema evolution): check it after nulls are added.
                    RowPredicate shaped = plan.filePredicate().bind(plan.shapedSchema());
                    post = post == null ? shaped : new AndPredicate(shaped, post);
                    pushed = null;
                }
                if (post != null) for (String c : post.columns()) if (fileSchema.indexOf(c) >= 0) need.add(c);
                r.withColumns(need.toArray(String[]::new));
                int unitsLeft = f.rowGroupRows().length;
                OpenFile of = new OpenFile(r, pushed, post, unitsLeft);
                open.put(f.index(), of);
                return of;
            } catch (RuntimeException e) {
                r.close();
                throw e;
            }
        }

        private void unitDone(int file) {
            OpenFile of = open.get(file);
            if (of != null && --of.unitsLeft == 0) {
                open.remove(file);
                of.reader.close();
            }
        }

        /** Decodes one row group (on a pool thread) and shapes it to the output schema. */
        private UnitOutput runUnit(Unit u, OpenFile of) {
            List<DataFrame> out = new ArrayList<>();
            AdaptiveStreamingReader r = AdaptiveStreamingReader.overRowGroups(of.reader, u.group(), u.group() + 1).withMemoryManager(memory)
                    .withFullPageCounts(countAllPages);
            if (of.predicate != null) r.withPredicate(of.predicate);
            for (DataFrame batch : r) {
                DataFrame shaped = shape(plan, batch, u.file(), of.post);
                if (shaped.height() > 0) out.add(shaped);
            }
            synchronized (statistics) {
                statistics.add(r.scanStatistics());
            }
            long bytes = 0;
            for (DataFrame d : out) bytes += d.estimatedBytes();
            return new UnitOutput(out, memory.reserve(bytes, out));
        }

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            memory.removePressureListener(onPressure);
            for (Started s : started) s.result().cancel(false);
            if (held != null) held.close();
            pool.shutdownNow();
            try {
                // Running units finish their row group; none touches a file after this.
                if (!pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    System.getLogger(ParallelStreamReader.class.getName()).log(System.Logger.Level.WARNING,
                            "decoding threads did not stop within 60 s; unmapping anyway");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (Started s : started) {
                var f = s.result();   // finished but never consumed: release what it holds
                if (f.isDone() && !f.isCompletedExceptionally()) f.join().reservation().close();
            }
            for (OpenFile of : open.values()) of.reader.close();
            open.clear();
            started.clear();
            scans.remove(this);
        }
    }

    /** Unified types, null columns for missing ones, partition and path columns, the post-filter. */
    private DataFrame shape(Plan plan, DataFrame batch, FileEntry file, RowPredicate post) {
        int rows = batch.height();
        Set<String> wanted = new HashSet<>(plan.outputSchema().names());
        if (post != null) wanted.addAll(post.columns());
        Map<String, Column> byName = new LinkedHashMap<>();
        for (Field f : plan.fileFields()) {
            if (!wanted.contains(f.name())) continue;
            int i = batch.schema().indexOf(f.name());
            byName.put(f.name(), DatasetSchema.conform(i < 0 ? null : batch.column(i), f.name(), f.type(), rows));
        }
        for (var kv : plan.partitionTypes().entrySet()) {
            if (!wanted.contains(kv.getKey())) continue;
            byName.put(kv.getKey(), HivePartitions.constant(kv.getKey(), kv.getValue(), file.partitions().get(kv.getKey()), rows));
        }
        if (filePathColumn != null) byName.put(filePathColumn, HivePartitions.constant(filePathColumn, DataType.STRING, file.path().toString(), rows));
        DataFrame all = new DataFrame(new ArrayList<>(byName.values()), rows);
        if (post != null) all = post.apply(all);
        List<Column> out = new ArrayList<>();
        for (Field f : plan.outputSchema().fields()) out.add(all.column(f.name()));
        return new DataFrame(out, all.height());
    }

    private static boolean hasAll(Schema schema, Set<String> names) {
        for (String n : names) if (schema.indexOf(n) < 0) return false;
        return true;
    }
}
