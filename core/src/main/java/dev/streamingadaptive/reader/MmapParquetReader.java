package dev.streamingadaptive.reader;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.ColumnConcat;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.io.MappedFile;
import dev.streamingadaptive.memory.MemoryBudgetExceededException;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.parquet.meta.ColumnChunk;
import dev.streamingadaptive.parquet.meta.FileMetaData;
import dev.streamingadaptive.parquet.meta.ParquetFooter;
import dev.streamingadaptive.parquet.meta.RowGroup;
import dev.streamingadaptive.parquet.schema.FieldPlan;
import dev.streamingadaptive.parquet.schema.FieldPlanner;
import dev.streamingadaptive.parquet.schema.ParquetSchema;
import dev.streamingadaptive.parquet.schema.SchemaNode;
import dev.streamingadaptive.reader.internal.Assembler;
import dev.streamingadaptive.reader.internal.ColumnChunkReader;
import dev.streamingadaptive.reader.internal.FlatColumnSink;
import dev.streamingadaptive.reader.internal.LeafData;
import dev.streamingadaptive.reader.internal.MappingFault;
import dev.streamingadaptive.reader.internal.MemoryEstimator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Reads a Parquet file through a memory mapping, one row group at a time.
 *
 * <pre>{@code
 * try (var reader = MmapParquetReader.open(Path.of("trades.parquet")).withColumns("symbol", "price")) {
 *     for (int i = 0; i < reader.numRowGroups(); i++) {
 *         DataFrame batch = reader.readRowGroup(i);
 *     }
 * }
 * }</pre>
 *
 * Pages are decompressed straight from the mapping; uncompressed pages are decoded in place.
 * The mapping is released by {@link #close()}. Not thread-safe: use one reader per thread.
 */
public final class MmapParquetReader implements AutoCloseable {
    private final MappedFile file;
    private final String fileName;
    private final FileMetaData metadata;
    private final ParquetSchema parquetSchema;
    private final List<FieldPlan> allFields;
    private List<FieldPlan> fields;
    private boolean verifyChecksums = true;
    private int threads = Runtime.getRuntime().availableProcessors();
    private ForkJoinPool pool;
    private MemoryManager memory = MemoryManager.system();
    private final MemoryEstimator estimator;

    private MmapParquetReader(MappedFile file, FileMetaData metadata) {
        this.file = file;
        this.fileName = file.path().toString();
        this.metadata = metadata;
        this.estimator = new MemoryEstimator(file.segment());
        try {
            this.parquetSchema = ParquetSchema.of(metadata.schema());
        } catch (ParquetFormatException e) {
            throw e.withContext(fileName, -1, null, -1);
        }
        List<FieldPlan> plans = new ArrayList<>();
        for (SchemaNode child : parquetSchema.root().children()) plans.add(FieldPlanner.plan(child));
        this.allFields = List.copyOf(plans);
        this.fields = allFields;
        for (int rg = 0; rg < metadata.rowGroups().size(); rg++) {
            if (metadata.rowGroups().get(rg).columns().size() != parquetSchema.leaves().size()) {
                throw new ParquetFormatException("row group has " + metadata.rowGroups().get(rg).columns().size()
                        + " column chunks but the schema has " + parquetSchema.leaves().size() + " columns", fileName, rg, null, -1, null);
            }
        }
    }

    /**
     * Maps the file and reads its footer.
     *
     * @throws UncheckedIOException when the file cannot be opened
     * @throws ParquetFormatException when it is not a readable Parquet file
     */
    public static MmapParquetReader open(Path path) {
        MappedFile mapped;
        try {
            mapped = MappedFile.open(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            FileMetaData md = ParquetFooter.read(mapped.segment(), path.toString());
            return new MmapParquetReader(mapped, md);
        } catch (RuntimeException e) {
            mapped.close();
            throw e;
        } catch (InternalError e) {
            mapped.close();
            throw MappingFault.report(e, path.toString(), mapped.size(), -1, null, -1);   // cut while its footer was read
        }
    }

    /** Reads only these top-level columns, in this order (projection); unknown names fail with the list of names. */
    public MmapParquetReader withColumns(String... names) {
        if (names == null || names.length == 0) {
            fields = allFields;
            return this;
        }
        Map<String, FieldPlan> byName = new LinkedHashMap<>();
        for (FieldPlan f : allFields) byName.putIfAbsent(f.name(), f);
        List<FieldPlan> selected = new ArrayList<>(names.length);
        for (String n : names) {
            FieldPlan f = byName.get(n);
            if (f == null) throw new IllegalArgumentException("no column named '" + n + "' in " + fileName + "; columns are " + byName.keySet());
            selected.add(f);
        }
        fields = List.copyOf(selected);
        return this;
    }

    /**
     * Decoding threads for {@link #readAll()} and {@link #readRowGroup(int)} (default: the number of
     * available processors). 1 decodes on the calling thread.
     */
    public MmapParquetReader withThreads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        if (threads != this.threads) closePool();
        this.threads = threads;
        return this;
    }

    /** Whether to verify page CRCs when the writer stored them (default true). */
    public MmapParquetReader withChecksumVerification(boolean verify) {
        this.verifyChecksums = verify;
        return this;
    }

    /** The file path. */
    public Path path() { return file.path(); }

    /** The whole mapped file (valid until {@link #close()}). */
    public MemorySegment segment() { return file.segment(); }

    /** The footer metadata. */
    public FileMetaData metadata() { return metadata; }

    /** The Parquet schema tree with levels. */
    public ParquetSchema parquetSchema() { return parquetSchema; }

    /** Output schema of the selected columns. */
    public Schema schema() {
        List<Field> out = new ArrayList<>(fields.size());
        for (FieldPlan f : fields) out.add(new Field(f.name(), f.type(), true));
        return new Schema(out);
    }

    /** Schema of every top-level column, whatever is selected. */
    public Schema fullSchema() {
        List<Field> out = new ArrayList<>(allFields.size());
        for (FieldPlan f : allFields) out.add(new Field(f.name(), f.type(), true));
        return new Schema(out);
    }

    /** Number of row groups. */
    public int numRowGroups() { return metadata.rowGroups().size(); }

    /**
     * Rows in the file: the sum of the row groups' row counts (some writers leave the footer's
     * own total at 0).
     */
    public long totalRows() { return metadata.rowGroupRowCount(); }

    /** Rows in row group {@code i}. */
    public long rowGroupRows(int i) { return metadata.rowGroups().get(i).numRows(); }

    /**
     * Where available memory comes from (default {@link MemoryManager#system()}): {@link #readRowGroup}
     * and {@link #readAll} refuse, with a {@link MemoryBudgetExceededException}, what cannot fit.
     */
    public MmapParquetReader withMemoryManager(MemoryManager memory) {
        this.memory = java.util.Objects.requireNonNull(memory, "memory");
        return this;
    }

    private void checkFits(long need, String what) {
        long available = memory.availableBytes();
        if (need > available) {
            throw new MemoryBudgetExceededException(what + " of " + fileName, need, available,
                    "read it in batches with AdaptiveStreamingReader.stream()");
        }
    }

    /**
     * Decodes row group {@code i} (selected columns only; columns in parallel when threads &gt; 1).
     *
     * @throws MemoryBudgetExceededException when its estimated decoded size exceeds the available memory
     */
    public DataFrame readRowGroup(int i) {
        return whileMapped(() -> {
            checkFits(estimateRowGroupBytes(i), "row group " + i);
            return readRowGroupOn(i, threads <= 1 || fields.size() <= 1 ? null : pool());
        });
    }

    /** Decoding threads (for the streaming reader in this package). */
    int threads() {
        return threads;
    }

    /** This reader's MemoryManager (for the streaming reader in this package). */
    MemoryManager memory() {
        return memory;
    }

    /** The decoding pool when threads &gt; 1, else null (for the streaming reader in this package). */
    ForkJoinPool decodePool() {
        return threads > 1 ? pool() : null;
    }

    /**
     * Runs decoding work while holding the mapping, so that {@link #close()} (perhaps called because a
     * sibling task failed) waits for it instead of unmapping the file under it. A fault reading the
     * mapping that the work did not report with more context becomes a ParquetFormatException here.
     */
    <T> T whileMapped(java.util.function.Supplier<T> work) {
        try (MappedFile.Use use = file.use()) {
            return work.get();
        } catch (InternalError e) {
            throw MappingFault.report(e, fileName, file.size(), -1, null, -1);
        }
    }

    /** Waits for a decoding task, re-throwing its failure as it was. */
    static <T> T await(Future<T> task) {
        return join(task);
    }

    /** The decoding pool, created on first use and shut down by {@link #close()}. */
    private synchronized ForkJoinPool pool() {
        if (pool == null) pool = new ForkJoinPool(threads);
        return pool;
    }

    /** Decodes one row group; the columns are decoded as tasks on {@code pool}, or inline when it is null. */
    private DataFrame readRowGroupOn(int i, ForkJoinPool pool) {
        RowGroup rg = checkedRowGroup(i);
        long rows = rg.numRows();
        List<Column> columns = new ArrayList<>(fields.size());
        if (pool == null) {
            for (FieldPlan f : fields) columns.add(readField(i, rg, f));
        } else {
            List<ForkJoinTask<Column>> tasks = new ArrayList<>(fields.size());
            for (FieldPlan f : fields) tasks.add(pool.submit(() -> whileMapped(() -> readField(i, rg, f))));
            try {
                for (ForkJoinTask<Column> t : tasks) columns.add(join(t));
            } catch (RuntimeException | Error e) {
                for (ForkJoinTask<Column> t : tasks) t.cancel(false);
                throw e;
            }
        }
        return new DataFrame(columns, (int) rows);
    }

    private RowGroup checkedRowGroup(int i) {
        RowGroup rg = metadata.rowGroups().get(i);
        long rows = rg.numRows();
        if (rows < 0 || rows > Integer.MAX_VALUE - 16) {
            throw new ParquetFormatException("row group declares " + rows + " rows", fileName, i, null, -1, null);
        }
        return rg;
    }

    /** Decodes the leaves of one top-level field in one row group and assembles its column. */
    Column readField(int rowGroup, RowGroup rg, FieldPlan f) {
        Map<Integer, LeafData> decoded = new HashMap<>();
        decodeLeaves(f, rowGroup, rg, decoded);
        try {
            return new Assembler(decoded::get, (int) rg.numRows()).assemble(f);
        } catch (ParquetFormatException e) {
            throw e.withContext(fileName, rowGroup, f.name(), -1);
        }
    }

    /** The task's result; its exception re-thrown as it was (tasks only throw unchecked exceptions). */
    private static <T> T join(Future<T> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    private void decodeLeaves(FieldPlan f, int rowGroup, RowGroup rg, Map<Integer, LeafData> out) {
        for (SchemaNode leaf : leavesOf(f)) {
            if (!out.containsKey(leaf.leafIndex())) out.put(leaf.leafIndex(), decodeLeaf(rowGroup, rg, leaf));
        }
    }

    private LeafData decodeLeaf(int rowGroup, RowGroup rg, SchemaNode leaf) {
        ColumnChunk chunk = rg.columns().get(leaf.leafIndex());
        try (ColumnChunkReader r = new ColumnChunkReader(file.segment(), fileName, rowGroup, chunk, leaf, leafType(leaf),
                rg.numRows(), verifyChecksums)) {
            return r.read();
        }
    }

    /** Every top-level field of the file, in schema order (for the streaming reader in this package). */
    List<FieldPlan> allFields() {
        return allFields;
    }

    /** The selected top-level fields (for the streaming reader in this package). */
    List<FieldPlan> selectedFields() {
        return fields;
    }

    /** A resumable reader of one column chunk (for the streaming reader in this package). */
    ColumnChunkReader chunkReader(int rowGroup, SchemaNode leaf) {
        RowGroup rg = metadata.rowGroups().get(rowGroup);
        return new ColumnChunkReader(file.segment(), fileName, rowGroup, rg.columns().get(leaf.leafIndex()), leaf, leafType(leaf),
                rg.numRows(), verifyChecksums);
    }

    /** The file name used in messages. */
    String fileName() {
        return fileName;
    }

    /**
     * Heap bytes that {@link #readRowGroup(int) readRowGroup(i)} holds once it returns: the selected
     * columns of row group {@code i}, decoded, laid out as the frame columns lay them out (see
     * {@link #estimateMemoryRequired()}). {@code readRowGroup} refuses when this exceeds the
     * available memory.
     */
    public long estimateRowGroupBytes(int i) {
        return estimator.rowGroupBytes(metadata.rowGroups().get(i), fields);
    }

    /**
     * Heap bytes that {@link #readAll()} holds once it returns: the selected columns of the whole
     * file decoded into one frame. Estimated from the footer (and the dictionary page headers):
     * per row 1 byte for booleans, 4 for 32-bit, 8 for 64-bit values, 4-byte indices plus the
     * dictionaries for dictionary-encoded strings, value bytes plus 4-byte offsets for other
     * strings, 1 byte of null flags for columns that have nulls, 4-byte offsets per list or map.
     * The one figure behind {@link #estimateRowSize()}, {@link #canFitInMemory(long)}, the
     * refusals of {@link #readAll()} and the streaming reader's {@code collect()}.
     */
    public long estimateMemoryRequired() {
        return estimator.fileBytes(metadata.rowGroups(), fields);   // a mapping fault falls back to footer figures
    }

    static List<SchemaNode> leavesOf(FieldPlan f) {
        List<SchemaNode> out = new ArrayList<>();
        collectLeaves(f.nullabilityNode(), out);
        return out;
    }

    private static void collectLeaves(SchemaNode n, List<SchemaNode> out) {
        if (n.isLeaf()) out.add(n);
        else for (SchemaNode c : n.children()) collectLeaves(c, out);
    }

    private static dev.streamingadaptive.frame.DataType leafType(SchemaNode leaf) {
        return dev.streamingadaptive.parquet.schema.TypeMapper.map(leaf.element());
    }

    /**
     * Decodes every row group into one frame. Flat fixed-width columns are written straight into
     * whole-file arrays ({@link FlatColumnSink}), the others are decoded per row group and
     * concatenated. With threads &gt; 1 every (row group, column) pair is a task for a pool of
     * that many threads, joined from this thread so that no task waits on another.
     */
    public DataFrame readAll() {
        return whileMapped(this::readAllGroups);
    }

    private DataFrame readAllGroups() {
        int n = numRowGroups();
        if (n == 0) return readEmpty();
        checkFits(estimateMemoryRequired(), "readAll()");
        if (n == 1) return readRowGroup(0);
        long total = totalRows();
        int[] starts = new int[n];
        long at = 0;
        for (int i = 0; i < n; i++) {
            if (at > Integer.MAX_VALUE - 16) {
                throw new ParquetFormatException("file has more than 2^31 rows: read it row group by row group", fileName, i, null, -1, null);
            }
            starts[i] = (int) at;
            at += checkedRowGroup(i).numRows();
        }
        List<FlatColumnSink> sinks = new ArrayList<>(fields.size());
        for (FieldPlan f : fields) sinks.add(FlatColumnSink.forField(f, total));
        ForkJoinPool pool = threads > 1 ? pool() : null;
        List<List<Column>> perField = new ArrayList<>(fields.size());
        List<List<Future<Column>>> tasks = new ArrayList<>(fields.size());
        try {
            for (int c = 0; c < fields.size(); c++) {
                FieldPlan f = fields.get(c);
                FlatColumnSink sink = sinks.get(c);
                List<Future<Column>> column = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    int g = i;
                    RowGroup rg = metadata.rowGroups().get(g);
                    Supplier<Column> work = sink == null ? () -> readField(g, rg, f) : () -> {
                        try {
                            sink.accept(decodeLeaf(g, rg, sink.plan().node()), starts[g], (int) rg.numRows());
                        } catch (ParquetFormatException e) {
                            throw e.withContext(fileName, g, f.name(), -1);
                        }
                        return null;
                    };
                    // Without a pool the work runs right here, in the same order the joins below would take.
                    column.add(pool != null ? pool.submit(() -> whileMapped(work)) : CompletableFuture.completedFuture(work.get()));
                }
                tasks.add(column);
            }
            for (List<Future<Column>> column : tasks) {
                List<Column> parts = new ArrayList<>(n);
                for (Future<Column> t : column) parts.add(join(t));
                perField.add(parts);
            }
        } catch (RuntimeException | Error e) {
            for (List<Future<Column>> column : tasks) for (Future<Column> t : column) t.cancel(false);
            throw e;
        }
        List<Column> columns = new ArrayList<>(fields.size());
        for (int c = 0; c < fields.size(); c++) {
            columns.add(sinks.get(c) != null ? sinks.get(c).finish() : ColumnConcat.concat(perField.get(c)));
        }
        return new DataFrame(columns, (int) total);
    }

    private DataFrame readEmpty() {
        List<Column> columns = new ArrayList<>();
        for (FieldPlan f : fields) columns.add(new dev.streamingadaptive.frame.NullColumn(f.name(), f.type(), 0));
        return new DataFrame(columns, 0);
    }

    /**
     * Decoded bytes per row of the selected columns: {@link #estimateMemoryRequired()} divided by
     * {@link #totalRows()}, rounded up (0 for a file without rows).
     */
    public long estimateRowSize() {
        long rows = totalRows();
        return rows <= 0 ? 0 : Math.ceilDiv(estimateMemoryRequired(), rows);
    }

    /**
     * Whether the selected columns of the whole file, decoded, fit in {@code availableMb}
     * megabytes (MiB): {@link #estimateMemoryRequired()} &lt;= {@code availableMb} &times; 2<sup>20</sup>.
     */
    public boolean canFitInMemory(long availableMb) {
        if (availableMb < 0) return false;
        long available = availableMb > Long.MAX_VALUE >> 20 ? Long.MAX_VALUE : availableMb << 20;
        return estimateMemoryRequired() <= available;
    }

    private synchronized void closePool() {
        if (pool != null) pool.shutdownNow();
        pool = null;
    }

    /** Stops the decoding threads and unmaps the file; the reader cannot be used afterwards. */
    @Override
    public void close() {
        closePool();
        file.close();
    }
}
