package dev.streamingadaptive.scan;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.ColumnConcat;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.io.MappedFile;
import dev.streamingadaptive.io.PageAdvice;
import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.parquet.meta.ColumnChunk;
import dev.streamingadaptive.parquet.meta.FileMetaData;
import dev.streamingadaptive.parquet.meta.ParquetFooter;
import dev.streamingadaptive.parquet.meta.RowGroup;
import dev.streamingadaptive.parquet.schema.FieldPlan;
import dev.streamingadaptive.parquet.schema.FieldPlanner;
import dev.streamingadaptive.parquet.schema.ParquetSchema;
import dev.streamingadaptive.parquet.schema.SchemaNode;
import dev.streamingadaptive.parquet.schema.TypeMapper;
import dev.streamingadaptive.predicate.RowGroupMetadata;
import dev.streamingadaptive.reader.internal.Assembler;
import dev.streamingadaptive.reader.internal.ColumnChunkReader;
import dev.streamingadaptive.reader.internal.FlatColumnSink;
import dev.streamingadaptive.reader.internal.LeafData;
import dev.streamingadaptive.reader.internal.MappingFault;
import dev.streamingadaptive.reader.internal.MemoryEstimator;
import dev.streamingadaptive.reader.internal.ScratchBuffers;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * One mapped Parquet file: its footer, schema and top-level fields, and the decoding of whole row
 * groups or the whole file for a projection. What to read (projection, checksums, threads) is
 * passed in; the file holds only what the footer says. Closing unmaps it once running decoding
 * work ({@link #whileMapped}) is done.
 */
public final class ParquetFile implements AutoCloseable {
    private final MappedFile file;
    private final String fileName;
    private final FileMetaData metadata;
    private final ParquetSchema parquetSchema;
    private final List<FieldPlan> allFields;
    private final MemoryEstimator estimator;
    private final Map<List<FieldPlan>, Long> fileBytes = new ConcurrentHashMap<>();

    private ParquetFile(MappedFile file, FileMetaData metadata) {
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
        for (int rg = 0; rg < metadata.rowGroups().size(); rg++) {
            if (metadata.rowGroups().get(rg).columns().size() != parquetSchema.leaves().size()) {
                throw new ParquetFormatException("row group has " + metadata.rowGroups().get(rg).columns().size()
                        + " column chunks but the schema has " + parquetSchema.leaves().size() + " columns", fileName, rg, null, -1, null);
            }
        }
    }

    /** The file's tail read ahead for its footer (a larger footer reads its first bytes a page at a time). */
    private static final long FOOTER_READ_AHEAD = 1L << 20;

    /**
     * Maps the file and reads its footer.
     *
     * @throws UncheckedIOException when the file cannot be opened
     * @throws ParquetFormatException when it is not a readable Parquet file
     */
    public static ParquetFile open(Path path) {
        MappedFile mapped;
        try {
            mapped = MappedFile.open(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            // Read by exact ranges (see PageAdvice): the footer first, then each column chunk as it is decoded.
            PageAdvice.exactRanges(mapped.segment());
            PageAdvice.willNeed(mapped.segment(), Math.max(0, mapped.size() - FOOTER_READ_AHEAD), FOOTER_READ_AHEAD);
            FileMetaData md = ParquetFooter.read(mapped.segment(), path.toString());
            return new ParquetFile(mapped, md);
        } catch (RuntimeException e) {
            mapped.close();
            throw e;
        } catch (InternalError e) {
            mapped.close();
            throw MappingFault.report(e, path.toString(), mapped.size(), -1, null, -1);   // cut while its footer was read
        }
    }

    public Path path() { return file.path(); }

    /** The file name used in messages. */
    public String fileName() { return fileName; }

    public MemorySegment segment() { return file.segment(); }

    public FileMetaData metadata() { return metadata; }

    public ParquetSchema parquetSchema() { return parquetSchema; }

    /** Every top-level field, in schema order. */
    public List<FieldPlan> allFields() { return allFields; }

    public int numRowGroups() { return metadata.rowGroups().size(); }

    /** The sum of the row groups' row counts (some writers leave the footer's own total at 0). */
    public long totalRows() { return metadata.rowGroupRowCount(); }

    public long rowGroupRows(int i) { return metadata.rowGroups().get(i).numRows(); }

    /** What a predicate may look at to skip row group {@code group}. */
    public RowGroupMetadata rowGroupMetadata(int group) {
        return new RowGroupMetadata(group, metadata.rowGroups().get(group), parquetSchema, file.segment(), fileName, metadata.columnOrders());
    }

    /** These top-level columns, in this order (null or none: all); an unknown name fails listing the names. */
    public List<FieldPlan> project(List<String> names) {
        if (names == null || names.isEmpty()) return allFields;
        Map<String, FieldPlan> byName = new LinkedHashMap<>();
        for (FieldPlan f : allFields) byName.putIfAbsent(f.name(), f);
        List<FieldPlan> selected = new ArrayList<>(names.size());
        for (String n : names) {
            FieldPlan f = byName.get(n);
            if (f == null) throw UnknownColumn.of(n, fileName, byName.keySet());
            selected.add(f);
        }
        return List.copyOf(selected);
    }

    /** The frame schema of these fields. */
    public static Schema schemaOf(List<FieldPlan> fields) {
        List<Field> out = new ArrayList<>(fields.size());
        for (FieldPlan f : fields) out.add(new Field(f.name(), f.type(), true));
        return new Schema(out);
    }

    /**
     * Runs decoding work while holding the mapping, so that {@link #close()} (perhaps called because a
     * sibling task failed) waits for it instead of unmapping the file under it. A fault reading the
     * mapping that the work did not report with more context becomes a ParquetFormatException here.
     */
    public <T> T whileMapped(Supplier<T> work) {
        try (MappedFile.Use use = file.use()) {
            return work.get();
        } catch (InternalError e) {
            throw MappingFault.report(e, fileName, file.size(), -1, null, -1);
        }
    }

    /** Heap bytes row group {@code i} of these fields takes decoded (see MemoryEstimator). */
    public long rowGroupBytes(int i, List<FieldPlan> fields) {
        return estimator.rowGroupBytes(metadata.rowGroups().get(i), fields);
    }

    /**
     * Heap bytes the decompressed pages of these fields' column chunks in row group {@code i} take
     * (footer figures, capped by what the codec can produce from the compressed bytes).
     */
    public long rowGroupPageBytes(int i, List<FieldPlan> fields) {
        return sumOverChunks(i, fields, md -> MemoryEstimator.uncompressedBytes(md, file.size()));
    }

    /** Compressed bytes of these fields' column chunks in row group {@code i} (footer figures). */
    public long rowGroupCompressedBytes(int i, List<FieldPlan> fields) {
        return sumOverChunks(i, fields, md -> Math.max(0, md.totalCompressedSize()));
    }

    /**
     * Asks the kernel to read row group {@code i}'s chunks of these fields in the background (see {@link PageAdvice}):
     * a scan asks for the next row group as it starts one, so a cold file's next chunks are on their way while this
     * one decodes. Advice only: never fails.
     */
    public void readAhead(int i, List<FieldPlan> fields) {
        if (!PageAdvice.enabled() || i < 0 || i >= metadata.rowGroups().size()) return;
        MemorySegment seg = file.segment();
        forEachChunk(i, fields, md -> PageAdvice.willNeed(seg, md.chunkStartOffset(), md.totalCompressedSize()));
    }

    private long sumOverChunks(int i, List<FieldPlan> fields, java.util.function.ToLongFunction<dev.streamingadaptive.parquet.meta.ColumnMetaData> f) {
        long[] total = {0};
        forEachChunk(i, fields, md -> total[0] += f.applyAsLong(md));
        return total[0];
    }

    /** Each column chunk of row group {@code i} that these fields read, once (fields may share leaves). */
    private void forEachChunk(int i, List<FieldPlan> fields, java.util.function.Consumer<dev.streamingadaptive.parquet.meta.ColumnMetaData> action) {
        RowGroup rg = metadata.rowGroups().get(i);
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (FieldPlan field : fields) {
            for (SchemaNode leaf : leavesOf(field)) {
                if (!seen.add(leaf.leafIndex())) continue;
                var md = rg.columns().get(leaf.leafIndex()).metaData();
                if (md != null) action.accept(md);
            }
        }
    }

    /**
     * Heap bytes the whole file of these fields takes decoded into one frame. Kept per field list: every row group's
     * reader asks, and the answer walks all row groups (quadratic in them: 3% of TPC-H Q1's time at SF 10, 490 groups).
     */
    public long fileBytes(List<FieldPlan> fields) {
        Long known = fileBytes.get(fields);
        if (known != null) return known;
        long bytes = estimator.fileBytes(metadata.rowGroups(), fields);   // a mapping fault falls back to footer figures
        fileBytes.put(List.copyOf(fields), bytes);
        return bytes;
    }

    /** A resumable reader of one column chunk. */
    public ColumnChunkReader chunkReader(int rowGroup, SchemaNode leaf, boolean verifyChecksums) {
        RowGroup rg = metadata.rowGroups().get(rowGroup);
        return new ColumnChunkReader(file.segment(), fileName, rowGroup, rg.columns().get(leaf.leafIndex()), leaf, leafType(leaf),
                rg.numRows(), verifyChecksums).readingFrom(file);
    }

    /** Decodes one row group; the columns are decoded as tasks on {@code pool}, or inline when it is null. */
    public DataFrame readRowGroup(int i, List<FieldPlan> fields, boolean verifyChecksums, ForkJoinPool pool) {
        return whileMapped(() -> {
            RowGroup rg = checkedRowGroup(i);
            long rows = rg.numRows();
            List<Column> columns = new ArrayList<>(fields.size());
            if (pool == null || fields.size() <= 1) {
                for (FieldPlan f : fields) columns.add(readField(i, rg, f, verifyChecksums));
            } else {
                List<ForkJoinTask<Column>> tasks = new ArrayList<>(fields.size());
                for (FieldPlan f : fields) tasks.add(pool.submit(() -> whileMapped(() -> readField(i, rg, f, verifyChecksums))));
                try {
                    for (ForkJoinTask<Column> t : tasks) columns.add(DecodingThreads.join(t));
                } catch (RuntimeException | Error e) {
                    for (ForkJoinTask<Column> t : tasks) t.cancel(false);
                    throw e;
                }
            }
            return new DataFrame(columns, (int) rows);
        });
    }

    /**
     * Decodes every row group into one frame. Flat fixed-width columns are written straight into
     * whole-file arrays ({@link FlatColumnSink}), the others are decoded per row group and
     * concatenated. With a pool every (row group, column) pair is a task, joined from this thread
     * so that no task waits on another.
     */
    public DataFrame readAll(List<FieldPlan> fields, boolean verifyChecksums, ForkJoinPool pool) {
        return whileMapped(() -> readAllGroups(fields, verifyChecksums, pool));
    }

    private DataFrame readAllGroups(List<FieldPlan> fields, boolean verify, ForkJoinPool pool) {
        int n = numRowGroups();
        if (n == 0) return Frames.empty(schemaOf(fields));
        if (n == 1) return readRowGroup(0, fields, verify, pool);
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
        ScratchBuffers scratch = new ScratchBuffers();
        List<FlatColumnSink> sinks = new ArrayList<>(fields.size());
        for (FieldPlan f : fields) sinks.add(FlatColumnSink.forField(f, total));
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
                    Supplier<Column> work = sink == null ? () -> readField(g, rg, f, verify, scratch) : () -> {
                        try {
                            LeafData leaf = decodeLeafInto(g, rg, sink.plan().node(), verify, scratch, sink.target(), starts[g]);
                            sink.accept(leaf, starts[g], (int) rg.numRows());
                            scratch.give(leaf.defLevels());
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
                for (Future<Column> t : column) parts.add(DecodingThreads.join(t));
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

    private RowGroup checkedRowGroup(int i) {
        RowGroup rg = metadata.rowGroups().get(i);
        long rows = rg.numRows();
        if (rows < 0 || rows > Integer.MAX_VALUE - 16) {
            throw new ParquetFormatException("row group declares " + rows + " rows", fileName, i, null, -1, null);
        }
        return rg;
    }

    /** Decodes the leaves of one top-level field in one row group and assembles its column. */
    private Column readField(int rowGroup, RowGroup rg, FieldPlan f, boolean verify) {
        return readField(rowGroup, rg, f, verify, null);
    }

    private Column readField(int rowGroup, RowGroup rg, FieldPlan f, boolean verify, ScratchBuffers scratch) {
        Map<Integer, LeafData> decoded = new HashMap<>();
        for (SchemaNode leaf : leavesOf(f)) {
            if (!decoded.containsKey(leaf.leafIndex())) {
                decoded.put(leaf.leafIndex(), decodeLeafInto(rowGroup, rg, leaf, verify, scratch, null, 0));
            }
        }
        try {
            return new Assembler(decoded::get, (int) rg.numRows()).assemble(f);
        } catch (ParquetFormatException e) {
            throw e.withContext(fileName, rowGroup, f.name(), -1);
        }
    }

    /**
     * The chunk's levels and values; with {@code target}, the values written into it from {@code offset} on
     * where the decoder can; with {@code scratch}, its buffers borrowed from there.
     */
    private LeafData decodeLeafInto(int rowGroup, RowGroup rg, SchemaNode leaf, boolean verify, ScratchBuffers scratch,
                                    Object target, int offset) {
        ColumnChunk chunk = rg.columns().get(leaf.leafIndex());
        try (ColumnChunkReader r = new ColumnChunkReader(file.segment(), fileName, rowGroup, chunk, leaf, leafType(leaf),
                rg.numRows(), verify).readingFrom(file).withScratch(scratch)) {
            return target == null ? r.read() : r.readInto(target, offset);
        }
    }

    /** The Parquet leaves under a top-level field. */
    public static List<SchemaNode> leavesOf(FieldPlan f) {
        List<SchemaNode> out = new ArrayList<>();
        collectLeaves(f.nullabilityNode(), out);
        return out;
    }

    private static void collectLeaves(SchemaNode n, List<SchemaNode> out) {
        if (n.isLeaf()) out.add(n);
        else for (SchemaNode c : n.children()) collectLeaves(c, out);
    }

    private static DataType leafType(SchemaNode leaf) {
        return TypeMapper.map(leaf.element());
    }

    /** Unmaps the file, after the decoding work holding it is done. */
    @Override
    public void close() {
        file.close();
    }
}
