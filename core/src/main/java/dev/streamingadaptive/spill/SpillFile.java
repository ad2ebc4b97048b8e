package dev.streamingadaptive.spill;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.memory.FixedChunkStrategy;
import dev.streamingadaptive.parquet.meta.CompressionCodec;
import dev.streamingadaptive.parquet.write.ParquetWriter;
import dev.streamingadaptive.parquet.write.WriterOptions;
import dev.streamingadaptive.reader.AdaptiveStreamingReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Batches spilled to one file and read back in the order written: a Parquet file of our own writer
 * (flat columns of every type; LZ4, plain encodings, no statistics: written fast, read by our own
 * reader with the memory budget's batch sizing). The file appears only once complete (the writer
 * renames a temporary file), and a failed write leaves nothing behind.
 */
public final class SpillFile {
    /** Rows per row group: small enough that reading back decodes a bounded piece at a time. */
    private static final int ROW_GROUP_ROWS = 1 << 16;

    private final Path path;
    private final long rows;
    private final long bytes;

    private SpillFile(Path path, long rows, long bytes) {
        this.path = path;
        this.rows = rows;
        this.bytes = bytes;
    }

    /** Writes batches of one schema to a new file of {@code dir}. */
    public static Writer writer(SpillDirectory dir, String what, Schema schema) {
        return new Writer(dir, what, schema, ROW_GROUP_ROWS);
    }

    /**
     * Writes batches of one schema to a new file of {@code dir} in row groups of {@code rowGroupRows}
     * rows: the batches read back have at most that many rows (a reader that holds many files' batches
     * at once, a merge say, keeps them small).
     */
    public static Writer writer(SpillDirectory dir, String what, Schema schema, int rowGroupRows) {
        if (rowGroupRows < 1) throw new IllegalArgumentException("rowGroupRows must be positive, got " + rowGroupRows);
        return new Writer(dir, what, schema, rowGroupRows);
    }

    public Path path() { return path; }

    /** Rows in the file. */
    public long rows() { return rows; }

    /** Bytes on disk. */
    public long bytes() { return bytes; }

    /** The batches back, in order; close the stream when done (then {@link #delete()}). */
    public Stream<DataFrame> read() {
        AdaptiveStreamingReader r = AdaptiveStreamingReader.open(path);
        return r.stream().onClose(r::close);
    }

    /**
     * The batches back, in order, each of at most {@code batchRows} rows (a reader holding many
     * files' batches at once, a merge say, keeps them small), its columns decoded on the calling
     * thread; close the stream when done.
     */
    public Stream<DataFrame> read(int batchRows) {
        AdaptiveStreamingReader r = AdaptiveStreamingReader.open(path).withChunkStrategy(new FixedChunkStrategy(batchRows)).withThreads(1);
        return r.stream().onClose(r::close);
    }

    /** Deletes the file (it is gone with its folder anyway). */
    public void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete spill file " + path + ": " + e.getMessage(), e);
        }
    }

    /** Appends batches; {@link #finish()} makes the file. Not thread-safe. */
    public static final class Writer implements AutoCloseable {
        private final String what;
        private final Path path;
        private final ParquetWriter writer;
        private boolean done;

        private Writer(SpillDirectory dir, String what, Schema schema, int rowGroupRows) {
            this.what = what;
            this.path = dir.newFile(what);
            try {
                this.writer = ParquetWriter.open(path, schema, WriterOptions.defaults().withCodec(CompressionCodec.LZ4_RAW)
                        .withDictionary(false).withStatistics(false).withPageChecksums(false).withRowGroupRows(rowGroupRows)
                        .withPageIndex(false).withThreads(1)); // and no fsync: a spill is worthless after a crash
            } catch (UncheckedIOException e) {
                throw failed(e, 0);
            }
        }

        /** Appends one batch (buffered by reference until its row group is written). */
        public void write(DataFrame batch) {
            try {
                writer.write(batch);
            } catch (UncheckedIOException e) {
                throw failed(e, writer.bytesWritten());
            }
        }

        /**
         * Writes the buffered rows now as a row group of their own: a caller writing many files at
         * once bounds what the writers hold by reference (each would otherwise keep up to a full row
         * group of batches).
         */
        public void flush() {
            try {
                writer.flush();
            } catch (UncheckedIOException e) {
                throw failed(e, writer.bytesWritten());
            }
        }

        /** Writes what is buffered and the footer; the file is complete. */
        public SpillFile finish() {
            long rows = writer.rowsWritten();
            try {
                writer.close();
                done = true;
                return new SpillFile(path, rows, Files.size(path));
            } catch (UncheckedIOException e) {
                throw failed(e, writer.bytesWritten());
            } catch (IOException e) {
                throw failed(new UncheckedIOException(e), writer.bytesWritten());
            }
        }

        /** Discards what was written unless {@link #finish()} succeeded. */
        @Override
        public void close() {
            if (!done) writer.abort();
        }

        private SpillException failed(UncheckedIOException e, long written) {
            if (writer != null) writer.abort();
            done = true;
            return new SpillException("spilling " + what + " to " + path.getParent() + " failed after " + written + " bytes: "
                    + e.getCause().getMessage() + "; free disk space there or set -D" + SpillDirectory.BASE_PROPERTY
                    + "=<folder with free space>", e.getCause());
        }
    }
}
