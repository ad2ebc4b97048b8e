package dev.streamingadaptive.parquet.write;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.parquet.meta.Encoding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes flat DataFrames to a Parquet file.
 *
 * <pre>{@code
 * try (ParquetWriter w = ParquetWriter.open(path, schema, WriterOptions.defaults())) {
 *     w.write(batch1);
 *     w.write(batch2);
 * }   // close() writes the footer and moves the file into place
 * }</pre>
 *
 * <p>Rows are buffered (by reference — the columns are immutable) until a row group is full; then
 * the row group is encoded one column chunk at a time and written. The data goes to a hidden
 * temporary file in the target folder which {@link #close()} atomically renames to the target; if
 * anything fails the temporary file is deleted and the target is left untouched. Peak memory is
 * about one row group of input plus one encoded column chunk. Not thread-safe.
 */
public final class ParquetWriter implements AutoCloseable {
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    /** Value of FileMetaData.created_by. */
    public static final String CREATED_BY = "streaming-adaptive version 0.1.0";

    private record Part(DataFrame frame, int from, int len) {}

    private record ChunkMeta(LeafSpec spec, long offset, ColumnChunkEncoder.Result result) {}

    private record RowGroupMeta(List<ChunkMeta> chunks, long rows, long offset, long uncompressed, long compressed) {}

    private final Path target;
    private final Path temp;
    private final Schema schema;
    private final WriterOptions options;
    private final List<LeafSpec> leaves;
    private final FileChannel channel;
    private final PageCompressor compressor;
    private final ColumnChunkEncoder[] encoders;
    private final List<Part> pending = new ArrayList<>();
    private final List<RowGroupMeta> rowGroups = new ArrayList<>();
    private int pendingRows;
    private long position;
    private long totalRows;
    private boolean closed;
    private boolean failed;
    private boolean sync = true;

    private ParquetWriter(Path target, Path temp, Schema schema, WriterOptions options, List<LeafSpec> leaves, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.schema = schema;
        this.options = options;
        this.leaves = leaves;
        this.channel = channel;
        this.compressor = new PageCompressor(options.codec(), options.compressionLevel());
        this.encoders = new ColumnChunkEncoder[leaves.size()];
        ColumnChunkEncoder.Buffers buffers = new ColumnChunkEncoder.Buffers(options);
        for (int i = 0; i < encoders.length; i++) encoders[i] = new ColumnChunkEncoder(leaves.get(i), options, compressor, buffers);
    }

    /**
     * Starts writing {@code out} (replaced on {@link #close()} if it exists).
     *
     * @throws UnsupportedOperationException for nested (LIST/STRUCT/MAP) or otherwise unwritable types
     * @throws UncheckedIOException when the temporary file cannot be created
     */
    public static ParquetWriter open(Path out, Schema schema, WriterOptions options) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(options, "options");
        List<LeafSpec> leaves = new ArrayList<>(schema.size());
        for (Field f : schema.fields()) leaves.add(LeafSpec.of(f));
        Path abs = out.toAbsolutePath();
        Path dir = abs.getParent();
        Path temp = dir.resolve("." + abs.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            ParquetWriter w = new ParquetWriter(abs, temp, schema, options, List.copyOf(leaves), ch);
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

    /**
     * Skips forcing the file to disk on {@link #close()}: for temporary files (spills) that are
     * worthless after a crash, where an fsync per file dominates the cost of writing small ones.
     */
    public ParquetWriter withoutSync() {
        sync = false;
        return this;
    }

    /** Opens with {@link WriterOptions#defaults()}. */
    public static ParquetWriter open(Path out, Schema schema) {
        return open(out, schema, WriterOptions.defaults());
    }

    /** The schema being written. */
    public Schema schema() { return schema; }

    /** Rows accepted so far. */
    public long rowsWritten() { return totalRows + pendingRows; }

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
    public void write(DataFrame batch) {
        ensureOpen();
        int off = 0;
        try {
            Objects.requireNonNull(batch, "batch");
            check(batch);
            int n = batch.height();
            while (off < n) {
                int take = Math.min(n - off, options.rowGroupRows() - pendingRows);
                pending.add(new Part(batch, off, take));
                pendingRows += take;
                off += take;
                if (pendingRows >= options.rowGroupRows()) flushRowGroup();
            }
        } catch (RuntimeException | Error e) {
            abort();
            throw e;
        }
    }

    private void check(DataFrame batch) {
        if (batch.width() != leaves.size()) {
            throw new IllegalArgumentException("batch has " + batch.width() + " columns " + batch.schema().names()
                    + ", the writer's schema has " + leaves.size() + " " + schema.names());
        }
        for (int i = 0; i < leaves.size(); i++) {
            Column c = batch.column(i);
            LeafSpec s = leaves.get(i);
            if (!c.name().equals(s.name()) || !c.type().equals(s.type())) {
                throw new IllegalArgumentException("batch column " + i + " is '" + c.name() + "' " + c.type()
                        + ", the schema expects '" + s.name() + "' " + s.type());
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
        List<ChunkMeta> chunks = new ArrayList<>(leaves.size());
        List<ColumnChunkEncoder.Segment> segs = new ArrayList<>(pending.size());
        for (int c = 0; c < leaves.size(); c++) {
            segs.clear();
            for (Part p : pending) segs.add(new ColumnChunkEncoder.Segment(p.frame().column(c), p.from(), p.len()));
            ColumnChunkEncoder enc = encoders[c];
            ColumnChunkEncoder.Result r = enc.encode(segs, pendingRows);
            long offset = position;
            writeBytes(enc.chunkBytes(), 0, enc.chunkSize());
            chunks.add(new ChunkMeta(leaves.get(c), offset, r));
            uncompressed += r.totalUncompressed();
            compressed += r.totalCompressed();
        }
        rowGroups.add(new RowGroupMeta(List.copyOf(chunks), pendingRows, groupStart, uncompressed, compressed));
        totalRows += pendingRows;
        pending.clear();
        pendingRows = 0;
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
            if (sync) channel.force(false);
            channel.close();
            compressor.close();
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            closed = true;
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
    public void abort() {
        if (failed || closed) return;
        failed = true;
        pending.clear();
        try {
            channel.close();
        } catch (IOException ignored) {
            // deleting is what matters
        }
        compressor.close();
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // nothing more we can do
        }
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("writer for " + target + " is closed");
        if (failed) throw new IllegalStateException("writer for " + target + " failed earlier and was aborted");
    }

    // ------------------------------------------------------------------ footer (parquet.thrift FileMetaData)

    private byte[] footer() {
        ThriftCompactWriter w = new ThriftCompactWriter();
        w.beginStruct();
        w.i32Field(1, 1);
        w.listField(2, ThriftCompactWriter.T_STRUCT, leaves.size() + 1);
        w.beginStruct().stringField(4, "schema").i32Field(5, leaves.size()).endStruct();
        for (LeafSpec l : leaves) l.writeSchemaElement(w);
        w.i64Field(3, totalRows);
        w.listField(4, ThriftCompactWriter.T_STRUCT, rowGroups.size());
        for (int g = 0; g < rowGroups.size(); g++) writeRowGroup(w, rowGroups.get(g), g);
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
        ColumnChunkEncoder.Result r = c.result();
        w.beginStruct();
        w.i64Field(2, c.offset());
        w.structField(3).beginStruct();
        w.i32Field(1, c.spec().physical().id);
        w.listField(2, ThriftCompactWriter.T_I32, r.encodings().size());
        for (Encoding e : r.encodings()) w.i32Value(e.id);
        w.listField(3, ThriftCompactWriter.T_BINARY, 1);
        w.stringValue(c.spec().name());
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
        w.endStruct();
        w.endStruct();
    }
}
