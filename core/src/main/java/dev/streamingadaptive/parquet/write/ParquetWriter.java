package dev.streamingadaptive.parquet.write;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.frame.format.FrameWriter;
import dev.streamingadaptive.io.StagedFile;
import dev.streamingadaptive.memory.MemoryManager;
import dev.streamingadaptive.parquet.meta.Encoding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes DataFrames with flat schemas to a Parquet file, batch by batch.
 *
 * <pre>{@code
 * try (ParquetWriter w = ParquetWriter.open(path, schema, WriterOptions.defaults().withCodec("zstd"))) {
 *     w.write(batch1);
 *     w.write(batch2);
 * }   // close() writes the page index and footer, then moves the file into place
 * }</pre>
 *
 * <p>Rows are buffered (by reference — the columns are immutable) until a row group is full by
 * {@link WriterOptions#rowGroupRows() rows} or by {@link WriterOptions#rowGroupBytes() bytes}; then
 * the row group is encoded one column chunk at a time and written. The data goes to a hidden
 * temporary file in the target folder which {@link #close()} atomically renames to the target; if
 * anything fails the temporary file is deleted and the target is left untouched, so a file under
 * the target name is always complete. Each row group is followed by its Bloom filters and page
 * index, so only the footer's entries stay in memory. Peak memory is about one row group of input plus one
 * encoded column chunk per thread ({@link WriterOptions#threads()} encode a row group's columns in
 * parallel, keeping its encoded chunks until they are written in order); given a
 * {@link MemoryManager} the writer keeps all of it reserved there.
 * Files carry min/max/null-count statistics, the page index (column and offset index) and the
 * {@link WriterOptions#metadata() key/value metadata}. Not thread-safe.
 *
 * <p>Lists, structs and maps are written in the standard layouts (three-level lists, {@code
 * key_value} maps) with their repetition and definition levels; a data page always ends at a row's
 * end.
 */
public final class ParquetWriter implements FrameWriter {
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    /** Smallest row group size, in buffered bytes, a memory budget shrinks row groups to. */
    private static final long MIN_ROW_GROUP_BYTES = 1 << 20;
    /** Value of FileMetaData.created_by. */
    public static final String CREATED_BY = "streaming-adaptive version 0.1.0";

    private record Part(DataFrame frame, int from, int len) {}

    /**
     * A written chunk, as the footer needs it (its pages' statistics are dropped once its page index
     * is written); {@code bloomLength} 0 without a Bloom filter, {@code index} null without a page index.
     */
    private record ChunkMeta(ColumnLayout.Leaf leaf, long offset, ColumnChunkEncoder.Result result, long bloomOffset, int bloomLength,
                             IndexLocation index) {
        ChunkMeta(ColumnLayout.Leaf leaf, long offset, ColumnChunkEncoder.Result result) {
            this(leaf, offset, result, 0, 0, null);
        }

        LeafSpec spec() { return leaf.spec(); }
    }

    private record RowGroupMeta(List<ChunkMeta> chunks, long rows, long offset, long uncompressed, long compressed) {}

    /** Where a chunk's column index and offset index were written; lengths 0 when absent. */
    private record IndexLocation(long columnIndexOffset, int columnIndexLength, long offsetIndexOffset, int offsetIndexLength) {}

    private final Path target;
    private final Path temp;
    private final Schema schema;
    private final WriterOptions options;
    private final ColumnLayout layout;
    private final List<ColumnLayout.Leaf> leaves;
    /** Per leaf: its shredder when nested, else null. */
    private final LevelShredder[] shredders;
    private final FileChannel channel;
    private final ColumnChunkEncoder[] encoders;
    /** One per encoding thread; [0] is the writing thread's. */
    private final ColumnChunkEncoder.Buffers[] workspaces;
    /** Encodes the other columns of a row group while the writing thread encodes too; null when one thread encodes. */
    private ExecutorService pool;
    private long encodedBytes;
    private final List<Part> pending = new ArrayList<>();
    private final List<RowGroupMeta> rowGroups = new ArrayList<>();
    private int pendingRows;
    private long pendingBytes;
    private final MemoryManager.Reservation reserved;
    private long position;
    private long totalRows;
    private boolean closed;
    private boolean failed;

    /** Set when the writer encodes with buffers it does not own (a {@link DatasetWriter}'s, shared by its files). */
    private final boolean sharedBuffers;

    private ParquetWriter(Path target, Path temp, Schema schema, WriterOptions options, ColumnLayout layout, FileChannel channel,
                          MemoryManager memory, ColumnChunkEncoder.Buffers shared) {
        this.target = target;
        this.temp = temp;
        this.schema = schema;
        this.options = options;
        this.layout = layout;
        this.leaves = layout.leaves();
        this.shredders = new LevelShredder[leaves.size()];
        for (int i = 0; i < leaves.size(); i++) {
            ColumnLayout.Leaf l = leaves.get(i);
            if (!l.flat()) shredders[i] = new LevelShredder(l, schema.fields().get(l.topLevel()));
        }
        this.channel = channel;
        this.encoders = new ColumnChunkEncoder[leaves.size()];
        for (int i = 0; i < encoders.length; i++) {
            encoders[i] = new ColumnChunkEncoder(leaves.get(i).spec(), options, bloomFilter(leaves.get(i), options));
        }
        this.sharedBuffers = shared != null;
        this.workspaces = new ColumnChunkEncoder.Buffers[shared != null ? 1 : Math.max(1, Math.min(options.threads(), leaves.size()))];
        this.workspaces[0] = shared != null ? shared : new ColumnChunkEncoder.Buffers(options);
        this.reserved = memory == null ? null : memory.reserve(0);
    }

    /**
     * Starts writing {@code out} (replaced on {@link #close()} if it exists).
     *
     * @throws UnsupportedOperationException for types that cannot be written (a struct without fields)
     * @throws UncheckedIOException when the temporary file cannot be created
     */
    public static ParquetWriter open(Path out, Schema schema, WriterOptions options) {
        return open(out, schema, options, null);
    }

    /**
     * Starts writing {@code out} like {@link #open(Path, Schema, WriterOptions)}, keeping the rows
     * buffered for the current row group and the encoder's buffers reserved in {@code memory}
     * (released by {@link #close()} and {@link #abort()}); null reserves nothing. Row groups are
     * then also closed at a quarter of the budget's capacity, so a small budget gets smaller row
     * groups rather than an overrun.
     */
    public static ParquetWriter open(Path out, Schema schema, WriterOptions options, MemoryManager memory) {
        return open(out, schema, options, memory, null);
    }

    /** As {@link #open(Path, Schema, WriterOptions, MemoryManager)}, encoding on this thread with {@code shared} buffers (not reserved here). */
    static ParquetWriter open(Path out, Schema schema, WriterOptions options, MemoryManager memory, ColumnChunkEncoder.Buffers shared) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(options, "options");
        if (memory != null) {
            long quarter = Math.max(MIN_ROW_GROUP_BYTES, memory.capacityBytes() / 4);
            if (options.rowGroupBytes() > quarter) options = options.withRowGroupBytes(quarter);
        }
        ColumnLayout layout = new ColumnLayout(schema);
        for (String name : options.bloomFilterColumns()) {
            if (layout.leaves().stream().noneMatch(l -> l.path().get(0).equals(name) || String.join(".", l.path()).equals(name))) {
                throw new IllegalArgumentException("Bloom filter column '" + name + "' is not in the schema " + schema.names());
            }
        }
        Path abs = out.toAbsolutePath();
        StagedFile.requireNotDirectory(abs);
        Path temp = StagedFile.stagingPath(abs);
        try {
            FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            ParquetWriter w = new ParquetWriter(abs, temp, schema, options, layout, ch, memory, shared);
            try {
                w.writeBytes(MAGIC, 0, MAGIC.length);
            } catch (RuntimeException e) {
                w.abort();
                throw e;
            }
            return w;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + temp + ": " + e.getMessage(), e);
        }
    }

    /** Opens with {@link WriterOptions#defaults()}. */
    public static ParquetWriter open(Path out, Schema schema) {
        return open(out, schema, WriterOptions.defaults());
    }

    /** The schema being written. */
    public Schema schema() { return schema; }

    /** Rows accepted so far. */
    @Override
    public long rowsWritten() { return totalRows + pendingRows; }

    /** Bytes of the rows buffered for the next row group. */
    long bufferedBytes() { return pendingBytes; }

    /** Bytes written to the file so far (row groups flushed, without the footer). */
    public long bytesWritten() { return position; }

    /**
     * Appends the rows of {@code batch}, whose columns must match the schema by position, name and
     * type. Full row groups are encoded and written before this returns. Do not modify the batch's
     * arrays afterwards (they are buffered by reference).
     *
     * <p>Any exception thrown here aborts the writer (the temporary file is deleted), so a
     * following {@link #close()} — for example from try-with-resources — never commits a partial
     * file. Call {@link #abort()} yourself when your own code fails between writes.
     */
    @Override
    public void write(DataFrame batch) {
        ensureOpen();
        int off = 0;
        try {
            Objects.requireNonNull(batch, "batch");
            check(batch);
            int n = batch.height();
            double bytesPerRow = n == 0 ? 0 : (double) batch.estimatedBytes() / n;
            while (off < n) {
                int take = Math.min(n - off, options.rowGroupRows() - pendingRows);
                if (bytesPerRow > 0) {
                    long room = options.rowGroupBytes() - pendingBytes;
                    take = (int) Math.max(1, Math.min(take, (long) Math.ceil(room / bytesPerRow)));
                }
                pending.add(new Part(batch, off, take));
                pendingRows += take;
                pendingBytes += (long) Math.ceil(take * bytesPerRow);
                off += take;
                track();
                if (pendingRows >= options.rowGroupRows() || pendingBytes >= options.rowGroupBytes()) flushRowGroup();
            }
        } catch (RuntimeException | Error e) {
            abort();
            throw e;
        }
    }

    private void check(DataFrame batch) {
        List<Field> fields = schema.fields();
        if (batch.width() != fields.size()) {
            throw new IllegalArgumentException("batch has " + batch.width() + " columns " + batch.schema().names()
                    + ", the writer's schema has " + fields.size() + " " + schema.names());
        }
        for (int i = 0; i < fields.size(); i++) {
            Column c = batch.column(i);
            Field f = fields.get(i);
            if (!c.name().equals(f.name()) || !c.type().equals(f.type())) {
                throw new IllegalArgumentException("batch column " + i + " is '" + c.name() + "' " + c.type()
                        + ", the schema expects '" + f.name() + "' " + f.type());
            }
        }
    }

    /** Writes the buffered rows as a row group now (no-op when nothing is buffered). */
    public void flush() {
        ensureOpen();
        try {
            flushRowGroup();
        } catch (RuntimeException | Error e) {
            abort();
            throw e;
        }
    }

    private void flushRowGroup() {
        if (pendingRows == 0) return;
        long groupStart = position;
        long uncompressed = 0, compressed = 0;
        int columns = leaves.size();
        List<ChunkMeta> chunks = new ArrayList<>(columns);
        if (workspaces.length == 1) {
            ColumnChunkEncoder.Buffers b = workspaces[0];
            for (int c = 0; c < columns; c++) {
                ColumnChunkEncoder.Result r = encodeLeaf(c, b);
                chunks.add(new ChunkMeta(leaves.get(c), position, r));
                writeBytes(b.chunk.array(), 0, b.chunk.size());
                uncompressed += r.totalUncompressed();
                compressed += r.totalCompressed();
            }
        } else {
            ColumnChunkEncoder.Result[] results = new ColumnChunkEncoder.Result[columns];
            byte[][] encoded = new byte[columns][];
            encodeInParallel(results, encoded);
            for (int c = 0; c < columns; c++) {
                chunks.add(new ChunkMeta(leaves.get(c), position, results[c]));
                writeBytes(encoded[c], 0, encoded[c].length);
                encoded[c] = null;
                uncompressed += results[c].totalUncompressed();
                compressed += results[c].totalCompressed();
            }
            encodedBytes = 0;
        }
        writeBloomFilters(chunks);
        writePageIndex(chunks);
        rowGroups.add(new RowGroupMeta(List.copyOf(chunks), pendingRows, groupStart, uncompressed, compressed));
        totalRows += pendingRows;
        pending.clear();
        pendingRows = 0;
        pendingBytes = 0;
        track();
    }

    /** Whether {@code leaf} is one of the columns {@link WriterOptions#bloomFilterColumns()} names (by top-level name or dotted path). */
    private static boolean bloomFilter(ColumnLayout.Leaf leaf, WriterOptions options) {
        return options.bloomFilterColumns().contains(leaf.path().get(0)) || options.bloomFilterColumns().contains(String.join(".", leaf.path()));
    }

    /**
     * Writes the row group's Bloom filters right after its chunks (readers find them through the
     * footer's offsets), so no filter is held past its row group.
     */
    private void writeBloomFilters(List<ChunkMeta> chunks) {
        for (int c = 0; c < chunks.size(); c++) {
            byte[] bits = encoders[c].takeBloomFilter();
            if (bits == null) continue;
            ThriftCompactWriter h = new ThriftCompactWriter();
            // BloomFilterHeader: numBytes, algorithm BLOCK, hash XXHASH, compression UNCOMPRESSED
            h.beginStruct().i32Field(1, bits.length);
            h.structField(2).beginStruct().emptyStructField(1).endStruct();
            h.structField(3).beginStruct().emptyStructField(1).endStruct();
            h.structField(4).beginStruct().emptyStructField(1).endStruct();
            h.endStruct();
            byte[] header = h.toByteArray();
            long offset = position;
            writeBytes(header, 0, header.length);
            writeBytes(bits, 0, bits.length);
            ChunkMeta m = chunks.get(c);
            chunks.set(c, new ChunkMeta(m.leaf(), m.offset(), m.result(), offset, header.length + bits.length, null));
        }
    }

    /** Encodes leaf {@code c} of the buffered rows with {@code b}'s buffers (shredding it first when nested). */
    private ColumnChunkEncoder.Result encodeLeaf(int c, ColumnChunkEncoder.Buffers b) {
        ColumnLayout.Leaf leaf = leaves.get(c);
        List<ColumnChunkEncoder.Segment> segs = new ArrayList<>(pending.size());
        for (Part p : pending) segs.add(new ColumnChunkEncoder.Segment(p.frame().column(leaf.topLevel()), p.from(), p.len()));
        if (leaf.flat()) return encoders[c].encode(b, segs, pendingRows);
        return encoders[c].encodeNested(b, shredders[c].shred(segs), leaf.maxDef(), leaf.maxRep());
    }

    /**
     * Encodes the row group's columns on the pool's threads and this one, each taking the next
     * column not yet taken; the encoded chunks are kept (and reserved) until written in order.
     */
    private void encodeInParallel(ColumnChunkEncoder.Result[] results, byte[][] encoded) {
        if (pool == null) {
            AtomicInteger ids = new AtomicInteger();
            pool = Executors.newFixedThreadPool(workspaces.length - 1, r -> {
                Thread t = new Thread(r, "parquet-writer-" + ids.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> helpers = new ArrayList<>(workspaces.length - 1);
        for (int w = 1; w < workspaces.length; w++) {
            int slot = w;
            helpers.add(pool.submit(() -> encodeColumns(slot, next, results, encoded)));
        }
        Throwable failure = null;
        try {
            encodeColumns(0, next, results, encoded);
        } catch (RuntimeException | Error e) {
            failure = e;
            next.set(Integer.MAX_VALUE / 2);   // the helpers take no further columns
        }
        for (Future<?> f : helpers) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) failure = e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) failure = e;
            }
        }
        if (failure instanceof RuntimeException re) throw re;
        if (failure instanceof Error err) throw err;
        if (failure != null) throw new IllegalStateException("encoding " + target + " was interrupted", failure);
        long bytes = 0;
        for (byte[] e : encoded) bytes += e.length;
        encodedBytes = bytes;
        track();
    }

    private void encodeColumns(int slot, AtomicInteger next, ColumnChunkEncoder.Result[] results, byte[][] encoded) {
        ColumnChunkEncoder.Buffers b = workspaces[slot];
        if (b == null) b = workspaces[slot] = new ColumnChunkEncoder.Buffers(options);
        for (int c = next.getAndIncrement(); c < encoders.length; c = next.getAndIncrement()) {
            results[c] = encodeLeaf(c, b);
            encoded[c] = Arrays.copyOf(b.chunk.array(), b.chunk.size());
        }
    }

    /** Keeps the reservation at the buffered rows, the encoded chunks not yet written and the threads' scratch buffers. */
    private void track() {
        if (reserved == null) return;
        long scratch = 0;
        if (!sharedBuffers) for (ColumnChunkEncoder.Buffers b : workspaces) if (b != null) scratch += b.retainedBytes();
        for (LevelShredder sh : shredders) if (sh != null) scratch += sh.retainedBytes();
        for (ColumnChunkEncoder e : encoders) scratch += e.retainedBytes();
        reserved.resize(pendingBytes + encodedBytes + scratch);
    }

    private void writeBytes(byte[] b, int off, int len) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            while (buf.hasRemaining()) channel.write(buf);
            position += len;
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + target + " failed: " + e.getMessage(), e);
        }
    }

    /** Writes remaining rows and the footer, then moves the file into place. */
    @Override
    public void close() {
        if (closed) return;
        if (failed) {
            closed = true;
            return;
        }
        try {
            flushRowGroup();
            byte[] footer = footer();
            writeBytes(footer, 0, footer.length);
            byte[] tail = new byte[8];
            int len = footer.length;
            tail[0] = (byte) len; tail[1] = (byte) (len >>> 8); tail[2] = (byte) (len >>> 16); tail[3] = (byte) (len >>> 24);
            System.arraycopy(MAGIC, 0, tail, 4, 4);
            writeBytes(tail, 0, 8);
            if (options.sync()) channel.force(false);
            channel.close();
            closeEncoders();
            StagedFile.commit(temp, target);
            closed = true;
            release();
        } catch (IOException e) {
            abort();
            closed = true;
            throw new UncheckedIOException("finishing " + target + " failed: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            abort();
            closed = true;
            throw e;
        }
    }

    /** Discards everything written: closes and deletes the temporary file. The target is untouched. */
    @Override
    public void abort() {
        if (failed || closed) return;
        failed = true;
        pending.clear();
        release();
        try {
            channel.close();
        } catch (IOException ignored) {
            // deleting is what matters
        }
        closeEncoders();
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // nothing more we can do
        }
    }

    private void closeEncoders() {
        if (pool != null) pool.shutdownNow();
        if (!sharedBuffers) for (ColumnChunkEncoder.Buffers b : workspaces) if (b != null) b.compressor.close();
    }

    private void release() {
        if (reserved != null) reserved.close();
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("writer for " + target + " is closed");
        if (failed) throw new IllegalStateException("writer for " + target + " failed earlier and was aborted");
    }

    // ------------------------------------------------------------------ footer (parquet.thrift FileMetaData)

    /**
     * Writes the row group's column indexes, then its offset indexes, right after it (readers find
     * them through the footer), and keeps only their locations: a file of many small row groups does
     * not hold every page's statistics until it closes.
     */
    private void writePageIndex(List<ChunkMeta> chunks) {
        if (!options.pageIndex()) return;
        long[] ciOffset = new long[chunks.size()];
        int[] ciLength = new int[chunks.size()];
        for (int c = 0; c < chunks.size(); c++) {
            PageIndexBuilder.Pages p = chunks.get(c).result().pages();
            if (!options.statistics() || !p.columnIndex()) continue;
            byte[] b = columnIndex(p);
            ciOffset[c] = position;
            ciLength[c] = b.length;
            writeBytes(b, 0, b.length);
        }
        for (int c = 0; c < chunks.size(); c++) {
            ChunkMeta m = chunks.get(c);
            byte[] b = offsetIndex(m);
            IndexLocation at = new IndexLocation(ciOffset[c], ciLength[c], position, b.length);
            writeBytes(b, 0, b.length);
            chunks.set(c, new ChunkMeta(m.leaf(), m.offset(), m.result().withoutPages(), m.bloomOffset(), m.bloomLength(), at));
        }
    }

    /** parquet.thrift ColumnIndex. */
    private static byte[] columnIndex(PageIndexBuilder.Pages p) {
        ThriftCompactWriter w = new ThriftCompactWriter();
        int n = p.count();
        w.beginStruct();
        w.listField(1, ThriftCompactWriter.T_BOOL_TRUE, n);
        for (boolean b : p.nullPages()) w.boolValue(b);
        w.listField(2, ThriftCompactWriter.T_BINARY, n);
        for (byte[] b : p.mins()) w.binaryValue(b);
        w.listField(3, ThriftCompactWriter.T_BINARY, n);
        for (byte[] b : p.maxs()) w.binaryValue(b);
        w.i32Field(4, p.boundaryOrder());
        w.listField(5, ThriftCompactWriter.T_I64, n);
        for (long c : p.nullCounts()) w.i64Value(c);
        w.endStruct();
        return w.toByteArray();
    }

    /** parquet.thrift OffsetIndex: the data pages' file offsets, sizes and first rows. */
    private static byte[] offsetIndex(ChunkMeta c) {
        PageIndexBuilder.Pages p = c.result().pages();
        long dataStart = c.offset();
        ThriftCompactWriter w = new ThriftCompactWriter();
        w.beginStruct();
        w.listField(1, ThriftCompactWriter.T_STRUCT, p.count());
        for (int i = 0; i < p.count(); i++) {
            w.beginStruct().i64Field(1, dataStart + p.offsets()[i]).i32Field(2, p.sizes()[i]).i64Field(3, p.firstRows()[i]).endStruct();
        }
        w.endStruct();
        return w.toByteArray();
    }

    private byte[] footer() {
        ThriftCompactWriter w = new ThriftCompactWriter();
        w.beginStruct();
        w.i32Field(1, 1);
        w.listField(2, ThriftCompactWriter.T_STRUCT, layout.schemaElements() + 1);
        w.beginStruct().stringField(4, "schema").i32Field(5, schema.size()).endStruct();
        layout.writeSchemaElements(w);
        w.i64Field(3, totalRows);
        w.listField(4, ThriftCompactWriter.T_STRUCT, rowGroups.size());
        for (int g = 0; g < rowGroups.size(); g++) writeRowGroup(w, rowGroups.get(g), g);
        if (!options.metadata().isEmpty()) {
            w.listField(5, ThriftCompactWriter.T_STRUCT, options.metadata().size());
            for (Map.Entry<String, String> e : options.metadata().entrySet()) {
                w.beginStruct().stringField(1, e.getKey());
                if (e.getValue() != null) w.stringField(2, e.getValue());
                w.endStruct();
            }
        }
        w.stringField(6, CREATED_BY);
        w.listField(7, ThriftCompactWriter.T_STRUCT, leaves.size());
        for (int i = 0; i < leaves.size(); i++) {
            w.beginStruct().emptyStructField(1).endStruct();   // TypeDefinedOrder
        }
        w.endStruct();
        return w.toByteArray();
    }

    private void writeRowGroup(ThriftCompactWriter w, RowGroupMeta g, int ordinal) {
        w.beginStruct();
        w.listField(1, ThriftCompactWriter.T_STRUCT, g.chunks().size());
        for (ChunkMeta c : g.chunks()) writeColumnChunk(w, c);
        w.i64Field(2, g.uncompressed());
        w.i64Field(3, g.rows());
        w.i64Field(5, g.offset());
        w.i64Field(6, g.compressed());
        w.i16Field(7, ordinal);
        w.endStruct();
    }

    private void writeColumnChunk(ThriftCompactWriter w, ChunkMeta c) {
        IndexLocation index = c.index();
        ColumnChunkEncoder.Result r = c.result();
        w.beginStruct();
        w.i64Field(2, c.offset());
        w.structField(3).beginStruct();
        w.i32Field(1, c.spec().physical().id);
        w.listField(2, ThriftCompactWriter.T_I32, r.encodings().size());
        for (Encoding e : r.encodings()) w.i32Value(e.id);
        w.listField(3, ThriftCompactWriter.T_BINARY, c.leaf().path().size());
        for (String name : c.leaf().path()) w.stringValue(name);
        w.i32Field(4, options.codec().id);
        w.i64Field(5, r.numValues());
        w.i64Field(6, r.totalUncompressed());
        w.i64Field(7, r.totalCompressed());
        w.i64Field(9, c.offset() + r.dictionaryPageBytes());
        if (r.dictionaryPageBytes() > 0) w.i64Field(11, c.offset());
        if (options.statistics()) {
            w.structField(12).beginStruct();
            w.i64Field(3, r.nullCount());
            if (r.min() != null && r.max() != null) {
                w.binaryField(5, r.max());
                w.binaryField(6, r.min());
            }
            w.endStruct();
        }
        if (c.bloomLength() > 0) {
            w.i64Field(14, c.bloomOffset());
            w.i32Field(15, c.bloomLength());
        }
        w.endStruct();
        if (index != null) {
            w.i64Field(4, index.offsetIndexOffset());
            w.i32Field(5, index.offsetIndexLength());
            if (index.columnIndexLength() > 0) {
                w.i64Field(6, index.columnIndexOffset());
                w.i32Field(7, index.columnIndexLength());
            }
        }
        w.endStruct();
    }
}
